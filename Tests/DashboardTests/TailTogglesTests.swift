@testable import Dashboard
import Estate
import Terminal
import Testing

/// k9s's log toggles in the tail: w wrap, T timestamps, J pretty JSON, C clear, `:since`.
@Suite struct TailTogglesTests {
    typealias F = DashboardFixtures

    static func openTail(_ d: Dashboard) {
        F.press(d, .character("3"), .character("t"))
        d.estate.advance(by: .seconds(2))
        _ = F.screen(d)
    }

    static func isTime(_ s: Substring) -> Bool {
        // `00:01:02.345`
        let c = Array(s.prefix(12))
        return c.count == 12 && c[2] == ":" && c[5] == ":" && c[8] == "." && c.enumerated().allSatisfy { [2, 5, 8].contains($0.offset) || $0.element.isNumber }
    }

    @Test func timestampsOffAndOn() {
        let d = F.dashboard()
        Self.openTail(d)
        #expect(F.streams(d).tail!.log.lines.allSatisfy { Self.isTime($0.plainText[...]) })
        F.press(d, .character("T"))
        #expect(F.streams(d).tail!.log.lines.allSatisfy { !Self.isTime($0.plainText[...]) })
        #expect(F.text(d).contains("· no time"))
        F.press(d, .character("T"))
        #expect(F.streams(d).tail!.log.lines.allSatisfy { Self.isTime($0.plainText[...]) })
    }

    @Test func prettyJSONSpreadsAPayloadOverLines() throws {
        let d = F.dashboard()
        Self.openTail(d)
        let before = F.streams(d).tail!.log.lines.count
        F.press(d, .character("J"))
        let lines = F.streams(d).tail!.log.lines.map(\.plainText)
        #expect(lines.count > before, "objects take a line per member")
        // The line after a record's first is its payload's next member, indented two spaces
        // inside the object and under the payload's column.
        let first = try #require(lines.firstIndex { $0.hasSuffix("{") })
        #expect(lines[first + 1].trimmingCharacters(in: .whitespaces).hasPrefix("\""))
        #expect(lines[first + 1].prefix(lines[first].count - 1).allSatisfy { $0 == " " })
        #expect(F.text(d).contains("· JSON"))
    }

    @Test func wrapFoldsLongLines() {
        #expect(TailPanel.wrap(Line("abcdefghij"), width: 4).map(\.plainText) == ["abcd", "efgh", "ij"])
        #expect(TailPanel.wrap(Line([Span("ab"), Span("cdef")]), width: 3).map(\.plainText) == ["abc", "def"])
        let d = F.dashboard()
        Self.openTail(d)
        let newest = F.streams(d).tail!.log.lines.last!.plainText
        #expect(newest.count > 60)
        let cut = F.screen(d, width: 60, height: 20).joined()
        #expect(!cut.contains(String(newest.suffix(10))), "cut off without wrap")
        F.press(d, .character("w"))
        d.estate.pause()
        let screen = F.screen(d, width: 60, height: 20)
        // The inside of the panel, rows joined: the newest line is there whole.
        let inner = screen.dropFirst(2).dropLast().map { String($0.dropFirst(2).dropLast(2)) }.joined()
        #expect(inner.contains(String(newest.suffix(30))), "wrapped onto the next rows")
    }

    @Test func clearEmptiesTheTailButKeepsItsCounts() {
        let d = F.dashboard()
        Self.openTail(d)
        let received = F.streams(d).tail!.received, skipped = F.streams(d).tail!.skipped
        F.press(d, .character("C"))
        #expect(F.streams(d).tail!.log.lines.isEmpty)
        #expect(F.streams(d).tail!.received == received && F.streams(d).tail!.skipped == skipped)
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        #expect(!F.streams(d).tail!.log.lines.isEmpty, "it goes on after a clear")
    }

    /// `:since 10s` holds exactly what GetRecords with an AT_TIMESTAMP iterator reads from each
    /// shard, then goes on live without repeating any.
    @Test func sinceRestartsAtATimestamp() throws {
        let d = F.dashboard()
        Self.openTail(d)
        F.press(d, .character(":"))
        F.type(d, "since 10s")
        F.press(d, .enter)
        let tail = try #require(F.streams(d).tail)
        #expect(tail.since == "10s")
        let from = SimInstant(milliseconds: d.estate.now.milliseconds - 10_000)
        let runner = CommandRunner(estate: d.estate, readOnly: true)
        var expected = 0
        for shard in d.estate.kinesis.stream(named: "clickstream")!.listedShards {
            let iterator = runner.run("kinesis get-shard-iterator --stream-name clickstream --shard-id \(shard.shardID) --shard-iterator-type AT_TIMESTAMP --timestamp \(SimCalendar.iso8601(from))")!
                .json["ShardIterator"]!.stringValue!
            expected += runner.run("kinesis get-records --shard-iterator \(iterator) --limit 10000")!.json["Records"]!.arrayValue!.count
        }
        #expect(expected > 1000, "about 200 a second for ten seconds")
        #expect(Int(tail.received) == expected)
        #expect(tail.log.lines.count == expected)
        #expect(F.text(d).contains("since 10s"))
        let seen = tail.received
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        let added = F.streams(d).tail!.received - seen
        #expect(added > 100 && added < 300, "the next second only, \(added)")
    }

    @Test func sinceWithoutATailOrWithABadDurationSaysSo() {
        let d = F.dashboard()
        F.press(d, .character("3"), .character(":"))
        F.type(d, "since 5m")
        F.press(d, .enter)
        #expect(d.state.message?.isError == true)
        F.press(d, .character("t"), .character(":"))
        F.type(d, "since soon")
        F.press(d, .enter)
        #expect(d.state.message?.text.hasPrefix("usage: since DURATION") == true)
        #expect(F.streams(d).tail?.since == nil)
    }
}
