import Estate

/// The config files a running dashboard watches and how they looked when last read.
struct SettingsWatch {
    var files: SettingsFiles
    var stamps: [FileStamp?]
    /// What `theme.yaml`'s `theme:` said when last read: only an edit of that line overrides `:theme`.
    var fileThemeName: String?
}

/// Config that reloads: an edit of `keys.yaml`, `theme.yaml` or a theme file applies while the
/// dashboard runs, and `:theme NAME` switches theme. A bad edit changes nothing and says why.
extension Dashboard {
    /// Starts watching `files`, which `settings` (the keys and theme in force) was read from.
    public func watchSettings(_ files: SettingsFiles, loaded settings: Settings) {
        settingsWatch = SettingsWatch(files: files, stamps: files.stamps(), fileThemeName: settings.fileThemeName)
        themeName = settings.themeName
    }

    /// Whether config files are watched for edits.
    public var watchesSettings: Bool { settingsWatch != nil }

    /// Re-reads keys and theme if a watched file changed since the last look (a `stat` per file;
    /// the loop calls it about every quarter second). A mistake goes to the footer with its file
    /// and line, and the keys and theme in force stay. Returns whether anything was re-read.
    @discardableResult
    public func reloadSettingsIfChanged() -> Bool {
        guard var watch = settingsWatch else { return false }
        let stamps = watch.files.stamps()
        guard stamps != watch.stamps else { return false }
        let changed = zip(SettingsFiles.watched, zip(stamps, watch.stamps)).filter { $1.0 != $1.1 }.map { $0.0 }
        // Noted before reading, so a bad edit is reported once, not every second until fixed.
        watch.stamps = stamps
        settingsWatch = watch
        do {
            // The `:theme` choice stands unless the edit changed theme.yaml's own `theme:` line.
            var settings = try watch.files.load()
            if settings.fileThemeName == watch.fileThemeName, settings.themeName != themeName {
                settings = try watch.files.load(preferredTheme: themeName)
            }
            apply(settings)
            settingsWatch?.fileThemeName = settings.fileThemeName
            state.message = StatusMessage(text: "Reloaded \(changed.joined(separator: ", ")); theme \(themeName).", isError: false)
        } catch {
            state.message = StatusMessage(text: "\(error) (not applied; the keys and theme in force stay)", isError: true)
        }
        needsRedraw = true
        return true
    }

    /// `:theme` says which theme is in force and lists them; `:theme NAME` switches to it, with
    /// `theme.yaml`'s own roles still over it.
    func switchTheme(_ arguments: [String]) {
        guard let name = arguments.first, arguments.count == 1 else {
            let usage = arguments.isEmpty ? "" : "usage: theme NAME; "
            state.message = StatusMessage(text: "\(usage)theme \(themeName); themes: \(ThemeCatalog.list)", isError: !arguments.isEmpty)
            return
        }
        guard ThemeCatalog.names.contains(name) else {
            state.message = StatusMessage(text: "theme: \(ThemeCatalog.unknown(name))", isError: true)
            return
        }
        do {
            // Only the theme: keys stay as they are (a test's own keymap, or one a reload has not applied yet).
            let settings = try (settingsWatch?.files ?? .builtIn).load(preferredTheme: name)
            theme = settings.theme
            themeName = settings.themeName
            needsRedraw = true
            state.message = StatusMessage(text: "Theme \(name).", isError: false)
        } catch {
            state.message = StatusMessage(text: "\(error) (theme not switched)", isError: true)
        }
    }

    private func apply(_ settings: Settings) {
        keymap = settings.keymap
        theme = settings.theme
        themeName = settings.themeName
        needsRedraw = true
    }
}
