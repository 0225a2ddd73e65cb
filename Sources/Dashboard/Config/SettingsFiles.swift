import Estate
import Foundation

/// Where key bindings and the theme come from: a config folder's `keys.yaml`, `theme.yaml` and
/// `themes/NAME.yaml`, each falling back to the copy built into the binary when the folder (or
/// the file) is absent. Kept by the dashboard so it can read them again while it runs.
public struct SettingsFiles: Sendable {
    /// The config folder, or nil for the built-in copies alone (nothing then changes).
    public let directory: String?
    /// Drop every colour (`NO_COLOR`), keeping attributes.
    public let monochrome: Bool

    public init(directory: String?, monochrome: Bool = false) {
        self.directory = directory
        self.monochrome = monochrome
    }

    /// The built-in copies, never reloaded.
    public static let builtIn = SettingsFiles(directory: nil)

    /// The files a running dashboard watches, by path under the folder.
    public static let watched = ["keys.yaml", "theme.yaml"] + ThemeCatalog.names.map(ThemeCatalog.path)

    /// A file's text and the name its errors carry: the folder's copy, else the built-in one.
    func text(_ name: String) throws(ConfigError) -> (text: String, file: String) {
        let builtIn: String
        switch name {
        case "keys.yaml": builtIn = DashboardDefaults.keysYAML
        case "theme.yaml": builtIn = DashboardDefaults.themeYAML
        default: builtIn = DefaultThemes.files[String(name.dropFirst("themes/".count).dropLast(".yaml".count))] ?? ""
        }
        guard let path = path(name), FileManager.default.fileExists(atPath: path) else { return (builtIn, "(built-in \(name))") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, message: "cannot read the file as UTF-8 text")
        }
        return (text, path)
    }

    private func path(_ name: String) -> String? {
        directory.map { ($0 as NSString).appendingPathComponent(name) }
    }

    /// What a file looks like from outside (inode, size, modification time to the nanosecond),
    /// nil when absent: a change means an edit. One `stat` per file, cheap enough for every second.
    public func stamp(_ name: String) -> FileStamp? {
        guard let path = path(name) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Every watched file's stamp, in `watched` order.
    public func stamps() -> [FileStamp?] { Self.watched.map(stamp) }

    /// Reads keys and theme (both must be right: at start there is nothing to fall back on).
    public func load(preferredTheme preferred: String? = nil) throws(ConfigError) -> Settings {
        let keymap = try loadKeymap()
        let (theme, name, named) = try loadTheme(preferred: preferred)
        return Settings(keymap: keymap, theme: theme, themeName: name, fileThemeName: named)
    }

    /// `keys.yaml` over the defaults.
    public func loadKeymap() throws(ConfigError) -> Keymap {
        let keys = try text("keys.yaml")
        return try Keymap.load(keys.text, file: keys.file)
    }

    /// The theme: `preferred` when given (the palette's `:theme`), else the one `theme.yaml`
    /// names, else dark; `theme.yaml`'s roles restyle it. Also the theme's name and the name
    /// `theme.yaml` gave, if any. A mistake is an error naming its file and line.
    public func loadTheme(preferred: String? = nil) throws(ConfigError) -> (theme: Theme, name: String, fileName: String?) {
        let user = try text("theme.yaml")
        let named = try Theme.selectedName(in: user.text, file: user.file)
        let name = preferred ?? named ?? ThemeCatalog.defaultName
        guard ThemeCatalog.names.contains(name) else {
            throw ConfigError(file: "theme", line: nil, message: ThemeCatalog.unknown(name))
        }
        // Dark first, over the built-in dark (so an older copy of the file lacks no role), then the chosen theme over it.
        let dark = try text(ThemeCatalog.path(ThemeCatalog.defaultName))
        var theme = try Theme.load(dark.text, file: dark.file, over: .defaults)
        if name != ThemeCatalog.defaultName {
            let chosen = try text(ThemeCatalog.path(name))
            theme = try Theme.load(chosen.text, file: chosen.file, over: theme)
        }
        theme = try Theme.load(user.text, file: user.file, over: theme, allowingThemeKey: true)
        if monochrome { theme = theme.monochrome }
        return (theme, name, named)
    }
}

/// Key bindings and a theme as read from the files.
public struct Settings: Sendable {
    public var keymap: Keymap
    public var theme: Theme
    /// The theme in force.
    public var themeName: String
    /// The theme `theme.yaml` named when read, if any: an edit of that line wins over `:theme`.
    public var fileThemeName: String?
}

/// A file's identity and shape on disk, compared to notice edits.
public struct FileStamp: Equatable, Sendable {
    public var inode: UInt64
    public var size: Int64
    public var modified: Int64
}
