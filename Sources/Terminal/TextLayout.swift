/// Horizontal placement of text inside a wider space.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// Fitting strings into a number of cells: truncation, padding and alignment.
///
/// Every helper measures in display cells (see `TextWidth`), never in characters, and never
/// cuts a wide character in half: where half of one would be needed a space is used instead,
/// so columns stay aligned however mixed the text is.
extension TextWidth {
    /// The ellipsis that marks truncated text; one cell wide.
    public static let ellipsis: Character = "…"

    /// `string` cut to at most `width` cells, ending in `…` when anything was removed.
    ///
    /// The result can be one cell shorter than `width` when the last character that would fit
    /// is wide; `fit` pads it back.
    public static func truncate(_ string: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(string) <= width { return string }
        let kept = prefix(string, width: ellipsis ? width - 1 : width)
        return ellipsis ? String(kept.text) + String(Self.ellipsis) : String(kept.text)
    }

    /// The longest prefix of `string` that fits in `width` cells, and the cells it takes.
    public static func prefix(_ string: String, width: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = string.startIndex
        for index in string.indices {
            let w = of(string[index])
            if used + w > width { break }
            used += w
            end = string.index(after: index)
        }
        return (string[..<end], used)
    }

    /// `string` padded with spaces to exactly `width` cells; longer strings are returned unchanged.
    public static func pad(_ string: String, to width: Int, alignment: Alignment = .left) -> String {
        let gap = width - of(string)
        guard gap > 0 else { return string }
        switch alignment {
        case .left:
            return string + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + string
        case .center:
            let before = gap / 2
            return String(repeating: " ", count: before) + string + String(repeating: " ", count: gap - before)
        }
    }

    /// `string` truncated and padded so that it takes exactly `width` cells.
    public static func fit(_ string: String, to width: Int, alignment: Alignment = .left, ellipsis: Bool = true) -> String {
        pad(truncate(string, to: width, ellipsis: ellipsis), to: width, alignment: alignment)
    }
}
