import Estate
import Yams

/// How the dashboard behaves, from `dashboard.yaml`: settings that are not keys or colours.
public struct DashboardSettings: Equatable, Sendable {
    /// Whether the dashboard takes the mouse (clicks, the wheel). Off, the terminal keeps it, so
    /// dragging selects text as in any other program.
    public var mouse = true

    public init(mouse: Bool = true) { self.mouse = mouse }

    /// The settings in the built-in `dashboard.yaml`.
    public static let defaults: DashboardSettings = {
        try! DashboardSettings.load(DashboardDefaults.dashboardYAML, file: "(built-in dashboard.yaml)", over: DashboardSettings())
    }()

    /// Reads `dashboard.yaml`; settings it leaves out keep `base`'s values.
    public static func load(_ text: String, file: String, over base: DashboardSettings = .defaults) throws(ConfigError) -> DashboardSettings {
        let reader = YAMLReader(file: file)
        var settings = base
        guard let root = try reader.root(text) else { return settings }
        for (name, _, value) in try reader.mapping(root, what: "dashboard.yaml", allowed: ["mouse"]) {
            let text = try reader.string(value, what: name)
            switch text.lowercased() {
            case "true", "on", "yes": settings.mouse = true
            case "false", "off", "no": settings.mouse = false
            default: throw reader.fail(value, "\(name) must be true or false, not '\(text)'")
            }
        }
        return settings
    }
}
