/// What a view asks its host to do after a key: views never call the estate themselves.
///
/// Keeping operations as values lets the host run them one way for every view (through the
/// command runner, with the outcome in the status line and the palette log) and lets a test
/// check what a key asks for without an estate changing.
public enum Effect: Equatable, Sendable {
    /// Run a command line, as the palette would; `quiet` keeps a success out of the status line.
    case run(String, quiet: Bool)
    /// Ask y/n before running a command that cannot be undone.
    case confirm(Confirmation)
    /// Say something in the status line.
    case message(String, isError: Bool)
    /// Show another view in the same pane.
    case show(ViewID)
    /// Open the launch menu.
    case openLaunchMenu
    /// Ask for one line (a file path, with completion), then run a command with it.
    case prompt(PromptRequest)
}
