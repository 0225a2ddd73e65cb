/// Turns whole frames into minimal backend draws.
///
/// The app renders every frame from scratch (immediate mode); the renderer remembers the last
/// frame it sent and gives the backend only the cells that changed, which keeps a 20 Hz redraw
/// of a mostly static screen nearly free and avoids flicker.
public final class Renderer {
    public let backend: any TerminalBackend
    /// The last frame sent to the backend; nil until the first draw or after `invalidate()`.
    public private(set) var previous: Buffer?
    /// Whether `draw` times its diff and its write (the `:perf` overlay); off, it reads no clock.
    public var measuresTiming = false
    /// Nanoseconds the last measured draw spent finding changes and sending them.
    public private(set) var lastDiffNanos: Int64 = 0
    public private(set) var lastWriteNanos: Int64 = 0

    public init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// The frame before the last, no longer needed for diffing: the next frame is drawn into
    /// its memory instead of a new allocation the size of the screen every frame.
    private var spare: Buffer?

    /// An empty frame the size of the screen, to render into.
    ///
    /// `cleared: false` skips blanking a reused frame, which then holds an older frame's cells:
    /// for a caller whose rendering writes every cell anyway (one that starts by filling the
    /// whole buffer), blanking first would be a second pass over the screen's memory per frame.
    public func makeBuffer(cleared: Bool = true) -> Buffer {
        guard var frame = spare, frame.size == backend.size else { return Buffer(size: backend.size) }
        spare = nil
        if cleared { frame.reset() }
        return frame
    }

    /// Sends `frame` to the backend: only its changes, or everything after a resize or
    /// `invalidate()`. Returns the number of cells sent.
    @discardableResult
    public func draw(_ frame: Buffer) -> Int {
        guard measuresTiming else { return drawUnmeasured(frame) }
        let clock = ContinuousClock()
        let start = clock.now
        let cells = changes(to: frame)
        let diffed = clock.now
        send(cells)
        let written = clock.now
        lastDiffNanos = Self.nanos(diffed - start)
        lastWriteNanos = Self.nanos(written - diffed)
        keep(frame)
        return cells.count
    }

    public static func nanos(_ d: Duration) -> Int64 {
        let c = d.components
        return c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
    }

    /// The cells to send for `frame` (clearing the backend first when there is nothing to diff against).
    private func changes(to frame: Buffer) -> [(Point, Cell)] {
        if let previous, previous.size == frame.size { return frame.diff(from: previous) }
        backend.clear()
        return frame.diff(from: Buffer(size: .init(width: 0, height: 0)))
    }

    private func send(_ changes: [(Point, Cell)]) {
        if !changes.isEmpty { backend.draw(changes) }
        backend.flush()
    }

    private func drawUnmeasured(_ frame: Buffer) -> Int {
        let cells = changes(to: frame)
        send(cells)
        keep(frame)
        return cells.count
    }

    /// Remembers `frame` as what the screen shows; the one it replaces becomes the spare.
    private func keep(_ frame: Buffer) {
        spare = previous
        previous = frame
    }

    /// Renders a frame the size of the screen with `render` and draws it.
    @discardableResult
    public func draw(_ render: (inout Buffer, Rect) -> Void) -> Int {
        var frame = makeBuffer()
        render(&frame, frame.area)
        return draw(frame)
    }

    /// Forgets the last frame so the next draw repaints every cell, e.g. after the terminal was
    /// resized or another program scribbled over it.
    public func invalidate() {
        previous = nil
        spare = nil
    }
}
