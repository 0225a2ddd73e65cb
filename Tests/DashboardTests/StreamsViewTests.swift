@testable import Dashboard
import Estate
import Terminal
import Testing

@Suite struct StreamsViewTests {
    typealias F = DashboardFixtures

    @Test func streamsShardsAndTailScreens() {
        let d = F.dashboard()
        F.press(d, .character("3"))
        Golden.check(F.screen(d), name: "streams-120x40")
        F.press(d, .enter)
        #expect(F.streams(d).openStream == "clickstream")
        Golden.check(F.screen(d), name: "shards-120x40")
        Golden.check(F.screen(d, width: 80, height: 24), name: "shards-80x24")
        F.press(d, .character("t"))
        d.estate.advance(by: .seconds(2))
        let screen = F.text(d)
        #expect(screen.contains("Tail · clickstream · following"))
        #expect(screen.contains("none skipped"))
        F.press(d, .escape, .escape)
        #expect(F.streams(d).openStream == nil && F.streams(d).tail == nil)
    }

    /// An enhanced fan-out consumer is listed with the stream's KCL applications (CREATING until
    /// the registration completes), and in the stream's shards it has a lag column beside theirs,
    /// filled for the shard it subscribed to.
    @Test func registeredFanOutConsumersShowBesideTheApplications() throws {
        let d = F.dashboard()
        let arn = try #require(d.estate.kinesis.stream(named: "orders")?.arn)
        let kcl = StreamsView.summaries(d.estate.kinesis).first { $0.name == "orders" }?.consumers ?? []
        let registered = try d.estate.execute(OperationRequest(service: "kinesis", operation: "RegisterStreamConsumer",
                                                               parameters: ["StreamARN": .string(arn), "ConsumerName": "audit"])).get()
        #expect(StreamsView.summaries(d.estate.kinesis).first { $0.name == "orders" }?.consumers == kcl + ["audit (EFO CREATING)"])
        d.estate.advance(by: .seconds(6))
        #expect(StreamsView.summaries(d.estate.kinesis).first { $0.name == "orders" }?.consumers == kcl + ["audit (EFO)"])
        let consumerARN = try #require(registered["Consumer"]?["ConsumerARN"]?.stringValue)
        _ = try d.estate.execute(OperationRequest(service: "kinesis", operation: "SubscribeToShard", parameters: [
            "ConsumerARN": .string(consumerARN), "ShardId": "shardId-000000000001", "StartingPosition": ["Type": "TRIM_HORIZON"],
        ])).get()
        // orders is the third stream, after clickstream and edge-logs.
        F.press(d, .character("3"), .down, .down, .enter)
        #expect(F.streams(d).openStream == "orders")
        let shards = try #require(F.streams(d).shards)
        #expect(shards.apps == kcl + ["audit (EFO)"])
        // Lag for the subscribed shard only; the other shard has no subscription.
        #expect(shards.shards.map { $0.lagMilliseconds.last ?? nil == nil } == [true, false], "\(shards.shards.map(\.lagMilliseconds))")
        // On a screen wide enough for both lag columns (at 120 the shard table keeps the first).
        let wide = F.text(d, width: 160)
        #expect(wide.contains("LAG fulfilment") && wide.contains("LAG audit (EFO)"), "\(wide)")
    }

    @Test func hashRangeBarsCoverTheKeySpaceInOrder() {
        let quarter = UInt128.max / 4
        #expect(ShardRow.rangeBar(0...(quarter - 1), width: 8) == "██──────")
        #expect(ShardRow.rangeBar((3 * quarter)...UInt128.max, width: 8) == "──────██")
        #expect(ShardRow.rangeBar(0...UInt128.max, width: 5) == "█████")
    }

    @Test func tailShowsRecordsAsTheyArrive() {
        let d = F.dashboard()
        F.press(d, .character("3"), .character("t"))
        #expect(F.streams(d).tail?.streamName == "clickstream")
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        let first = F.streams(d).tail!.received
        #expect(first >= 150 && first <= 250, "about 200 records a second, got \(first)")
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        #expect(F.streams(d).tail!.received > first)
        #expect(F.streams(d).tail!.skipped == 0)
    }

    /// At 5,000 records/s the tail never blocks a frame for long, and every arrival is either
    /// shown or counted as skipped.
    @Test func aFloodIsShownOrCountedNeverLost() {
        let d = F.dashboard()
        _ = CommandRunner(estate: d.estate).run("kinesis create-stream --stream-name flood --shard-count 8")
        d.estate.advance(by: .minutes(1))
        _ = CommandRunner(estate: d.estate).run("sim producer start firehose --stream flood --rate 5000 --keys 1000")
        F.press(d, .character("3"))
        while F.streams(d).selectedStreamName != "flood" { F.press(d, .down) }
        F.press(d, .character("t"))
        let start = d.estate.kinesis.tailCursor(streamName: "flood")
        // Frames every 100 ms for two seconds, then one frame after a 5-second stall.
        for _ in 0..<20 { d.estate.advance(by: .milliseconds(100)); _ = F.screen(d) }
        d.estate.advance(by: .seconds(5))
        _ = F.screen(d)
        let tail = F.streams(d).tail!
        let arrived = d.estate.kinesis.tailCursor(streamName: "flood") - start
        #expect(arrived > 30_000)
        #expect(tail.received + tail.skipped == arrived)
        #expect(tail.skipped > 0, "a 5 s stall at 5,000/s overruns the 4,096-record ring")
        #expect(F.text(d).contains("skipped (arrived faster than the tail keeps)"))
    }

    @Test func tailFollowPauseFilterAndHex() {
        let d = F.dashboard()
        F.press(d, .character("3"), .character("t"))
        d.estate.advance(by: .seconds(2))
        _ = F.screen(d)
        F.press(d, .character("f"))
        #expect(F.streams(d).tail?.log.isFollowing == false)
        #expect(F.text(d).contains("· paused"))
        F.press(d, .character("f"))
        F.press(d, .character("/"))
        F.type(d, "checkout")
        F.press(d, .enter)
        let lines = F.streams(d).tail!.log.lines.map(\.plainText)
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains("checkout") })
        F.press(d, .character("x"))
        #expect(F.streams(d).tail?.hex == true)
        #expect(StreamTail.dataText([0x7B, 0x00, 0xFF], hex: false) == "7b 00 ff")
        #expect(StreamTail.dataText(Array("{\"a\":1}".utf8), hex: false) == "{\"a\":1}")
    }
}
