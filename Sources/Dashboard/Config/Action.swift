/// Everything a key can do. Each has a stable name used in `keys.yaml`.
///
/// Showing a view is not listed here: each view in `ViewRegistry` brings its own `view-<name>`
/// binding, so a new view needs no new case.
public enum Action: String, CaseIterable, Sendable {
    case nextView = "next-view", previousView = "previous-view"
    case palette, filter, help, back, quit
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom, open
    case sortNext = "sort-next", sortReverse = "sort-reverse"
    case togglePause = "toggle-pause", speedUp = "speed-up", speedDown = "speed-down"
    case launch, stop, start, reboot, terminate
    case tail, follow, toggleHex = "toggle-hex"
    case sqlConsole = "sql-console", nextCluster = "next-cluster"
    case nextPanel = "next-panel", previousPanel = "previous-panel"
    case runSQL = "run-sql", explainSQL = "explain-sql", historyPrevious = "history-previous", historyNext = "history-next"
    case followRequests = "follow-requests"
    case nextIndex = "next-index", startJob = "start-job", stopJob = "stop-job"
    case deployTemplate = "deploy-template", detectDrift = "detect-drift", deleteStack = "delete-stack"
    case describe, json, copy, save
    case nextMatch = "next-match", previousMatch = "previous-match"
    case wrap, timestamps, prettyJSON = "pretty-json", clearTail = "clear-tail"
    case splitSideBySide = "split-side-by-side", splitStacked = "split-stacked", zoom

    /// Where a binding applies: everywhere, or in one view.
    public enum Scope: String, Sendable, CaseIterable {
        case global, ec2, streams, tail, warehouse, console
        case edge
        case jobs
        case stacks
        /// A description or JSON page open over a view.
        case page
    }

    public var scope: Scope {
        switch self {
        case .launch, .stop, .start, .reboot, .terminate: return .ec2
        case .tail: return .streams
        case .follow, .toggleHex: return .tail
        case .sqlConsole, .nextCluster: return .warehouse
        case .nextPanel, .previousPanel: return .warehouse
        case .runSQL, .explainSQL, .historyPrevious, .historyNext: return .console
        case .followRequests: return .edge
        case .nextIndex, .startJob, .stopJob: return .jobs
        case .deployTemplate, .detectDrift, .deleteStack: return .stacks
        case .nextMatch, .previousMatch: return .page
        case .wrap, .timestamps, .prettyJSON, .clearTail: return .tail
        default: return .global
        }
    }

    /// What help shows for it.
    public var help: String {
        switch self {
        case .nextView: return "next view (next pane when split)"
        case .previousView: return "previous view"
        case .palette: return "command palette"
        case .filter: return "filter rows"
        case .help: return "this help"
        case .back: return "back / close"
        case .quit: return "quit"
        case .up: return "move up"
        case .down: return "move down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first row"
        case .bottom: return "last row"
        case .open: return "open details"
        case .sortNext: return "sort by next column"
        case .sortReverse: return "reverse sort"
        case .togglePause: return "pause / resume the clock"
        case .speedUp: return "clock faster"
        case .speedDown: return "clock slower"
        case .launch: return "launch instances"
        case .stop: return "stop instance"
        case .start: return "start instance"
        case .reboot: return "reboot instance"
        case .terminate: return "terminate instance (asks y/n)"
        case .tail: return "tail the stream live"
        case .follow: return "follow new records on/off"
        case .toggleHex: return "data as text or hex"
        case .sqlConsole: return "SQL console (Enter after ; runs, Tab completes, Esc leaves)"
        case .nextCluster: return "next cluster"
        case .nextPanel: return "next panel: cluster, tables, queries (d, y act on it)"
        case .previousPanel: return "previous panel"
        case .runSQL: return "run the statement"
        case .explainSQL: return "EXPLAIN the statement"
        case .historyPrevious: return "earlier statement"
        case .historyNext: return "later statement"
        case .followRequests: return "follow new requests on/off"
        case .nextIndex: return "next search index of the job"
        case .startJob: return "start the job (from its latest snapshot)"
        case .stopJob: return "stop the job (takes a snapshot)"
        case .deployTemplate: return "deploy a template file"
        case .detectDrift: return "detect drift of the stack"
        case .deleteStack: return "delete the stack (asks y/n)"
        case .describe: return "describe the selected row"
        case .json: return "the row's AWS JSON"
        case .copy: return "copy ID or text (OSC 52)"
        case .save: return "save table, page or tail"
        case .nextMatch: return "next search match"
        case .previousMatch: return "previous search match"
        case .wrap: return "wrap long lines on/off"
        case .timestamps: return "timestamps on/off"
        case .prettyJSON: return "pretty JSON payloads on/off"
        case .clearTail: return "clear the tail"
        case .splitSideBySide: return "split side by side / close the split"
        case .splitStacked: return "split stacked / close the split"
        case .zoom: return "zoom the focused pane / unzoom"
        }
    }
}
