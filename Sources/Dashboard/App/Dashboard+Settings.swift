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

    /// Re-reads what changed since the last look (a `stat` per file; the loop looks on its wakes,
    /// about once a second): `keys.yaml` for the keys, `theme.yaml` or a theme file for the theme, each
    /// on its own, so a mistake in one leaves the other free to apply. A mistake goes to the footer
    /// with its file and line, and what was in force stays. Returns whether anything was re-read.
    @discardableResult
    public func reloadSettingsIfChanged() -> Bool {
        guard var watch = settingsWatch else { return false }
        let stamps = watch.files.stamps()
        guard stamps != watch.stamps else { return false }
        let changed = zip(SettingsFiles.watched, zip(stamps, watch.stamps)).filter { $1.0 != $1.1 }.map { $0.0 }
        // Noted before reading, so a bad edit is reported once, not every second until fixed.
        watch.stamps = stamps
        settingsWatch = watch
        var applied: [String] = [], errors: [String] = []
        if changed.contains("keys.yaml") {
            do {
                keymap = try watch.files.loadKeymap()
                applied.append("keys.yaml")
            } catch { errors.append(error.description) }
        }
        let themeFiles = changed.filter { $0 != "keys.yaml" }
        if !themeFiles.isEmpty {
            do {
                // The `:theme` choice stands unless the edit changed theme.yaml's own `theme:` line.
                var loaded = try watch.files.loadTheme()
                if loaded.fileName == watch.fileThemeName, loaded.name != themeName {
                    loaded = try watch.files.loadTheme(preferred: themeName)
                }
                theme = loaded.theme
                themeName = loaded.name
                settingsWatch?.fileThemeName = loaded.fileName
                applied += themeFiles
            } catch { errors.append(error.description) }
        }
        if errors.isEmpty {
            state.message = StatusMessage(text: "Reloaded \(applied.joined(separator: ", ")); theme \(themeName).", isError: false)
        } else {
            let kept = applied.isEmpty ? "" : "; reloaded \(applied.joined(separator: ", "))"
            state.message = StatusMessage(text: "\(errors.joined(separator: "; ")) (not applied\(kept))", isError: true)
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
            let loaded = try (settingsWatch?.files ?? .builtIn).loadTheme(preferred: name)
            theme = loaded.theme
            themeName = loaded.name
            needsRedraw = true
            state.message = StatusMessage(text: "Theme \(name).", isError: false)
        } catch {
            state.message = StatusMessage(text: "\(error) (theme not switched)", isError: true)
        }
    }
}
