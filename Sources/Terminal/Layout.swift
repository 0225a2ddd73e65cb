/// How much room one segment of a `Layout` asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less when the space runs out).
    case fixed(Int)
    /// `p` percent of the total, rounded down.
    case percent(Int)
    /// At least `n` cells, growing like `fill` when there is room to spare.
    case min(Int)
    /// Whatever is left, shared equally with the other `fill` and `min` segments.
    case fill
}

/// Splits a rect into rows or columns by constraints.
///
/// The solver is deliberately simple and predictable instead of a general constraint solver:
/// segments claim their base size in order, so when space runs out the later segments are squeezed
/// first (a header keeps its row, the body shrinks). Leftover space goes to `fill`/`min` segments,
/// or to the last segment when there are none, so the parts always tile the whole area.
public struct Layout: Hashable, Sendable {
    public enum Direction: Hashable, Sendable { case vertical, horizontal }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between neighbouring segments.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = spacing
    }

    /// Rows from top to bottom.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    /// Columns from left to right.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// One rect per constraint, in order; empty rects for segments that got no room.
    public func split(_ area: Rect) -> [Rect] {
        let total = direction == .vertical ? area.height : area.width
        let sizes = Layout.sizes(total: total, constraints: constraints, spacing: spacing)
        var position = direction == .vertical ? area.y : area.x
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        let gap = max(0, spacing)
        for size in sizes {
            switch direction {
            case .vertical: rects.append(Rect(x: area.x, y: position, width: area.width, height: size))
            case .horizontal: rects.append(Rect(x: position, y: area.y, width: size, height: area.height))
            }
            // A squeezed-out segment does not consume a gap, so trailing empties stay at the edge.
            position += size + (size > 0 ? gap : 0)
        }
        return rects
    }

    /// The length of each segment along the split direction; they sum to at most `total`.
    static func sizes(total: Int, constraints: [Constraint], spacing: Int) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = max(0, total - max(0, spacing) * (constraints.count - 1))
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = available
        for (index, constraint) in constraints.enumerated() {
            let base: Int
            switch constraint {
            case .fixed(let n), .min(let n): base = Swift.max(0, n)
            case .percent(let p): base = available * Swift.min(Swift.max(0, p), 100) / 100
            case .fill: base = 0
            }
            sizes[index] = Swift.min(base, remaining)
            remaining -= sizes[index]
        }
        guard remaining > 0 else { return sizes }
        let growers = constraints.indices.filter {
            switch constraints[$0] {
            case .fill, .min: return true
            case .fixed, .percent: return false
            }
        }
        if growers.isEmpty {
            sizes[sizes.count - 1] += remaining
            return sizes
        }
        let share = remaining / growers.count
        let extra = remaining % growers.count
        for (rank, index) in growers.enumerated() {
            sizes[index] += share + (rank < extra ? 1 : 0)
        }
        return sizes
    }
}

extension Rect {
    /// Shorthand for `Layout.vertical(constraints).split(self)`.
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout.vertical(constraints, spacing: spacing).split(self)
    }

    /// Shorthand for `Layout.horizontal(constraints).split(self)`.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout.horizontal(constraints, spacing: spacing).split(self)
    }
}
