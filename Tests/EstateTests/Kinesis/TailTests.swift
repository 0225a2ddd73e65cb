import Testing
@testable import Estate

/// The live tail: records in arrival order, and an honest count of what was skipped.
struct TailTests {
    @Test func tailFollowsArrivalsAndCountsSkips() throws {
        let (estate, _) = try activeStream(shards: 2)
        let k = estate.kinesis
        var cursor = k.tailCursor(streamName: "s")
        for i in 0..<3 { _ = try k.putRecord(streamName: "s", text: "r\(i)", partitionKey: "key-\(i)") }
        let page = k.tail(streamName: "s", after: cursor)
        #expect(page.records.map { String(decoding: $0.data, as: UTF8.self) } == ["r0", "r1", "r2"])
        #expect(page.records.map(\.partitionKey) == ["key-0", "key-1", "key-2"])
        #expect(page.skipped == 0)
        cursor = page.nextCursor
        for i in 0..<(KinesisService.tailCapacity + 10) {
            _ = try? k.putRecord(streamName: "s", text: "b\(i)", partitionKey: "key-\(i)")
            if i % 1000 == 999 { estate.advance(by: .seconds(1)) }
        }
        let flood = k.tail(streamName: "s", after: cursor, limit: 100)
        #expect(flood.records.count == 100)
        #expect(flood.skipped == UInt64(KinesisService.tailCapacity + 10 - 100))
        #expect(String(decoding: flood.records.last!.data, as: UTF8.self) == "b\(KinesisService.tailCapacity + 9)")
    }
}
