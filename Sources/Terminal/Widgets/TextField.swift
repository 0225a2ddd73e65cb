/// A one-line text input with readline-style editing and Tab completion.
///
/// The cursor counts characters (graphemes), not cells, so editing never splits a character;
/// drawing converts to cells and scrolls horizontally to keep the cursor in view.
public struct TextField: Sendable {
    public var text: String {
        didSet { cursor = min(cursor, text.count) }
    }
    /// Insertion point, `0...text.count`.
    public var cursor: Int
    /// Shown dimmed while the text is empty.
    public var placeholder: String
    /// Candidates for the current text, best first; nil disables completion.
    public var completions: (@Sendable (String) -> [String])?
    public var style: Style
    public var cursorStyle: Style
    public var candidateStyle: Style

    public init(
        text: String = "",
        placeholder: String = "",
        completions: (@Sendable (String) -> [String])? = nil,
        style: Style = .plain,
        cursorStyle: Style = Style(attributes: .reverse),
        candidateStyle: Style = Style(attributes: .dim)
    ) {
        self.text = text
        self.cursor = text.count
        self.placeholder = placeholder
        self.completions = completions
        self.style = style
        self.cursorStyle = cursorStyle
        self.candidateStyle = candidateStyle
    }

    /// What completion offers for the text as it stands.
    public var candidates: [String] { completions?(text) ?? [] }

    // MARK: - Editing

    /// Applies one key; returns false for keys the field does not use, so the form can act on
    /// them (Tab with nothing to complete moves focus instead).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            guard TextWidth.of(character) > 0 else { return false }
            insert(character)
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            cursor -= 1
            text.remove(at: index(cursor))
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            text.remove(at: index(cursor))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeSubrange(text.startIndex..<index(cursor))
            cursor = 0
        case .ctrl("k"):
            text.removeSubrange(index(cursor)..<text.endIndex)
        case .tab:
            return complete()
        default:
            return false
        }
        return true
    }

    public mutating func insert(_ character: Character) {
        text.insert(character, at: index(cursor))
        cursor += 1
    }

    /// Extends the text to the candidates' common prefix, or, when that adds nothing, takes
    /// the first candidate; returns false when there is nothing to complete.
    public mutating func complete() -> Bool {
        let options = candidates
        guard let first = options.first else { return false }
        let prefix = options.dropFirst().reduce(first) { TextField.commonPrefix($0, $1) }
        let completed = prefix.count > text.count && prefix.hasPrefix(text) ? prefix : first
        guard completed != text else { return false }
        text = completed
        cursor = text.count
        return true
    }

    static func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: min(max(0, offset), text.count))
    }

    // MARK: - Drawing

    /// Draws the text on the first row of `area` and, when focused and there is a second row,
    /// the completion candidates on it.
    public func render(into buffer: inout Buffer, area: Rect, focused: Bool = true) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, with: Cell(" ", style: style))
        if text.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, at: line.origin, style: style.over(Style(attributes: .dim)), maxWidth: line.width)
        }
        let characters = Array(text)
        let start = firstVisible(characters, width: line.width)
        var x = line.x
        for position in start..<characters.count {
            let width = TextWidth.of(characters[position])
            if width == 0 { continue }
            if x + width > line.right { break }
            let cellStyle = focused && position == cursor ? cursorStyle : style
            x += buffer.write(String(characters[position]), at: Point(x: x, y: line.y), style: cellStyle, maxWidth: width)
        }
        if focused, cursor == characters.count, x < line.right {
            buffer.set(x, line.y, Cell(" ", style: cursorStyle))
        }
        if focused, area.height > 1 {
            let list = candidates.filter { $0 != text }.joined(separator: "  ")
            buffer.write(TextWidth.truncate(list, to: area.width), at: area.row(1).origin, style: candidateStyle, maxWidth: area.width)
        }
    }

    /// The first character to draw so the cursor (one cell past the text at the end) fits.
    private func firstVisible(_ characters: [Character], width: Int) -> Int {
        guard width > 0 else { return cursor }
        var start = 0
        var used = (0..<cursor).reduce(1) { $0 + TextWidth.of(characters[$1]) }
        while used > width, start < cursor {
            used -= TextWidth.of(characters[start])
            start += 1
        }
        return start
    }
}
