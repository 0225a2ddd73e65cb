/// A whole-number input limited to a range, with its complaint shown inline.
///
/// Keys that would make the text invalid are refused (and say why) instead of accepted and
/// reported later, so the field always holds something that parses; out-of-range values are
/// allowed while typing ("1" on the way to "16") and flagged, and `commit()` clamps them.
public struct NumberField: Hashable, Sendable {
    public private(set) var text: String
    public var range: ClosedRange<Int>
    public var style: Style
    public var focusedStyle: Style
    /// Why the last key was refused; cleared by the next accepted key.
    public private(set) var rejection: String?

    public init(value: Int, range: ClosedRange<Int>, style: Style = .plain, focusedStyle: Style = Style(attributes: .underline)) {
        self.range = range
        self.text = String(min(max(value, range.lowerBound), range.upperBound))
        self.style = style
        self.focusedStyle = focusedStyle
    }

    /// The typed number, or nil while the text is empty or just a sign.
    public var value: Int? { Int(text) }

    /// The value limited to the range; the lower bound when nothing valid is typed.
    public var clampedValue: Int {
        guard let value else { return range.lowerBound }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    /// What is wrong with the field now, for the form's error line; nil when valid.
    public var error: String? {
        if let rejection { return rejection }
        guard let value else { return "enter a number" }
        if value < range.lowerBound { return "minimum is \(range.lowerBound)" }
        if value > range.upperBound { return "maximum is \(range.upperBound)" }
        return nil
    }

    /// Digits (and a leading minus when the range allows negatives) edit the text; Up/Down step
    /// the value within the range.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            rejection = nil
            text = text == "0" ? String(c) : text + String(c)
            // Digits past Int's range can never be valid; keep the text parseable.
            if Int(text) == nil { text.removeLast(); rejection = "number too large" }
        case .character("-") where range.lowerBound < 0 && text.isEmpty:
            rejection = nil
            text = "-"
        case .up, .character("+"):
            step(1)
        case .down:
            step(-1)
        case .character:
            rejection = "digits only"
        case .backspace:
            rejection = nil
            if !text.isEmpty { text.removeLast() }
        default:
            return false
        }
        return true
    }

    public mutating func step(_ delta: Int) {
        rejection = nil
        let (sum, overflow) = clampedValue.addingReportingOverflow(delta)
        text = String(overflow ? clampedValue : min(max(sum, range.lowerBound), range.upperBound))
    }

    /// Replaces the text by the clamped value, e.g. when focus leaves the field.
    public mutating func commit() {
        rejection = nil
        text = String(clampedValue)
    }

    public func render(into buffer: inout Buffer, area: Rect, focused: Bool = false) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, with: Cell(" ", style: style))
        let shown = focused ? text + "_" : text
        buffer.write(TextWidth.truncate(shown, to: line.width), at: line.origin, style: focused ? focusedStyle : style, maxWidth: line.width)
    }
}
