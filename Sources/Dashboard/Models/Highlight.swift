import Terminal

/// Marks a filter's matches in what a view draws, in the theme's `match` role.
extension Table {
    mutating func highlight(_ filter: TextFilter, theme: Theme) {
        guard !filter.isEmpty, !filter.inverted else { return }
        highlight = { filter.highlights(in: $0) }
        highlightStyle = theme["match"]
    }
}

enum Highlight {
    /// `text` in `style`, with the filter's matches cut out into spans of the `match` role.
    static func spans(_ text: String, style: Style, filter: TextFilter, theme: Theme) -> [Span] {
        let ranges = filter.highlights(in: text)
        guard !ranges.isEmpty else { return [Span(text, style: style)] }
        let match = theme["match"].over(style)
        var spans: [Span] = []
        var from = text.startIndex
        for range in ranges where range.lowerBound >= from {
            if from < range.lowerBound { spans.append(Span(String(text[from..<range.lowerBound]), style: style)) }
            spans.append(Span(String(text[range]), style: match))
            from = range.upperBound
        }
        if from < text.endIndex { spans.append(Span(String(text[from...]), style: style)) }
        return spans
    }
}
