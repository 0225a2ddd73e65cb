import Testing
@testable import Terminal

struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("日", 2), ("e\u{301}", 1), ("\u{301}", 0), ("\t", 0), ("\u{7}", 0),
        ("👍", 2), ("❤️", 2), ("🇯🇵", 2), ("한", 2), ("Ａ", 2), ("\u{200B}", 0), ("…", 1), ("─", 1),
    ] as [(Character, Int)])
    func characterWidth(character: Character, width: Int) {
        #expect(TextWidth.of(character) == width)
    }

    @Test func stringWidthSumsCharacters() {
        #expect("日本".displayWidth == 4)
        #expect("i-0a1b 日本 ok".displayWidth == 14)
        #expect("".displayWidth == 0)
    }

    @Test(arguments: [
        ("hello world", 5, "hell…"),
        ("hello", 5, "hello"),
        ("日本語", 4, "日…"),
        ("日本語", 5, "日本…"),
        ("abcd", 1, "…"),
        ("abcd", 0, ""),
        ("abcd", -3, ""),
    ])
    func truncate(text: String, width: Int, expected: String) {
        #expect(TextWidth.truncate(text, to: width) == expected)
    }

    @Test func truncateWithoutEllipsisNeverSplitsWideCharacters() {
        #expect(TextWidth.truncate("日本語", to: 3, ellipsis: false) == "日")
    }

    @Test func padAndAlign() {
        #expect(TextWidth.pad("ab", to: 5) == "ab   ")
        #expect(TextWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(TextWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(TextWidth.pad("abcdef", to: 3) == "abcdef")
    }

    @Test func fitAlwaysTakesExactlyTheWidth() {
        #expect(TextWidth.fit("日本語", to: 4) == "日… ")
        #expect(TextWidth.fit("42", to: 4, alignment: .right) == "  42")
        for width in 0...8 {
            #expect(TextWidth.fit("日本a語b", to: width).displayWidth == width)
        }
    }

    @Test func lineTruncationKeepsSpanStyles() {
        let bold = Style(attributes: .bold)
        let line = Line([Span("<l>", style: bold), Span(" launch")])
        #expect(line.truncated(to: 6) == Line([Span("<l>", style: bold), Span(" l…")]))
        #expect(line.truncated(to: 3) == Line([Span("<l…", style: bold)]))
        #expect(line.truncated(to: 10) == line)
    }
}

/// Symbols, box drawing and blocks are measured and drawn scalar by scalar; anything that can
/// join graphemes must still go through grapheme breaking.
struct StandaloneScalarTests {
    @Test(arguments: ["▁▂▃▅▇█", "│ ● running ▲", "café – 3 µs", "→ ≥ ⌘ ✔", "¡Olé!"])
    func symbolsStandAlone(text: String) {
        #expect(TextWidth.standsAlone(text))
    }

    /// Combining accent, variation selector 16, zero-width joiner, regional indicators, Hangul
    /// jamo, CJK: each can join a neighbour or is out of the set.
    @Test(arguments: ["e\u{301}", "❤️", "👩\u{200D}💻", "🇯🇵", "\u{1100}\u{1161}", "日本"])
    func joinersDoNot(text: String) {
        #expect(!TextWidth.standsAlone(text))
    }

    /// The scalar path's widths and cells equal the grapheme path's: each scalar is one cell.
    @Test func sparklineDrawsOneCellPerScalar() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        let written = buffer.write("▁▃▅█ ●\u{AD}x", at: Point(x: 1, y: 0), maxWidth: 6)
        #expect(written == 6)
        #expect(TextWidth.of("▁▃▅█ ●\u{AD}x") == 7)
        let symbols = (0..<10).map { buffer[$0, 0].symbol }
        #expect(symbols == [" ", "▁", "▃", "▅", "█", " ", "●", " ", " ", " "])
    }
}
