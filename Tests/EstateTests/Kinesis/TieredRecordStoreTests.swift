import Testing
@testable import Estate

/// Reads that start on disk and run into memory answer exactly what an all-in-memory store does,
/// for every iterator type (REFERENCE §2.3).
struct TieredReadTests {
    /// 64 KiB holds a few hundred of these records: most of 3,000 spill, the newest stay hot.
    static let smallBudget = 64 << 10

    /// The same 3,000 records in a store that spilled most of them and in one that kept all.
    func pair() throws -> (tiered: Estate, memory: Estate, sequenceNumbers: [String]) {
        let (tiered, stream) = try tieredStream(budget: Self.smallBudget)
        let sequenceNumbers = try putNumbered(tiered, count: 3000)
        let (memory, _) = try tieredStream(budget: 1 << 40)
        #expect(try putNumbered(memory, count: 3000) == sequenceNumbers)
        #expect(stream.shards[0].coldRecordCount > 1000)
        #expect(stream.shards[0].hotRecordCount > 0)
        #expect(memory.kinesis.recordStore.spilledSegments == 0)
        return (tiered, memory, sequenceNumbers)
    }

    @Test func trimHorizonReadsDiskThenMemory() throws {
        let (tiered, memory, sequenceNumbers) = try pair()
        let seen = try readAll(tiered, from: iterator(tiered, .trimHorizon))
        #expect(seen.map(\.sequenceNumber) == sequenceNumbers)
        #expect(seen == (try readAll(memory, from: iterator(memory, .trimHorizon))))
        #expect(String(decoding: seen[0].data.prefix(9), as: UTF8.self) == "record-0-")
    }

    @Test func latestReadsRecordsThatSpilledAfterTheIteratorWasTaken() throws {
        let (estate, stream) = try tieredStream(budget: Self.smallBudget)
        try putNumbered(estate, count: 500)
        let it = try iterator(estate, .latest)
        let written = try putNumbered(estate, count: 2500, from: 500)
        #expect(stream.shards[0].coldRecordCount > 1500)
        let seen = try readAll(estate, from: it)
        #expect(seen.map(\.sequenceNumber) == written)
    }

    @Test func atAndAfterSequenceNumberStartOnDisk() throws {
        let (tiered, memory, sequenceNumbers) = try pair()
        let shard = try #require(tiered.kinesis.stream(named: "s")?.shards[0])
        // The last record on disk: the read starts in a segment and crosses into memory.
        let boundary = shard.coldRecordCount - 1
        for (type, first) in [(ShardIteratorType.atSequenceNumber, boundary), (.afterSequenceNumber, boundary + 1)] {
            let seen = try readAll(tiered, from: iterator(tiered, type, sequenceNumber: sequenceNumbers[boundary]))
            #expect(seen.map(\.sequenceNumber) == Array(sequenceNumbers[first...]))
            #expect(seen == (try readAll(memory, from: iterator(memory, type, sequenceNumber: sequenceNumbers[boundary]))))
        }
    }

    @Test func atTimestampFindsRecordsOnDisk() throws {
        let (tiered, memory, sequenceNumbers) = try pair()
        // Batches of 400 share a second: the 801st record is the first at 30 s + 2 s.
        let instant = SimInstant.zero + .seconds(32)
        let seen = try readAll(tiered, from: iterator(tiered, .atTimestamp, timestamp: instant))
        #expect(seen.first?.arrivalMilliseconds == instant.milliseconds)
        #expect(seen.map(\.sequenceNumber) == Array(sequenceNumbers[800...]))
        #expect(seen == (try readAll(memory, from: iterator(memory, .atTimestamp, timestamp: instant))))
    }

