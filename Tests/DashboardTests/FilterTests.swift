@testable import Dashboard
@testable import Estate
import Terminal
import Testing

/// The `/` filter as k9s reads it: a regular expression, `!` inverts, `-f` is fuzzy, and in a
/// tail `-C N` keeps context. Expected rows come from the default estate's instance names
/// (api-1, api-2, bastion, cache, db-primary, ml-train, web-1, web-2, web-3, worker-1, worker-2).
@Suite struct TextFilterTests {
    @Test func aRegularExpressionMatchesAnywhereInAnyCase() throws {
        let f = try TextFilter.parse("^web-[12]$")
        #expect(f.keeps("web-1") && f.keeps("WEB-2"))
        #expect(!f.keeps("web-3") && !f.keeps("my-web-1"))
        let alternation = try TextFilter.parse("api|cache")
        #expect(alternation.keeps(["x", "cache"]))
        #expect(!alternation.keeps(["bastion"]))
    }

    @Test func aPlainWordIsACaseInsensitiveSearch() throws {
        let f = try TextFilter.parse("Prim")
        #expect(f.keeps("db-primary"))
        #expect(f.highlights(in: "db-primary-prim").map { $0.lowerBound.utf16Offset(in: "db-primary-prim") } == [3, 11])
    }

    @Test func aLeadingBangInverts() throws {
        let f = try TextFilter.parse("!^web")
        #expect(f.inverted)
        #expect(f.keeps("api-1"))
        #expect(!f.keeps("web-2"))
        // A row is dropped when any of its fields matches.
        #expect(!f.keeps(["i-123", "web-2"]))
        #expect(f.highlights(in: "api-1").isEmpty, "an inverted filter marks nothing")
    }

    @Test func dashFIsAFuzzySubsequence() throws {
        let f = try TextFilter.parse("-f dbpy")
        #expect(f.mode == .fuzzy)
        #expect(f.keeps("db-primary"))  // d b . p . . . . . y
        #expect(!f.keeps("bastion"))
        #expect(!f.keeps("ydbp"), "the letters must come in order")
        let text = "db-primary"
        #expect(f.highlights(in: text).map { text.distance(from: text.startIndex, to: $0.lowerBound) } == [0, 1, 3, 9])
        // Regex characters are plain letters to a fuzzy filter.
        #expect(try TextFilter.parse("-f (").keeps("f(x)"))
    }

    @Test func aBadExpressionIsAnErrorThatSaysSo() {
        #expect(throws: TextFilter.ParseError.self) { try TextFilter.parse("web-(") }
        #expect(throws: TextFilter.ParseError.self) { try TextFilter.parse("[a-") }
        do {
            _ = try TextFilter.parse("(a|b")
            Issue.record("an unclosed group parsed")
        } catch {
            #expect(error.message.contains("not a regular expression: (a|b"))
        }
    }

    @Test func dashCKeepsContextInATail() throws {
        let f = try TextFilter.parse("error -C 2")
        #expect(f.context == 2 && f.pattern == "error")
        #expect(try TextFilter.parse("error").context == 0)
        #expect(throws: TextFilter.ParseError.self) { try TextFilter.parse("error -C x") }
        #expect(throws: TextFilter.ParseError.self) { try TextFilter.parse("error -C 1000") }
    }

    /// Records 0…9 whose data is `ok` except `error` at 3 and 8: with `-C 1` the tail shows 2 3 4,
    /// a `--` for the gap, then 7 8 9, as `grep -C 1` prints them.
    @Test func aTailShowsContextAroundMatchesWithSeparators() throws {
        var tail = StreamTail(streamName: "s", shardID: nil, cursor: 0)
        tail.setFilter("error -C 1", theme: .defaults)
        for i in 0..<10 {
            let data = Array((i == 3 || i == 8 ? "error \(i)" : "ok \(i)").utf8)
            _ = tail.receive(TailRecord(arrival: SimInstant(milliseconds: Int64(i)), shardID: "shardId-000000000000",
                                        sequenceNumber: String(i), partitionKey: "k", data: data), theme: .defaults)
        }
        let texts = tail.log.lines.map { $0.spans.map(\.text).joined() }
        let shown = texts.map { $0.hasSuffix("--") ? "--" : String($0.split(separator: " ").last!) }
        #expect(shown == ["2", "3", "4", "--", "7", "8", "9"])
        // Changing the filter redraws the same records without context.
        tail.setFilter("error", theme: .defaults)
        #expect(tail.log.lines.map { String($0.spans.map(\.text).joined().split(separator: " ").last!) } == ["3", "8"])
    }
}

@Suite struct DashboardFilterTests {
    typealias F = DashboardFixtures

    @Test func ec2RowsFollowRegexInvertAndFuzzyFilters() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("/"))
        F.type(d, "^web-[12]$")
        #expect(F.ec2(d).model.instances.compactMap(\.name) == ["web-1", "web-2"])
        F.press(d, .escape, .character("/"))
        F.type(d, "!web|worker")
        #expect(F.ec2(d).model.instances.compactMap(\.name) == ["api-1", "api-2", "bastion", "cache", "db-primary", "ml-train"])
        F.press(d, .escape, .character("/"))
        F.type(d, "-f wr2")
        #expect(F.ec2(d).model.instances.compactMap(\.name) == ["worker-2"])
    }

    /// `(` on its way to `web-([12])` is not a filter yet: the line says why and the rows stay as
    /// the last good filter (`web-`) left them.
    @Test func aBadRegexShowsItsErrorAndKeepsTheOldFilter() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("/"))
        F.type(d, "web-")
        #expect(F.ec2(d).model.instances.count == 3)
        F.type(d, "(")
        #expect(F.ec2(d).filter == "web-", "the good filter stays")
        #expect(F.ec2(d).model.instances.count == 3)
        let footer = F.screen(d).last!
        #expect(footer.contains("/web-(") && footer.contains("not a regular expression"))
        F.type(d, "[12])")
        #expect(F.ec2(d).filter == "web-([12])")
        #expect(F.ec2(d).model.instances.compactMap(\.name) == ["web-1", "web-2"])
        #expect(!F.screen(d).last!.contains("not a regular expression"))
        // Enter on a bad text closes the line, says why, and keeps the last good filter.
        F.type(d, "(")
        F.press(d, .enter)
        #expect(d.state.message?.isError == true && F.ec2(d).filter == "web-([12])")
    }

    /// The matched letters take the `match` role in the drawn rows, and only those.
    @Test func matchesAreHighlightedInTheRows() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("/"))
        F.type(d, "prim")
        F.press(d, .enter)
        d.refresh()
        d.arrange(for: Size(width: 120, height: 40))
        var buffer = Buffer(width: 120, height: 40)
        d.render(into: &buffer)
        let match = Theme.defaults["match"]
        let row = buffer.lines.firstIndex { $0.contains("db-primary") }!
        let x = Array(buffer.lines[row]).firstIndex(of: "p")!
        // The one row left is selected: its matches show on the selection bar too.
        let styled = (0..<120).filter { buffer[$0, row].style.background == match.background && buffer[$0, row].style.foreground == match.foreground }
        #expect(styled == Array(x..<(x + 4)), "p r i m of db-primary, got \(styled)")
    }
}
