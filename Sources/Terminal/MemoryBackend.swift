import DequeModule

/// A terminal in memory: it keeps what would be on screen and plays back scripted input.
///
/// Tests drive the app through it exactly as through a real terminal, then assert on `lines`;
/// the per-flush counts prove that the renderer sends only what changed.
public final class MemoryBackend: TerminalBackend {
    /// What the screen shows after the draws so far.
    public private(set) var buffer: Buffer
    /// Cells drawn before each flush, one entry per flush, oldest first.
    public private(set) var cellsDrawnPerFlush: [Int] = []
    /// How many times the screen was cleared.
    public private(set) var clearCount = 0
    private var cellsSinceFlush = 0
    private var events: Deque<InputEvent> = []
    /// What was sent to the clipboard, oldest first.
    public private(set) var clipboard: [String] = []

    public init(size: Size) {
        self.buffer = Buffer(size: size)
    }

    public convenience init(width: Int, height: Int) {
        self.init(size: Size(width: width, height: height))
    }

    // MARK: - TerminalBackend

    public var size: Size { buffer.size }

    public func draw(_ changes: [(Point, Cell)]) {
        for (point, cell) in changes where !cell.isContinuation {
            buffer.set(point, cell)
            cellsSinceFlush += 1
        }
    }

    public func flush() {
        cellsDrawnPerFlush.append(cellsSinceFlush)
        cellsSinceFlush = 0
    }

    public func clear() {
        buffer = Buffer(size: buffer.size)
        clearCount += 1
    }

    public func copyToClipboard(_ text: String) {
        clipboard.append(text)
    }

    /// Pops the next scripted event; never waits, since scripted input is all there is.
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        events.popFirst()
    }

    // MARK: - Scripting

    /// The screen's text, one string per row.
    public var lines: [String] { buffer.lines }

    /// Cells drawn before the most recent flush; 0 before any flush.
    public var cellsDrawnInLastFlush: Int { cellsDrawnPerFlush.last ?? 0 }

    /// Events still waiting to be read.
    public var pendingEvents: Int { events.count }

    public func enqueue(_ newEvents: InputEvent...) {
        events.append(contentsOf: newEvents)
    }

    public func enqueue(keys: [Key]) {
        events.append(contentsOf: keys.map(InputEvent.key))
    }

    /// Queues one key event per character, as if the user typed `text`.
    public func type(_ text: String) {
        events.append(contentsOf: text.map { InputEvent.key(.character($0)) })
    }

    /// Changes the screen size the way a terminal window resize does: the content is lost and a
    /// `.resize` event is queued for the app.
    public func resize(to newSize: Size) {
        buffer = Buffer(size: newSize)
        events.append(.resize(buffer.size))
    }
}