    @Test func aSplitWhileSegmentsAreOnDisk() throws {
        let (estate, stream) = try tieredStream(budget: Self.smallBudget)
        let before = try putNumbered(estate, count: 3000)
        #expect(stream.shards[0].coldRecordCount > 1000)
        try estate.kinesis.splitShard(streamName: "s", shardToSplit: "shardId-000000000000",
                                      newStartingHashKey: String(UInt128.max / 2))
        estate.advance(by: .seconds(30))
        let after = try putNumbered(estate, count: 1000, from: 3000)
        // The closed parent still reads in full from disk, then hands over to its children.
        var it: String? = try iterator(estate, .trimHorizon)
        var parent: [String] = []
        var children: [ChildShard]?
        while let current = it {
            estate.advance(by: .seconds(1))
            let reply = try estate.kinesis.getRecords(shardIterator: current, limit: 1000)
            parent += reply.records.map(\.sequenceNumber.description)
            children = reply.childShards
            it = reply.nextShardIterator
        }
        #expect(parent == before)
        #expect(children?.map(\.shardID) == ["shardId-000000000001", "shardId-000000000002"])
        var fromChildren: [String] = []
        for child in ["shardId-000000000001", "shardId-000000000002"] {
            fromChildren += try readAll(estate, from: iterator(estate, .trimHorizon, shard: child)).map(\.sequenceNumber)
        }
        #expect(Set(fromChildren) == Set(after))
    }
}

/// Retention drops whole segments from disk and keeps the trim horizon exact.
struct TieredRetentionTests {
    @Test func trimmingDropsOnDiskSegments() throws {
        let (estate, stream) = try tieredStream(budget: TieredReadTests.smallBudget)
        let store = estate.kinesis.recordStore
        try putNumbered(estate, count: 3000)
        estate.advance(by: .hours(2))
        let kept = try putNumbered(estate, count: 2000, from: 3000)
        let segmentsBefore = try store.segments.segmentCount()
        #expect(segmentsBefore > 4)
        // Past the first batch's retention, not the second's.
        estate.advance(by: .hours(22) + .seconds(30))
        #expect(try store.segments.segmentCount() < segmentsBefore)
        #expect(stream.shards[0].retainedRecordCount == 2000)
        let seen = try readAll(estate, from: iterator(estate, .trimHorizon))
        #expect(seen.map(\.sequenceNumber) == kept)
        estate.advance(by: .hours(3))
        #expect(try store.segments.segmentCount() == 0)
        #expect(store.diskBytes == 0)
        #expect(stream.shards[0].retainedRecordCount == 0)
    }

    @Test func deletingAStreamDropsItsSegments() throws {
        let (estate, _) = try tieredStream(budget: TieredReadTests.smallBudget)
        try putNumbered(estate, count: 3000)
        #expect(try estate.kinesis.recordStore.segments.segmentCount() > 0)
        try estate.kinesis.deleteStream(name: "s")
        estate.advance(by: .seconds(30))
        #expect(try estate.kinesis.recordStore.segments.segmentCount() == 0)
        #expect(estate.kinesis.recordStore.memoryBytes == 0)
    }
}

