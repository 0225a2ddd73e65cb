import Estate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `KinesisBenchmarks.run` measured.
public struct KinesisBenchmarkResults: Sendable, CustomStringConvertible {
    public var shardCount = 0
    public var payloadBytes = 0
    public var putRecords = 0
    public var putWallSeconds = 0.0
    public var putRecordsPerSecond = 0.0
    /// Writes refused by the per-shard limits; should be 0 with the clock advanced as documented.
    public var putThrottled = 0
    public var putRecordJSONPerSecond = 0.0
    public var getRecordsRead = 0
    public var getCalls = 0
    public var getWallSeconds = 0.0
    public var getRecordsPerSecond = 0.0
    public var retainedRecords = 0
    /// Payload plus partition key, averaged over retained records.
    public var payloadAndKeyBytesPerRecord = 0.0
    /// Bytes of the shard storage structures (byte blocks and index capacity) per retained record.
    public var storageBytesPerRecord = 0.0
    /// The goal: 2 × (payload + key) + 64.
    public var memoryBudgetBytesPerRecord = 0.0
    /// Resident set growth while writing, from /proc/self/statm, per retained record.
    public var rssBytesPerRecord = 0.0

    public var description: String {
        func f(_ x: Double, _ digits: Int = 1) -> String {
            let p = Double([1, 10, 100, 1000][digits])
            return String((x * p).rounded() / p)
        }
        return """
        PutRecord (typed, \(shardCount) shards, \(payloadBytes)-byte records): \(putRecords) records in \(f(putWallSeconds, 3)) s = \(f(putRecordsPerSecond, 0)) records/s, \(putThrottled) throttled
        PutRecord (through the AWS-shaped operation): \(f(putRecordJSONPerSecond, 0)) records/s
        GetRecords: \(getRecordsRead) records in \(getCalls) calls, \(f(getWallSeconds, 3)) s = \(f(getRecordsPerSecond, 0)) records/s
        Memory: \(retainedRecords) records of \(f(payloadAndKeyBytesPerRecord)) B payload+key; storage \(f(storageBytesPerRecord)) B/record, RSS \(f(rssBytesPerRecord)) B/record, budget \(f(memoryBudgetBytesPerRecord)) B/record
        """
    }
}

