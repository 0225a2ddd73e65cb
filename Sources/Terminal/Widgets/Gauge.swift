/// A horizontal ratio bar with a label at its right end: `████▌     42%`.
///
/// The bar ends in an eighth block so that small changes are visible even in a narrow column,
/// which is what makes a gauge useful for CPU or shard utilisation.
public struct Gauge: Hashable, Sendable {
    /// Filled fraction, clamped to 0...1 when drawn; NaN draws as empty.
    public var ratio: Double
    /// Drawn after the bar; nil shows the ratio as a whole percentage.
    public var label: String?
    public var barStyle: Style
    public var labelStyle: Style

    public init(ratio: Double, label: String? = nil, barStyle: Style = .plain, labelStyle: Style = .plain) {
        self.ratio = ratio
        self.label = label
        self.barStyle = barStyle
        self.labelStyle = labelStyle
    }

    /// Partial blocks by eighths filled, 1 to 7.
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    var clampedRatio: Double { ratio.isNaN ? 0 : min(max(ratio, 0), 1) }

    /// The label as drawn: the given one, or the percentage.
    public var labelText: String {
        label ?? "\(Int((clampedRatio * 100).rounded()))%"
    }

    /// The bar alone as a string exactly `width` cells wide.
    public static func bar(ratio: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = ratio.isNaN ? 0 : min(max(ratio, 0), 1)
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let full = eighths / 8
        var bar = String(repeating: "█", count: full)
        if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        return bar + String(repeating: " ", count: width - TextWidth.of(bar))
    }

    /// Draws the bar on every row of `area` and the label on the middle row, right-aligned.
    ///
    /// When there is no room for both, the label wins: a number is more use than a sliver of bar.
    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let text = labelText
        let labelWidth = TextWidth.of(text)
        let barWidth = area.width - labelWidth - 1
        let middle = area.y + area.height / 2
        if barWidth < 1 {
            let fitted = TextWidth.fit(text, to: area.width, alignment: .right)
            buffer.write(fitted, at: Point(x: area.x, y: middle), style: labelStyle, maxWidth: area.width)
            return
        }
        let bar = Gauge.bar(ratio: clampedRatio, width: barWidth)
        for y in area.y..<area.bottom {
            buffer.write(bar, at: Point(x: area.x, y: y), style: barStyle, maxWidth: barWidth)
            buffer.fill(Rect(x: area.x + barWidth, y: y, width: labelWidth + 1, height: 1), with: Cell(" ", style: labelStyle))
        }
        buffer.write(text, at: Point(x: area.right - labelWidth, y: middle), style: labelStyle, maxWidth: labelWidth)
    }
}