/// What a client put comes back byte for byte, and what a producer wrote regenerates identically.
struct TieredPayloadTests {
    @Test func aClientRecordSurvivesEvictionByteForByte() throws {
        let (estate, stream) = try tieredStream(budget: TieredReadTests.smallBudget)
        let data = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let put = try estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "κλειδί-é")
        try putNumbered(estate, count: 3000)
        #expect(stream.shards[0].hotRecordCount < 3000)
        let first = try #require(try readAll(estate, from: iterator(estate, .trimHorizon)).first)
        #expect(first.sequenceNumber == put.sequenceNumber.description)
        #expect(first.data == data)
        #expect(first.partitionKey == "κλειδί-é")
    }

    /// The default estate's producers, read back after their records spilled, and in memory.
    func producedRecords(budget: Int) throws -> (records: [String: [SeenRecord]], estate: Estate) {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: 5, memoryBudgetBytes: budget)
        estate.advance(by: .minutes(5))
        var records: [String: [SeenRecord]] = [:]
        for stream in estate.kinesis.streams {
            for shard in stream.shards {
                let it = try estate.kinesis.getShardIterator(streamName: stream.name, shardID: shard.shardID, type: .trimHorizon)
                let reply = try estate.kinesis.getRecords(shardIterator: it, limit: 10_000)
                records[stream.name + "/" + shard.shardID] = reply.records.map(SeenRecord.init)
                // What the limits were charged is what the regenerated bytes weigh.
                #expect(reply.bytes == reply.records.reduce(0) { $0 + $1.data.count + $1.partitionKey.utf8.count })
            }
        }
        return (records, estate)
    }

    @Test func syntheticPayloadsRegenerateIdenticallyAfterEviction() throws {
        let (spilled, tiny) = try producedRecords(budget: 16 << 10)
        let (kept, huge) = try producedRecords(budget: 1 << 40)
        #expect(tiny.kinesis.recordStore.spilledSegments > 10)
        #expect(huge.kinesis.recordStore.spilledSegments == 0)
        #expect(spilled == kept)
        #expect(spilled.values.reduce(0) { $0 + $1.count } > 10_000)
        // Read again: the same bytes every time.
        #expect(try producedRecords(budget: 16 << 10).records == spilled)
        let sample = try #require(spilled["clickstream/shardId-000000000000"]?.first)
        let text = String(decoding: sample.data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"event_id":""#) && text.contains(#""user_id":"\#(sample.partitionKey)""#) && text.hasSuffix(#"Z"}"#))
    }

    @Test func countedPayloadLengthMatchesTheBytes() {
        for template in PayloadTemplate.allCases {
            let source = SyntheticSource(number: 1, template: template, seed: 99, keyCount: 1000)
            for ordinal in 0..<2000 as Range<UInt64> {
                let position = RecordPosition(streamTag: 5, shardIndex: Int(ordinal % 3), ordinal: ordinal)
                let at = SimInstant(milliseconds: Int64(ordinal) * 977)
                let key = Int(ordinal % 1000)
                let bytes = source.payload(keyIndex: key, at: at, position: position)
                #expect(source.payloadLength(keyIndex: key, at: at, position: position) == bytes.count)
                #expect(source.keyLength(key) == source.partitionKey(key).utf8.count)
            }
        }
    }
}

/// The budget holds, and where records sit never shows in the dump.
struct TieredBudgetTests {
    func dump(budget: Int, steps: Bool = false) throws -> (String, (spilledSegments: Int, diskBytes: Int)) {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: 11, memoryBudgetBytes: budget)
        // A late reader from TRIM_HORIZON reads back what has spilled by then.
        estate.advance(by: .minutes(4))
        try estate.kinesis.startConsumer(name: "late", streamName: "clickstream", workers: 1, initialPosition: .trimHorizon)
        if steps {
            for _ in 0..<(6 * 60) { estate.advance(by: .seconds(1)) }
        } else {
            estate.advance(by: .minutes(6))
        }
        #expect(estate.kinesis.recordStore.memoryBytes <= budget)
        let store = estate.kinesis.recordStore
        return (estate.dump().serialized(), (store.spilledSegments, store.diskBytes))
    }

    @Test func tinyBudgetDumpEqualsHugeBudgetDump() throws {
        let (tiny, tinyStore) = try dump(budget: 16 << 10)
        let (huge, hugeStore) = try dump(budget: 1 << 40)
        #expect(tinyStore.spilledSegments > 10)
        #expect(tinyStore.diskBytes > 0)
        #expect(hugeStore.spilledSegments == 0)
        #expect(tiny == huge)
        #expect(tiny.contains(#""ApplicationName": "late""#))
    }

    @Test func oneLongAdvanceEqualsOneSecondSteps() throws {
        let (long, _) = try dump(budget: 64 << 10)
        let (stepped, _) = try dump(budget: 64 << 10, steps: true)
        #expect(long == stepped)
    }

    @Test func configAndParsingOfTheBudget() throws {
        #expect(MemoryBudget.parse("256MiB") == 256 << 20)
        #expect(MemoryBudget.parse("1GiB") == 1 << 30)
        #expect(MemoryBudget.parse("4096") == 4096)
        #expect(MemoryBudget.parse("12 KiB") == 12 << 10)
        #expect(MemoryBudget.parse("lots") == nil)
        #expect(MemoryBudget.parse("-1MiB") == nil)
        let estate = try EstateBuilder.build(yaml: "stream-memory-budget: 3MiB\n", file: "e.yaml")
        #expect(estate.kinesis.recordStore.memoryBudgetBytes == 3 << 20)
        #expect(throws: ConfigError.self) { try EstateBuilder.build(yaml: "stream-memory-budget: plenty\n", file: "e.yaml") }
    }
}