/// Benchmarks of the stream write and read paths (not tests: numbers for the design note).
///
/// Virtual time is advanced so the provisioned limits are respected rather than bypassed: one
/// virtual second per `shardCount × 500` records, half the 1,000 records/s a shard accepts, so the
/// uneven spread of MD5 over the shards never reaches the limit. Reads advance a second per round
/// of one GetRecords per shard, which keeps each shard within 5 calls and 2 MiB a second. Wall time
/// comes from `ContinuousClock`; it measures the host and never feeds the simulation.
public enum KinesisBenchmarks {
    public static func run(records: Int = 5_000_000, shardCount: Int = 64, payloadBytes: Int = 100,
                           distinctKeys: Int = 100_000, readRecords: Int = 2_000_000) -> KinesisBenchmarkResults {
        var results = KinesisBenchmarkResults()
        results.shardCount = shardCount
        results.payloadBytes = payloadBytes
        let estate = Estate(name: "bench", seed: 1)
        let kinesis = estate.kinesis
        let clock = ContinuousClock()
        do {
            let stream = try kinesis.createStream(name: "bench", shardCount: shardCount)
            estate.advance(by: .seconds(30))
            let keys = (0..<distinctKeys).map { "user-\($0)" }
            let payload = [UInt8]((0..<payloadBytes).map { UInt8(97 + $0 % 26) })
            let recordsPerVirtualSecond = shardCount * 500
            let rssBefore = residentBytes()
            var throttled = 0
            let started = clock.now
            payload.withUnsafeBytes { bytes in
                var sinceAdvance = 0
                for i in 0..<records {
                    do { _ = try kinesis.putRecord(streamName: "bench", bytes: bytes, partitionKey: keys[i % distinctKeys]) } catch { throttled += 1 }
                    sinceAdvance += 1
                    if sinceAdvance == recordsPerVirtualSecond {
                        estate.advance(by: .seconds(1))
                        sinceAdvance = 0
                    }
                }
            }
            results.putWallSeconds = seconds(clock.now - started)
            let rssAfter = residentBytes()
            results.putRecords = records
            results.putThrottled = throttled
            results.putRecordsPerSecond = Double(records) / results.putWallSeconds

            var retained = 0, payloadAndKey = 0, storage = 0
            for shard in stream.shards {
                retained += shard.retainedRecordCount
                payloadAndKey += shard.retainedBytes
                storage += shard.memoryBytes
            }
            results.retainedRecords = retained
            results.payloadAndKeyBytesPerRecord = Double(payloadAndKey) / Double(max(1, retained))
            results.storageBytesPerRecord = Double(storage) / Double(max(1, retained))
            results.memoryBudgetBytesPerRecord = 2 * results.payloadAndKeyBytesPerRecord + 64
            results.rssBytesPerRecord = Double(rssAfter - rssBefore) / Double(max(1, retained))

            // Reads: one GetRecords per shard per virtual second.
            var iterators = try stream.shards.map { shard throws(AWSError) in
                try kinesis.getShardIterator(streamName: "bench", shardID: shard.shardID, type: .trimHorizon)
            }
            var read = 0, calls = 0
            var readWall = Duration.zero
            while read < readRecords {
                estate.advance(by: .seconds(1))
                let round = clock.now
                var progressed = false
                for s in iterators.indices {
                    let reply = try kinesis.getRecords(shardIterator: iterators[s], limit: KinesisLimits.maximumGetRecordsLimit)
                    calls += 1
                    read += reply.records.count
                    progressed = progressed || !reply.records.isEmpty
                    if let next = reply.nextShardIterator { iterators[s] = next }
                }
                readWall += clock.now - round
                if !progressed { break }
            }
            results.getRecordsRead = read
            results.getCalls = calls
            results.getWallSeconds = seconds(readWall)
            results.getRecordsPerSecond = Double(read) / max(1e-9, results.getWallSeconds)

            results.putRecordJSONPerSecond = jsonPutRate(estate: estate, keys: keys, payloadBytes: payloadBytes, shardCount: shardCount,
                                                         count: min(200_000, records))
        } catch {
            results.putThrottled = -1
        }
        return results
    }

    /// The detail and the table's rows. Issue 4's goals: a million typed PutRecords a second, and
    /// no more than twice the payload plus key plus 64 bytes of memory per retained record.
    static func report(_ r: KinesisBenchmarkResults) -> BenchReport {
        BenchReport(text: "kinesis:\n" + r.description, rows: [
            BenchRow("kinesis: PutRecord, \(r.shardCount) shards, \(r.payloadBytes) B records", r.putRecordsPerSecond, .rate("records"),
                     baseline: (r.putRecordJSONPerSecond, "AWS-shaped operation"), goal: .atLeast(1_000_000, source: "#4")),
            BenchRow("kinesis: GetRecords", r.getRecordsPerSecond, .rate("records")),
            BenchRow("kinesis: memory per retained record", r.storageBytesPerRecord, .bytesPer("record"),
                     baseline: (r.payloadAndKeyBytesPerRecord, "payload + key"), goal: .atMost(r.memoryBudgetBytesPerRecord, source: "#4")),
        ])
    }

    /// PutRecord through `perform`, as the command language and a network front end call it.
    private static func jsonPutRate(estate: Estate, keys: [String], payloadBytes: Int, shardCount: Int, count: Int) -> Double {
        let data = String(repeating: "x", count: payloadBytes)
        let requests: [Parameters] = (0..<1000).map {
            Parameters(["StreamName": "bench", "Data": .string(data), "PartitionKey": .string(keys[$0 % keys.count])])
        }
        let clock = ContinuousClock()
        let started = clock.now
        for i in 0..<count {
            _ = try? estate.kinesis.perform("PutRecord", requests[i % requests.count])
            if i % (shardCount * 500) == shardCount * 500 - 1 { estate.advance(by: .seconds(1)) }
        }
        return Double(count) / seconds(clock.now - started)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Resident set size from /proc/self/statm (second field, in pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        #if canImport(Glibc)
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return pages * 4096
        #endif
    }
}
