/// A choice among fixed options, changed with the arrow keys: `‹ t3.micro ›`.
///
/// Used where free text would only invite typos (an AMI, an availability zone); it wraps
/// around at both ends so every option is a few presses away.
public struct PickList: Hashable, Sendable {
    public var options: [String]
    /// Index of the current option; clamped when drawn or read.
    public var selected: Int
    public var style: Style
    public var focusedStyle: Style

    public init(options: [String], selected: Int = 0, style: Style = .plain, focusedStyle: Style = Style(attributes: .reverse)) {
        self.options = options
        self.selected = selected
        self.style = style
        self.focusedStyle = focusedStyle
    }

    /// The current option, or nil when there are none.
    public var value: String? {
        options.isEmpty ? nil : options[min(max(0, selected), options.count - 1)]
    }

    /// Left/Up picks the previous option, Right/Down/Space the next; other keys are not used.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left, .up, .character("h"), .character("k"): step(-1)
        case .right, .down, .character(" "), .character("l"), .character("j"): step(1)
        default: return false
        }
        return true
    }

    public mutating func step(_ delta: Int) {
        guard !options.isEmpty else { return }
        let count = options.count
        selected = ((min(max(0, selected), count - 1) + delta) % count + count) % count
    }

    public func render(into buffer: inout Buffer, area: Rect, focused: Bool = false) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, with: Cell(" ", style: style))
        let value = value ?? ""
        let text = line.width >= 5 ? "‹ " + TextWidth.truncate(value, to: line.width - 4) + " ›" : TextWidth.truncate(value, to: line.width)
        buffer.write(text, at: line.origin, style: focused ? focusedStyle : style, maxWidth: line.width)
    }
}
