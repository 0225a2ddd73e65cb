/// Turns whole frames into minimal backend draws.
///
/// The app renders every frame from scratch (immediate mode); the renderer remembers the last
/// frame it sent and gives the backend only the cells that changed, which keeps a 20 Hz redraw
/// of a mostly static screen nearly free and avoids flicker.
public final class Renderer {
    public let backend: any TerminalBackend
    /// The last frame sent to the backend; nil until the first draw or after `invalidate()`.
    public private(set) var previous: Buffer?

    public init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// An empty frame the size of the screen, to render into.
    public func makeBuffer() -> Buffer {
        Buffer(size: backend.size)
    }

    /// Sends `frame` to the backend: only its changes, or everything after a resize or
    /// `invalidate()`. Returns the number of cells sent.
    @discardableResult
    public func draw(_ frame: Buffer) -> Int {
        let changes: [(Point, Cell)]
        if let previous, previous.size == frame.size {
            changes = frame.diff(from: previous)
        } else {
            backend.clear()
            changes = frame.diff(from: Buffer(size: .init(width: 0, height: 0)))
        }
        if !changes.isEmpty { backend.draw(changes) }
        backend.flush()
        previous = frame
        return changes.count
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
    }
}
