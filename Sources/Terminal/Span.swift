/// A run of text in one style: the unit that status bars, log lines and table cells are made of.
public struct Span: Hashable, Sendable, ExpressibleByStringInterpolation {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var width: Int { TextWidth.of(text) }
}

/// One line of styled text.
///
/// Kept as spans rather than a per-character style array so that a scrollback of thousands of
/// lines stays small, and so that truncation can keep each span's style intact.
public struct Line: Hashable, Sendable, ExpressibleByStringInterpolation {
    public var spans: [Span]

    public init(_ spans: [Span]) {
        self.spans = spans
    }

    public init(_ text: String, style: Style = .plain) {
        self.spans = [Span(text, style: style)]
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// The text without styles, for filtering and searching.
    public var plainText: String { spans.map(\.text).joined() }

    /// This line cut to at most `width` cells, ending in `…` (in the style of the span it
    /// replaces) when anything was removed.
    public func truncated(to width: Int) -> Line {
        guard width > 0 else { return Line([]) }
        guard self.width > width else { return self }
        var result: [Span] = []
        var used = 0
        for span in spans {
            let room = width - used
            if span.width < room {
                result.append(span)
                used += span.width
                continue
            }
            // This span reaches the edge: it gets what is left, minus one cell for the ellipsis.
            let kept = TextWidth.prefix(span.text, width: room - 1).text
            result.append(Span(kept + String(TextWidth.ellipsis), style: span.style))
            break
        }
        return Line(result)
    }
}

extension Style {
    /// This style drawn over `base`: default colours show the base through and attributes add up.
    ///
    /// Lets a span that only sets a foreground keep the background of the bar or selected row
    /// it sits on.
    public func over(_ base: Style) -> Style {
        Style(
            foreground: foreground == .default ? base.foreground : foreground,
            background: background == .default ? base.background : background,
            attributes: attributes.union(base.attributes))
    }
}
