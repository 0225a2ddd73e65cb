import Dashboard
import Estate
import Foundation

extension ConfigLocation {
    /// Key bindings and theme, each from its file when present, else the built-in defaults.
    func loadKeysAndTheme() throws -> (Keymap, Theme) {
        let (keysText, keysFile) = try read("keys.yaml", default: DashboardDefaults.keysYAML)
        let (themeText, themeFile) = try read("theme.yaml", default: DashboardDefaults.themeYAML)
        do {
            let keymap = try Keymap.load(keysText, file: keysFile)
            var theme = try Theme.load(themeText, file: themeFile)
            // NO_COLOR (no-color.org): any non-empty value turns colours off, attributes stay.
            if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { theme = theme.monochrome }
            return (keymap, theme)
        } catch {
            throw ValidationFailure(error.description)
        }
    }
}

extension ConfigLocation {
    /// `dashboard.yaml` (the mouse on or off), else the built-in settings.
    func loadSettings() throws -> DashboardSettings {
        let (text, file) = try read("dashboard.yaml", default: DashboardDefaults.dashboardYAML)
        do {
            return try DashboardSettings.load(text, file: file)
        } catch {
            throw ValidationFailure(error.description)
        }
    }
}

/// `--size 120x40`.
func parseSize(_ text: String) -> (width: Int, height: Int)? {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
    return (w, h)
}
