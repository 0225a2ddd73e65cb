import Dashboard
import Estate
import Foundation

extension ConfigLocation {
    /// The key bindings and theme files of this folder (each falling back to the built-in copy).
    var settingsFiles: SettingsFiles {
        // NO_COLOR (no-color.org): any non-empty value turns colours off, attributes stay.
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return SettingsFiles(directory: directory, monochrome: noColor)
    }

    /// Key bindings and theme, each from its file when present, else the built-in defaults.
    func loadSettings() throws -> Settings {
        do {
            return try settingsFiles.load()
        } catch {
            throw ValidationFailure(error.description)
        }
    }
}

extension ConfigLocation {
    /// `dashboard.yaml` (the mouse on or off), else the built-in settings.
    func loadDashboardSettings() throws -> DashboardSettings {
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
