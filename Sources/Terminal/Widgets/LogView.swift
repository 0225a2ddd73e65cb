import DequeModule

/// A bounded scrollback of styled lines with a follow mode, for live tails and request logs.
///
/// The bound keeps memory flat however long a stream is tailed: the oldest lines are dropped
/// and counted. While following, the view sticks to the newest line. While not following, the
/// view stays on the same lines as new ones arrive, even as old ones are evicted beneath it, so
/// the user can read without the text running away.
public struct LogView: Sendable {
    public private(set) var lines: Deque<Line>
    /// The most lines kept.
    public let capacity: Int
    /// Lines evicted by the bound since the view was created.
    public private(set) var droppedCount = 0
    /// Whether the view sticks to the newest line.
    public private(set) var isFollowing = true
    /// Index of the first line shown while not following.
    public private(set) var top = 0
    /// Rows on screen; what a page scroll moves by. Set it when the layout is known.
    public var viewHeight: Int
    public var style: Style

    public init(capacity: Int = 10_000, viewHeight: Int = 20, style: Style = .plain) {
        self.capacity = max(1, capacity)
        self.viewHeight = viewHeight
        self.style = style
        self.lines = Deque(minimumCapacity: min(self.capacity, 1024))
    }

    // MARK: - Content

    public mutating func append(_ line: Line) {
        if lines.count == capacity {
            lines.removeFirst()
            droppedCount += 1
            // Keep the same text in view: everything below the evicted line moved up one index.
            top = max(0, top - 1)
        }
        lines.append(line)
    }

    public mutating func append<S: Sequence>(contentsOf newLines: S) where S.Element == Line {
        for line in newLines { append(line) }
    }

    /// Empties the scrollback and resumes following; the dropped count is kept.
    public mutating func clear() {
        lines.removeAll(keepingCapacity: true)
        top = 0
        isFollowing = true
    }

    // MARK: - Scrolling

    /// Scrolling up leaves follow mode, so the reader's place holds as lines arrive.
    public mutating func scrollUp(_ count: Int = 1) {
        top = max(0, firstVisible(height: pageSize) - max(0, count))
        isFollowing = false
    }

    public mutating func scrollDown(_ count: Int = 1) {
        guard !isFollowing else { return }
        top = min(firstVisible(height: pageSize) + max(0, count), lastTop(height: pageSize))
    }

    public mutating func pageUp() { scrollUp(pageSize) }
    public mutating func pageDown() { scrollDown(pageSize) }

    public mutating func scrollToTop() {
        top = 0
        isFollowing = false
    }

    /// Jumps to the newest line and follows from there.
    public mutating func scrollToBottom() {
        isFollowing = true
    }

    public mutating func toggleFollow() {
        if isFollowing {
            top = firstVisible(height: pageSize)
            isFollowing = false
        } else {
            isFollowing = true
        }
    }

    /// Index of the first line drawn in a view `height` rows tall.
    public func firstVisible(height: Int) -> Int {
        isFollowing ? lastTop(height: height) : min(top, lastTop(height: height))
    }

    private var pageSize: Int { max(1, viewHeight) }

    private func lastTop(height: Int) -> Int { max(0, lines.count - max(1, height)) }

    // MARK: - Drawing

    /// Draws only the lines that fit in `area`, each truncated with `…`.
    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell(" ", style: style))
        let first = firstVisible(height: area.height)
        let last = min(lines.count, first + area.height)
        guard first < last else { return }
        for (row, index) in (first..<last).enumerated() {
            let line = lines[index].truncated(to: area.width)
            buffer.write(line, at: Point(x: area.x, y: area.y + row), maxWidth: area.width, base: style)
        }
    }
}
