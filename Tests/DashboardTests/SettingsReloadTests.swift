@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// Config that reloads: an edit of keys.yaml or theme.yaml applies to the running dashboard, a
/// bad edit names its file and line and keeps what is in force, and `:theme NAME` switches
/// between the three themes that ship. Expected styles are read off the theme files by hand.
@Suite struct SettingsReloadTests {
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config")

    /// A config folder of its own with the given files, and a dashboard over a small estate
    /// watching it, as `cloudtop --config DIR` starts.
    final class Folder {
        let path: String
        let files: SettingsFiles
        let dashboard: Dashboard

        init(_ contents: [String: String]) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-settings-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/themes", withIntermediateDirectories: true)
            files = SettingsFiles(directory: path)
            for (name, text) in contents { try Self.write(text, to: path + "/" + name) }
            let settings = try files.load()
            dashboard = Dashboard(estate: Estate(name: "settings", seed: 1), keymap: settings.keymap, theme: settings.theme)
            dashboard.watchSettings(files, loaded: settings)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String) throws { try Self.write(text, to: path + "/" + name) }

        /// Written to a new file renamed over the old one, as editors save: a new inode, so the
        /// edit shows even within one tick of the file system's clock.
        static func write(_ text: String, to path: String) throws {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    // MARK: - The one list

    @Test func theCatalogIsTheThemesFolderAndTheBuiltInCopiesMatchIt() throws {
        let folder = Self.configDirectory.appendingPathComponent("themes")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
        #expect(onDisk.sorted() == ThemeCatalog.names.sorted())
        #expect(DefaultThemes.files.keys.sorted() == ThemeCatalog.names.sorted())
        for name in ThemeCatalog.names {
            #expect(try String(contentsOf: folder.appendingPathComponent("\(name).yaml"), encoding: .utf8) == DefaultThemes.files[name], "\(name)")
            // Every shipped theme loads over dark and styles every role.
            let theme = try SettingsFiles.builtIn.load(preferredTheme: name).theme
            for role in Theme.roles { #expect(theme.styles[role] != nil, "\(name): \(role)") }
        }
    }

    @Test func theShippedThemeFileNamesDarkAndRestylesNothing() throws {
        let settings = try SettingsFiles(directory: Self.configDirectory.path).load()
        #expect(settings.themeName == "dark")
        #expect(settings.fileThemeName == "dark")
        #expect(settings.theme.styles == Theme.defaults.styles)
    }

    // MARK: - Reloading

    @Test func anEditOfKeysAppliesAndABadOneKeepsTheKeysInForce() throws {
        let folder = try Folder(["keys.yaml": "# mine\n"])
        let d = folder.dashboard
        #expect(!d.reloadSettingsIfChanged(), "nothing changed, nothing read")
        #expect(d.keymap.action(for: .character("q"), in: .global) == .quit)

        try folder.write("keys.yaml", "# mine\nquit: ctrl-q\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.keymap.action(for: .ctrl("q"), in: .global) == .quit)
        #expect(d.keymap.action(for: .character("q"), in: .global) == nil)
        #expect(d.state.message?.isError == false)
        #expect(d.state.message?.text.contains("Reloaded keys.yaml") == true, "\(String(describing: d.state.message))")

        // `s` stops an instance in the EC2 view, which is active together with quit: a conflict on line 2.
        try folder.write("keys.yaml", "# mine\nquit: s\n")
        #expect(d.reloadSettingsIfChanged())
        let message = try #require(d.state.message)
        #expect(message.isError)
        #expect(message.text.hasPrefix("\(folder.path)/keys.yaml:2: "), "\(message.text)")
        #expect(message.text.contains("bound to both"), "\(message.text)")
        #expect(d.keymap.action(for: .ctrl("q"), in: .global) == .quit, "the keys in force stay")
        #expect(!d.reloadSettingsIfChanged(), "a bad edit is read once, not every second until fixed")

        // Pressing the key still in force works.
        d.handle(.key(.ctrl("q")))
        #expect(d.shouldQuit)
    }

    @Test func anEditOfTheThemeAppliesAndABadOneKeepsTheThemeInForce() throws {
        let folder = try Folder(["theme.yaml": "theme: dark\n"])
        let d = folder.dashboard
        #expect(d.theme["selection"] == Style(attributes: [.reverse, .bold]), "dark.yaml: selection: reverse bold")

        try folder.write("theme.yaml", "theme: dark\nselection: black on green\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.theme["selection"] == Style(foreground: .black, background: .green))

        try folder.write("theme.yaml", "theme: dark\nselection: black on purple\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.state.message?.isError == true)
        #expect(d.state.message?.text.hasPrefix("\(folder.path)/theme.yaml:2: ") == true, "\(String(describing: d.state.message))")
        #expect(d.theme["selection"] == Style(foreground: .black, background: .green), "the theme in force stays")

        try folder.write("theme.yaml", "theme: solarized\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.state.message?.text.contains("theme.yaml:1: unknown theme 'solarized'; themes: dark, light, high-contrast") == true,
                "\(String(describing: d.state.message))")
        #expect(d.themeName == "dark")
    }

    @Test func aMistakeInOneFileLeavesTheOtherFreeToApply() throws {
        let folder = try Folder(["keys.yaml": "quit: ctrl-q\n", "theme.yaml": "theme: dark\n"])
        let d = folder.dashboard
        try folder.write("keys.yaml", "quit: s\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.state.message?.isError == true)
        try folder.write("theme.yaml", "theme: light\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.themeName == "light")
        #expect(d.theme["accent"] == Style(foreground: .blue), "light.yaml: accent: blue")
        #expect(d.keymap.action(for: .ctrl("q"), in: .global) == .quit, "the keys in force stay")
        #expect(d.state.message == StatusMessage(text: "Reloaded theme.yaml; theme light.", isError: false))
        // Both wrong at once: both errors, nothing applied.
        try folder.write("keys.yaml", "quit: x\nhelp: x\n")
        try folder.write("theme.yaml", "theme: light\nok: purple\n")
        #expect(d.reloadSettingsIfChanged())
        let text = d.state.message?.text ?? ""
        #expect(text.contains("keys.yaml:") && text.contains("theme.yaml:2: ok: unknown colour or attribute 'purple'"), "\(text)")
        #expect(d.theme["ok"] == Style(foreground: .green))
    }

    @Test func anEditedThemeFileAppliesWhileThatThemeIsInForce() throws {
        let folder = try Folder(["theme.yaml": "theme: light\n", "themes/light.yaml": "accent: blue\n"])
        let d = folder.dashboard
        #expect(d.themeName == "light")
        #expect(d.theme["accent"] == Style(foreground: .blue))
        #expect(d.theme["ok"] == Style(foreground: .green), "a role light does not name keeps dark's")
        try folder.write("themes/light.yaml", "accent: magenta\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.theme["accent"] == Style(foreground: .magenta))
    }

    @Test func thePaletteChoiceStandsUntilTheFilesThemeLineChanges() throws {
        let folder = try Folder(["theme.yaml": "theme: dark\n"])
        let d = folder.dashboard
        d.runPaletteLine("theme light")
        #expect(d.themeName == "light")
        // An edit of another line keeps the palette's choice, with the edit applied over it.
        try folder.write("theme.yaml", "theme: dark\nok: bright-green\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.themeName == "light")
        #expect(d.theme["accent"] == Style(foreground: .blue), "light.yaml: accent: blue")
        #expect(d.theme["ok"] == Style(foreground: .brightGreen))
        // An edit of the theme line itself wins.
        try folder.write("theme.yaml", "theme: high-contrast\nok: bright-green\n")
        #expect(d.reloadSettingsIfChanged())
        #expect(d.themeName == "high-contrast")
        #expect(d.theme["accent"] == Style(foreground: .brightCyan, attributes: .bold), "high-contrast.yaml: accent: bright-cyan bold")
    }

    @Test func aBadFileAtStartIsAnErrorWithItsLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-settings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# a comment\ntheme: ligth\n".write(toFile: path + "/theme.yaml", atomically: true, encoding: .utf8)
        #expect { try SettingsFiles(directory: path).load() } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.file == path + "/theme.yaml" && e.line == 2 && e.message.contains("unknown theme 'ligth' (did you mean 'light'?)")
        }
    }

    // MARK: - :theme in the memory buffer

    /// The active tab's first cell, where `tab.active` shows.
    static func activeTabStyle(_ d: Dashboard) -> Style {
        let size = Size(width: 120, height: 40)
        d.refresh()
        d.arrange(for: size)
        var buffer = Buffer(size: size)
        d.render(into: &buffer)
        let tab = d.tabs.first { $0.view == d.state.view }!
        return buffer[tab.columns.lowerBound + 1, 1].style
    }

    @Test func themeSwitchesTheScreenThroughThePalette() {
        let d = Dashboard(estate: Estate(name: "themes", seed: 1))
        // Hand-read from the files: tab.active is "black on cyan bold" in dark, "white on blue bold"
        // in light, "black on bright-yellow bold" in high-contrast.
        #expect(Self.activeTabStyle(d) == Style(foreground: .black, background: .cyan, attributes: .bold))
        for (name, style) in [("light", Style(foreground: .white, background: .blue, attributes: .bold)),
                              ("high-contrast", Style(foreground: .black, background: .brightYellow, attributes: .bold)),
                              ("dark", Style(foreground: .black, background: .cyan, attributes: .bold))] {
            d.handle(.key(.character(":")))
            for ch in "theme \(name)" { d.handle(.key(.character(ch))) }
            d.handle(.key(.enter))
            #expect(d.themeName == name)
            #expect(d.state.message == StatusMessage(text: "Theme \(name).", isError: false))
            #expect(Self.activeTabStyle(d) == style, "\(name)")
        }
    }

    @Test func anUnknownThemeIsRefusedAndChangesNothing() {
        let d = Dashboard(estate: Estate(name: "themes", seed: 1))
        let before = Self.activeTabStyle(d)
        d.runPaletteLine("theme solarised")
        #expect(d.state.message == StatusMessage(text: "theme: unknown theme 'solarised'; themes: dark, light, high-contrast", isError: true))
        #expect(d.themeName == "dark")
        #expect(Self.activeTabStyle(d) == before)
        d.runPaletteLine("theme")
        #expect(d.state.message == StatusMessage(text: "theme dark; themes: dark, light, high-contrast", isError: false))
    }

    @Test func completionAndHelpReadTheCatalog() {
        let completer = CommandCompleter(parser: CommandParser(operations: []))
        #expect(completer.candidates(for: "the") == ["theme"])
        #expect(completer.candidates(for: "theme ") == ["theme dark", "theme light", "theme high-contrast"])
        #expect(completer.candidates(for: "theme h") == ["theme high-contrast"])
        let d = Dashboard(estate: Estate(name: "themes", seed: 1))
        d.handle(.key(.character("?")))
        let size = Size(width: 120, height: 40)
        d.arrange(for: size)
        // The themes line is near the end of the help, which scrolls at this size: page down to it.
        for _ in 0..<3 { d.handle(.key(.pageDown)) }
        d.arrange(for: size)
        var buffer = Buffer(size: size)
        d.render(into: &buffer)
        #expect(buffer.lines.contains { $0.contains(":theme NAME") && $0.contains("dark, light, high-contrast") }, "\(buffer.lines.joined(separator: "\n"))")
    }
}
