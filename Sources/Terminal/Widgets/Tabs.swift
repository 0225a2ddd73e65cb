/// A row of view names with the active one highlighted: ` 1 Overview  2 EC2  3 Streams `.
///
/// Numbering the tabs doubles as a key hint, since the digits are the keys that switch views.
public struct Tabs: Hashable, Sendable {
    public var titles: [String]
    public var selected: Int
    public var numbered: Bool
    public var style: Style
    public var selectedStyle: Style

    public init(
        _ titles: [String], selected: Int = 0, numbered: Bool = true,
        style: Style = .plain, selectedStyle: Style = Style(attributes: [.reverse, .bold])
    ) {
        self.titles = titles
        self.selected = selected
        self.numbered = numbered
        self.style = style
        self.selectedStyle = selectedStyle
    }

    /// The text of each tab as drawn, padded with a space either side.
    public var labels: [String] {
        titles.enumerated().map { index, title in numbered ? " \(index + 1) \(title) " : " \(title) " }
    }

    /// Draws the tabs left to right; those that do not fit are cut with `…`.
    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: style))
        var x = row.x
        for (index, label) in labels.enumerated() where x < row.right {
            let room = row.right - x
            let text = TextWidth.truncate(label, to: room)
            x += buffer.write(text, at: Point(x: x, y: row.y), style: index == selected ? selectedStyle : style, maxWidth: room)
        }
    }
}
