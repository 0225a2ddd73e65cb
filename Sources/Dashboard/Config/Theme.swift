import Estate
import Terminal
import Yams

/// Styles by role (`header`, `selection`, `state.running`…), never by colour, so a theme file can
/// restyle everything a role covers in one line.
public struct Theme: Sendable {
    public private(set) var styles: [String: Style]

    public init(styles: [String: Style]) { self.styles = styles }

    /// Every role the dashboard draws with; `theme.yaml` may set any of them.
    public static let roles = [
        "header", "header.accent", "footer", "footer.key", "tab.active", "tab.inactive", "border", "title",
        "table.header", "selection", "dim", "accent", "ok", "warning", "error",
        "state.pending", "state.running", "state.shutting-down", "state.terminated", "state.stopping", "state.stopped",
        "event.ec2", "event.kinesis", "event.sim", "sparkline", "gauge", "input", "completion", "dialog",
        "stream.hot", "shard.closed", "tail.key", "tail.data",
        "match",
    ]

    /// The built-in dark theme, which every other theme starts from.
    public static let defaults: Theme = {
        // The built-in file is part of the binary; a mistake in it is a programming error.
        try! Theme.load(DefaultThemes.files[ThemeCatalog.defaultName]!, file: "(built-in themes/dark.yaml)", over: Theme(styles: [:]))
    }()

    public subscript(role: String) -> Style {
        styles[role] ?? styles[role.split(separator: ".").first.map(String.init) ?? ""] ?? .plain
    }

    /// The same theme without colours (`NO_COLOR`): attributes only, so selection stays visible.
    public var monochrome: Theme {
        Theme(styles: styles.mapValues { Style(attributes: $0.attributes) }.merging(["selection": Style(attributes: .reverse)]) { $1 })
    }

    /// Reads a theme file: `role: "fg on bg bold"`, where colours are names (`cyan`, `bright-red`,
    /// `default`) or 256-colour numbers, and `bold dim underline reverse italic` are attributes.
    /// `theme.yaml` may also name the theme it restyles (`theme: light`, read by `selectedName`):
    /// `allowingThemeKey` lets that key through here.
    public static func load(_ text: String, file: String, over base: Theme = .defaults,
                            allowingThemeKey: Bool = false) throws(ConfigError) -> Theme {
        let reader = YAMLReader(file: file)
        var styles = base.styles
        guard let root = try reader.root(text) else { return Theme(styles: styles) }
        let allowed = allowingThemeKey ? roles + [ThemeCatalog.key] : roles
        for (role, _, value) in try reader.mapping(root, what: "a theme file", allowed: allowed) where role != ThemeCatalog.key {
            let spec = try reader.string(value, what: role)
            do { styles[role] = try parseStyle(spec) } catch { throw reader.fail(value, "\(role): \(error.message)") }
        }
        return Theme(styles: styles)
    }

    struct StyleError: Error { let message: String }

    static func parseStyle(_ spec: String) throws(StyleError) -> Style {
        var style = Style()
        var words = spec.lowercased().split(separator: " ").map(String.init)[...]
        var settingBackground = false
        var sawForeground = false
        while let word = words.popFirst() {
            switch word {
            case "on": settingBackground = true
            case "bold": style.attributes.insert(.bold)
            case "dim": style.attributes.insert(.dim)
            case "underline": style.attributes.insert(.underline)
            case "reverse": style.attributes.insert(.reverse)
            case "italic": style.attributes.insert(.italic)
            case "plain": break
            default:
                guard let color = parseColor(word) else {
                    throw StyleError(message: "unknown colour or attribute '\(word)' (colours: black red green yellow blue magenta cyan white, bright-…, default, 0–255)")
                }
                if settingBackground { style.background = color; settingBackground = false }
                else if !sawForeground { style.foreground = color; sawForeground = true }
                else { throw StyleError(message: "two foreground colours; write 'fg on bg'") }
            }
        }
        if settingBackground { throw StyleError(message: "'on' needs a background colour after it") }
        return style
    }

    static func parseColor(_ word: String) -> Color? {
        let names: [String: Color] = [
            "default": .default, "black": .black, "red": .red, "green": .green, "yellow": .yellow, "blue": .blue,
            "magenta": .magenta, "cyan": .cyan, "white": .white, "bright-black": .brightBlack, "gray": .brightBlack,
            "grey": .brightBlack, "bright-red": .brightRed, "bright-green": .brightGreen, "bright-yellow": .brightYellow,
            "bright-blue": .brightBlue, "bright-magenta": .brightMagenta, "bright-cyan": .brightCyan, "bright-white": .brightWhite,
        ]
        if let c = names[word] { return c }
        if let n = UInt8(word) { return .indexed(n) }
        return nil
    }

    /// The theme `theme.yaml` names (`theme: light`), nil when it names none; an unknown name is
    /// an error at its line.
    public static func selectedName(in text: String, file: String) throws(ConfigError) -> String? {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(text), case .mapping = root else { return nil }
        for (key, _, value) in try reader.mapping(root, what: "a theme file", allowed: roles + [ThemeCatalog.key]) where key == ThemeCatalog.key {
            let name = try reader.string(value, what: ThemeCatalog.key)
            guard ThemeCatalog.names.contains(name) else { throw reader.fail(value, ThemeCatalog.unknown(name)) }
            return name
        }
        return nil
    }
}
