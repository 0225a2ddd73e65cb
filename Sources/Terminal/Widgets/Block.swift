/// A box-drawing border around a panel, with an optional title in the top edge.
///
/// `render` returns the inner rect so a panel is written as "draw the block, then the content
/// inside what it returned" without repeating the inset arithmetic.
public struct Block: Hashable, Sendable {
    public var title: String?
    public var titleStyle: Style
    public var borderStyle: Style

    public init(title: String? = nil, titleStyle: Style = Style(attributes: .bold), borderStyle: Style = .plain) {
        self.title = title
        self.titleStyle = titleStyle
        self.borderStyle = borderStyle
    }

    /// The area left for content inside the border.
    ///
    /// An area too small for a border (under 2×2) has no inside: content is not drawn rather
    /// than drawn over a broken frame.
    public func inner(_ area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(by: 1)
    }

    /// Draws the border and title; returns the inner rect.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return inner(area) }
        let right = area.right - 1
        let bottom = area.bottom - 1
        // Each cell made once: encoding a box-drawing character is dearer than placing it, and a
        // panel's border is a few hundred cells drawn every frame.
        let horizontal = Cell("─", style: borderStyle), vertical = Cell("│", style: borderStyle)
        buffer.fill(Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), with: horizontal)
        buffer.fill(Rect(x: area.x + 1, y: bottom, width: area.width - 2, height: 1), with: horizontal)
        for y in (area.y + 1)..<bottom {
            buffer.set(area.x, y, vertical)
            buffer.set(right, y, vertical)
        }
        buffer.set(area.x, area.y, Cell("┌", style: borderStyle))
        buffer.set(right, area.y, Cell("┐", style: borderStyle))
        buffer.set(area.x, bottom, Cell("└", style: borderStyle))
        buffer.set(right, bottom, Cell("┘", style: borderStyle))
        renderTitle(into: &buffer, area: area)
        return inner(area)
    }

    /// Writes ` title ` after the top-left corner, truncated so the corners always survive.
    private func renderTitle(into buffer: inout Buffer, area: Rect) {
        guard let title, !title.isEmpty else { return }
        let room = area.width - 2
        // A title needs a space on each side to read as a title, not as part of the line.
        guard room >= 3 else { return }
        let text = TextWidth.truncate(title, to: room - 2)
        let x = area.x + 1
        buffer.set(x, area.y, Cell(" ", style: borderStyle))
        let used = buffer.write(text, at: Point(x: x + 1, y: area.y), style: titleStyle.over(borderStyle), maxWidth: room - 2)
        buffer.set(x + 1 + used, area.y, Cell(" ", style: borderStyle))
    }
}
