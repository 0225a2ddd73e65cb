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

    public static let defaults: Theme = {
        try! Theme.load(DashboardDefaults.themeYAML, file: "(built-in theme.yaml)", over: Theme(styles: [:]))
    }()

    public subscript(role: String) -> Style {
        styles[role] ?? styles[role.split(separator: ".").first.map(String.init) ?? ""] ?? .plain
    }

    /// The same theme without colours (`NO_COLOR`): attributes only, so selection stays visible.
    public var monochrome: Theme {
        Theme(styles: styles.mapValues { Style(attributes: $0.attributes) }.merging(["selection": Style(attributes: .reverse)]) { $1 })
    }

    /// Reads `theme.yaml`: `role: "fg on bg bold"`, where colours are names (`cyan`, `bright-red`,
    /// `default`) or 256-colour numbers, and `bold dim underline reverse italic` are attributes.
    public static func load(_ text: String, file: String, over base: Theme = .defaults) throws(ConfigError) -> Theme {
        let reader = YAMLReader(file: file)
        var styles = base.styles
        guard let root = try reader.root(text) else { return Theme(styles: styles) }
        for (role, _, value) in try reader.mapping(root, what: "theme.yaml", allowed: roles) {
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
}
