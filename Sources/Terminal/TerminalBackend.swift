/// Where frames go and where input comes from.
///
/// The app renders every frame into a `Buffer`, diffs it against the previous one, and hands the
/// backend only the changed cells. `MemoryBackend` implements this for tests; `CursesBackend`
/// for a real terminal.
public protocol TerminalBackend: AnyObject {
    /// The current size of the screen.
    var size: Size { get }
    /// Draws the given cells; `Cell.isContinuation` cells are skipped by the backend.
    func draw(_ changes: [(Point, Cell)])
    /// Makes everything drawn so far visible.
    func flush()
    /// Forgets what is on screen and repaints from nothing on the next draw (after a resize).
    func clear()
    /// Waits at most `timeoutMilliseconds` for input; nil when none arrived.
    func readEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Puts `text` on the system clipboard: OSC 52 for a real terminal (works over SSH and in
    /// tmux with `set-clipboard on`), sent after the frame so it never lands inside one.
    func copyToClipboard(_ text: String)
}

extension TerminalBackend {
    public func copyToClipboard(_ text: String) {}
}
