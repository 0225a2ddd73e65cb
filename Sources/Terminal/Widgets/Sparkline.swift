/// A compact history chart: one column per value, newest at the right.
///
/// Drawn from eighth blocks so a single row still shows eight levels; taller areas stack rows
/// for finer resolution. Present values always show at least `▁` so a quiet series is
/// distinguishable from missing data, which stays blank.
public struct Sparkline: Hashable, Sendable {
    public var values: [Double]
    /// The value drawn as a full column; nil scales to the largest visible value.
    public var max: Double?
    public var style: Style

    public init(values: [Double], max: Double? = nil, style: Style = .plain) {
        self.values = values
        self.max = max
        self.style = style
    }

    /// The bar symbols by level, lowest first.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values as a one-row chart, right-aligned (left-padded with spaces) to
    /// exactly `width` characters; empty when there are no values.
    public static func string<Values: Collection>(values: Values, width: Int, max: Double? = nil) -> String
    where Values.Element == Double {
        guard width > 0, !values.isEmpty else { return "" }
        let shown = Array(values.suffix(width))
        let top = scale(shown, max: max)
        let bars = shown.map { levels[Swift.max(0, eighths($0, top: top, rows: 1) - 1)] }
        return String(repeating: " ", count: width - bars.count) + String(bars)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !values.isEmpty else { return }
        let shown = Array(values.suffix(area.width))
        let top = Sparkline.scale(shown, max: max)
        let left = area.right - shown.count
        for (column, value) in shown.enumerated() {
            let filled = Sparkline.eighths(value, top: top, rows: area.height)
            for row in 0..<area.height {
                let level = Swift.min(8, Swift.max(0, filled - row * 8))
                let symbol: Character = level > 0 ? Sparkline.levels[level - 1] : (row == 0 ? "▁" : " ")
                buffer.set(left + column, area.bottom - 1 - row, Cell(symbol, style: style))
            }
        }
    }

    /// The full-scale value: the fixed max, else the largest value; never zero or negative.
    static func scale(_ values: [Double], max: Double?) -> Double {
        let top = max ?? values.filter(\.isFinite).max() ?? 0
        return top > 0 && top.isFinite ? top : 1
    }

    /// How many eighths of `rows` rows a value fills, rounded to the nearest eighth.
    static func eighths(_ value: Double, top: Double, rows: Int) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        let ratio = Swift.min(value / top, 1)
        return Int((ratio * Double(rows * 8)).rounded())
    }
}
