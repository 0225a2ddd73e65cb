/// A one-row bar with segments flush left and flush right, like the footer of key hints.
///
/// The right side (clock, speed) is short and always wanted, so it is kept whole when it fits
/// and the left side is truncated with `…` to make room.
public struct StatusBar: Hashable, Sendable {
    public var left: [Span]
    public var right: [Span]
    public var style: Style

    public init(left: [Span] = [], right: [Span] = [], style: Style = Style(attributes: .reverse)) {
        self.left = left
        self.right = right
        self.style = style
    }

    /// Key hints as spans, `<l> launch  <s> stop`, with keys and labels styled separately.
    public static func hints(_ pairs: [(key: String, label: String)], keyStyle: Style = Style(attributes: .bold), labelStyle: Style = .plain) -> [Span] {
        var spans: [Span] = []
        for (index, pair) in pairs.enumerated() {
            if index > 0 { spans.append(Span("  ", style: labelStyle)) }
            spans.append(Span("<\(pair.key)>", style: keyStyle))
            spans.append(Span(" \(pair.label)", style: labelStyle))
        }
        return spans
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: style))
        let rightLine = Line(right).truncated(to: row.width)
        let rightWidth = rightLine.width
        buffer.write(rightLine, at: Point(x: row.right - rightWidth, y: row.y), maxWidth: rightWidth, base: style)
        let room = row.width - rightWidth - (rightWidth > 0 ? 1 : 0)
        guard room > 0 else { return }
        buffer.write(Line(left).truncated(to: room), at: row.origin, maxWidth: room, base: style)
    }
}
