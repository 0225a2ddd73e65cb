import Estate
import Terminal

/// Everything the user has chosen on screen: the view, selections, sorts, filters and what is open.
///
/// A plain value, separate from the estate, so a test can build any screen without driving keys.
public struct DashboardState {
    public var view: ViewID = .overview
    public var ec2 = EC2ViewState()
    public var events = EventsViewState()
    public var streams = StreamsViewState()
    public var overlay: Overlay = .none
    public var message: StatusMessage?
    public var shouldQuit = false

    public init() {}
}

/// What is drawn over the current view, taking the keys first.
public enum Overlay {
    case none
    case help
    case palette(PaletteState)
    case launch(LaunchMenuState)
    case confirm(Confirmation)
    case filter(TextField)
}

/// A line in the footer: the result of the last action, until the next one.
public struct StatusMessage: Sendable {
    public var text: String
    public var isError: Bool
}

public struct EC2ViewState {
    public var table = TableState()
    public var sortColumn: InstanceRow.Column = .name
    public var sortOrder: SortOrder = .ascending
    public var filter = ""
    /// The instance whose details are open, if any.
    public var detail: String?
}

public struct EventsViewState {
    public var table = TableState()
    public var filter = ""
}

/// Streams → a stream's shards and consumers → a live tail, each a level that Esc leaves.
public struct StreamsViewState {
    public var table = TableState()
    /// The stream whose shards are open, if any.
    public var openStream: String?
    public var shardTable = TableState()
    /// The live tail, when one is open; it sits above the other two levels.
    public var tail: StreamTail?
}

/// A question that needs y or n before something irreversible happens.
public struct Confirmation: Sendable {
    public var question: String
    public var command: String
}
