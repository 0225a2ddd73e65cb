/// A rectangle of cells on the screen.
///
/// Widths and heights never go negative: every constructor and helper clamps them at zero, so
/// layout arithmetic on a tiny or collapsed screen produces empty rectangles instead of traps.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    /// The whole screen of the given size, anchored at the top-left corner.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    // MARK: - Edges

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    /// One past the last column.
    public var right: Int { x + max(0, width) }
    /// One past the last row.
    public var bottom: Int { y + max(0, height) }
    public var area: Int { max(0, width) * max(0, height) }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public var description: String { "Rect(x: \(x), y: \(y), \(width)×\(height))" }

    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < right && point.y >= y && point.y < bottom
    }

    // MARK: - Shrinking

    /// Shrinks every side by `margin` cells; collapses to an empty rect at the centre when too small.
    public func inset(by margin: Int) -> Rect {
        inset(top: margin, left: margin, bottom: margin, right: margin)
    }

    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let dx = min(max(0, left), width)
        let dy = min(max(0, top), height)
        return Rect(
            x: x + dx, y: y + dy,
            width: width - dx - max(0, right),
            height: height - dy - max(0, bottom))
    }

    /// The overlap of two rects; empty (at a clamped origin) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(self.right, other.right)
        let bottom = min(self.bottom, other.bottom)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// This rect limited to `bounds`, so it can be drawn without any cell falling outside.
    public func clamped(to bounds: Rect) -> Rect {
        intersection(bounds)
    }

    // MARK: - Splitting

    /// The first `rows` rows and the rest; `rows` is clamped to the height.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The last `rows` rows and the rest above them.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: bottom - n, width: width, height: n))
    }

    /// The first `columns` columns and the rest.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// The last `columns` columns and the rest to their left.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - n, height: height), Rect(x: right - n, y: y, width: n, height: height))
    }

    /// The single row at `index` (relative to the top), or an empty rect when outside.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rect of at most `size` centred in this one, used for popups such as the launch menu.
    public func centered(_ size: Size) -> Rect {
        let w = min(max(0, size.width), width)
        let h = min(max(0, size.height), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}
