import Estate
import Terminal

/// Everything the user has chosen on screen: the panes and their views, what is open over them,
/// and the status line.
///
/// A plain value, separate from the estate, so a test can build any screen without driving keys.
public struct DashboardState {
    /// The panes, left to right; each shows one view and keeps the others it has shown.
    public var panes: [Pane] = [Pane()]
    /// The pane keys go to.
    public var focus = 0
    /// How two panes share the screen.
    public var split = Split.sideBySide
    /// The focused pane alone fills the screen; the other keeps its state, hidden.
    public var zoomed = false
    public var overlay: Overlay = .none
    /// Rows the help window is scrolled by, where it is taller than the screen.
    public var helpScroll = 0
    public var message: StatusMessage?
    /// Why the text in the filter line is not a filter, while it is being typed.
    public var filterError: String?
    public var shouldQuit = false

    public init() {}

    /// The view in the focused pane.
    public var view: ViewID { panes[focus].current }

    /// The focused pane.
    public var pane: Pane {
        get { panes[focus] }
        set { panes[focus] = newValue }
    }
}

/// Two panes side by side (`|`) or one above the other (`_`).
public enum Split: Sendable {
    case sideBySide, stacked
}

/// What is drawn over the current view, taking the keys first.
public enum Overlay {
    case none
    case help
    case palette(PaletteState)
    case launch(LaunchMenuState)
    case confirm(Confirmation)
    case filter(TextField)
    /// A view's question before it runs a command (the Stacks view's template file).
    case prompt(PromptState)
    /// A command's reply too long for the status line; scroll keys scroll it, any other key closes it.
    case result(LogView)
    /// A row's description or AWS JSON (`d`, `y`), over the view it came from.
    case page(DescribePage)
}

/// A line in the footer: the result of the last action, until the next one.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
}

/// A question that needs y or n before something irreversible happens.
public struct Confirmation: Equatable, Sendable {
    public var question: String
    public var command: String
}
