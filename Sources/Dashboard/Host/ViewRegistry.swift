import Estate

/// One view as the rest of the dashboard knows it: how to make it, its key and title, the name
/// `--screen` takes, its section of the help, and what it adds to the Overview.
public struct ViewRegistration: Sendable {
    public let id: ViewID
    /// The default key that shows it; `keys.yaml` may rebind it as `view-<name>`.
    public let key: Character
    public let title: String
    /// Its own keys in the help (`?`), under a heading; nil when it has none of its own.
    public let help: (title: String, actions: [Action])?
    /// The service it shows, when it needs one: estates without it do not offer the view.
    public let service: String?
    /// A fresh instance with its own state, for each pane that shows it.
    public let make: @Sendable () -> any DashboardView
    /// A tile for the Overview, built from the estate, when the view has something to say there.
    public let overviewTile: (@Sendable (ViewContext) -> OverviewTile?)?
    /// Palette words that jump to it besides its name (`:wh`); `:name ARGS` drills in (`:stream clickstream`).
    public let aliases: [String]

    init(_ id: ViewID, key: Character, title: String, help: (title: String, actions: [Action])? = nil, service: String? = nil,
         overviewTile: (@Sendable (ViewContext) -> OverviewTile?)? = nil, aliases: [String] = [], make: @escaping @Sendable () -> any DashboardView) {
        self.id = id
        self.key = key
        self.title = title
        self.help = help
        self.service = service
        self.make = make
        self.overviewTile = overviewTile
        self.aliases = aliases
    }

    /// Every palette word that jumps here: its name, then its aliases.
    public var paletteNames: [String] { [id.name] + aliases }

    /// What a tab and the help call it: `2 EC2`.
    public var label: String { "\(key) \(title)" }
}

/// The views that exist, in tab order: the one table that `--screen`, the header tabs, the
/// number keys, the help and validation all read. Adding a view is a folder under `Views/` and
/// one line here.
public enum ViewRegistry {
    public static let all: [ViewRegistration] = [
        ViewRegistration(.overview, key: "1", title: "Overview", overviewTile: { OverviewView.endpointsTile($0) }) { OverviewView() },
        ViewRegistration(.ec2, key: "2", title: "EC2", help: ("EC2", [.launch, .stop, .start, .reboot, .terminate, .sortNext, .sortReverse])) { EC2View() },
        ViewRegistration(.streams, key: "3", title: "Streams", help: ("Streams", [.tail, .follow, .toggleHex, .wrap, .timestamps, .prettyJSON, .clearTail]), service: "kinesis",
                         overviewTile: { StreamsView.overviewTile($0) }, aliases: ["stream"]) { StreamsView() },
        ViewRegistration(.warehouse, key: "4", title: "Warehouse", help: ("Warehouse", [.sqlConsole, .nextCluster, .nextPanel, .previousPanel, .runSQL, .explainSQL, .historyPrevious, .historyNext]),
                         service: "redshift", overviewTile: { WarehouseView.overviewTile($0) }, aliases: ["wh"]) { WarehouseView() },
        ViewRegistration(.edge, key: "5", title: "Edge", help: ("Edge", [.followRequests]), service: "cloudfront",
                         overviewTile: { EdgeView.overviewTile($0) }) { EdgeView() },
        ViewRegistration(.events, key: "6", title: "Events") { EventsView() },
        ViewRegistration(.jobs, key: "7", title: "Jobs", help: ("Jobs", [.nextIndex, .startJob, .stopJob]), service: "kinesisanalyticsv2", overviewTile: { JobsView.overviewTile($0) }) { JobsView() },
        ViewRegistration(.stacks, key: "8", title: "Stacks", help: ("Stacks", [.deployTemplate, .detectDrift, .deleteStack]), service: "cloudformation",
                         overviewTile: { StacksView.overviewTile($0) }, aliases: ["stack"]) { StacksView() },
    ]

    public static func registration(_ id: ViewID) -> ViewRegistration? {
        all.first { $0.id == id }
    }

    /// The view `--screen NAME` means, matched without regard to case.
    public static func named(_ name: String) -> ViewID? {
        all.first { $0.id.name == name.lowercased() }?.id
    }

    /// The view a palette word jumps to (`ec2`, `wh`, `stream`), matched without regard to case.
    public static func view(alias word: String) -> ViewID? {
        all.first { $0.paletteNames.contains(word.lowercased()) }?.id
    }

    /// Every word the palette takes as a jump, in tab order, for completion and help.
    public static var paletteNames: [String] { all.flatMap(\.paletteNames) }

    /// Every `--screen` name, for help texts and errors.
    public static var screenNames: [String] { all.map(\.id.name) }

    /// The keymap name of the action that shows a view: `view-ec2`.
    static func actionName(_ id: ViewID) -> String { "view-\(id.name)" }
}
