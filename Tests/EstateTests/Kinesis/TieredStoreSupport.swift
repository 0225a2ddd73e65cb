@testable import Estate

/// A record as a reader sees it, for comparing what two estates or two reads answered.
struct SeenRecord: Equatable, CustomStringConvertible {
    let sequenceNumber: String
    let arrivalMilliseconds: Int64
    let partitionKey: String
    let data: [UInt8]

    init(_ r: KinesisRecord) {
        sequenceNumber = r.sequenceNumber.description
        arrivalMilliseconds = r.approximateArrival.milliseconds
        partitionKey = r.partitionKey
        data = r.data
    }

    var description: String { "\(sequenceNumber) \(partitionKey) \(data.count) B" }
}

/// An estate whose record store has `budget` bytes of memory, with one ACTIVE stream.
func tieredStream(budget: Int, shards: Int = 1, seed: UInt64 = 7) throws -> (Estate, KinesisStream) {
    let estate = Estate(seed: seed, recordStore: .inMemory(memoryBudgetBytes: budget))
    let stream = try estate.kinesis.createStream(name: "s", shardCount: shards)
    estate.advance(by: .seconds(30))
    guard stream.status == .active else { throw AWSError("Test", "stream not active") }
    return (estate, stream)
}

/// Puts `count` client records to shard 0's key space, 400 per virtual second (under the
/// 1,000 records/s limit), each with distinct bytes; returns their sequence numbers.
@discardableResult
func putNumbered(_ estate: Estate, count: Int, from first: Int = 0) throws -> [String] {
    var sequenceNumbers: [String] = []
    for i in first..<(first + count) {
        let data = Array("record-\(i)-".utf8) + [UInt8](repeating: UInt8(i % 251), count: 40)
        sequenceNumbers.append(try estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "key-\(i % 17)").sequenceNumber.description)
        if (i + 1) % 400 == 0 { estate.advance(by: .seconds(1)) }
    }
    return sequenceNumbers
}

/// Reads a shard from an iterator to its current end, one call per virtual second so the
/// read limits never refuse; returns every record in order.
func readAll(_ estate: Estate, from iterator: String) throws -> [SeenRecord] {
    var seen: [SeenRecord] = []
    var next: String? = iterator
    while let it = next {
        estate.advance(by: .seconds(1))
        let reply = try estate.kinesis.getRecords(shardIterator: it, limit: 1000)
        seen += reply.records.map(SeenRecord.init)
        if reply.records.isEmpty && reply.millisBehindLatest == 0 { break }
        next = reply.nextShardIterator
    }
    return seen
}

func iterator(_ estate: Estate, _ type: ShardIteratorType, shard: String = "shardId-000000000000",
              sequenceNumber: String? = nil, timestamp: SimInstant? = nil) throws -> String {
    try estate.kinesis.getShardIterator(streamName: "s", shardID: shard, type: type,
                                        startingSequenceNumber: sequenceNumber, timestamp: timestamp)
}
