import Testing
@testable import Estate

/// KCL-style applications: leases, fair shares, failover without loss (REFERENCE §2.6).
struct ConsumerTests {
    @Test func workersShareLeasesFairly() throws {
        let (estate, _) = try activeStream(shards: 4)
        let app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 2)
        estate.advance(by: .seconds(45))
        #expect(app.leases.count == 4)
        #expect(app.leaseCount(of: "worker-1") == 2 && app.leaseCount(of: "worker-2") == 2)
        #expect(estate.bus.history.contains { $0.event.name == "LeaseStolen" })
    }

    @Test func failoverProcessesEveryRecordAtLeastOnce() throws {
        let (estate, _) = try activeStream(shards: 4)
        let app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 3)
        var seen: [String: Int] = [:]
        app.onBatch = { batch in for r in batch.records { seen[r.sequenceNumber.description, default: 0] += 1 } }
        try estate.kinesis.startProducer(.init(name: "p", streamName: "s", recordsPerSecond: 120,
                                               keys: KeyDistribution(keyCount: 50, hotKeyShare: 0.2), template: .clickstream))
        estate.advance(by: .seconds(50))
        let victim = try #require(app.leases.compactMap(\.leaseOwner).first)
        let victimLeases = app.leaseCount(of: victim)
        try estate.kinesis.killWorker(application: "app", worker: victim)
        estate.advance(by: .seconds(45))
        // Its leases expired after 10 s without renewal and the others took them.
        #expect(app.leaseCount(of: victim) == 0)
        #expect(app.leases.allSatisfy { $0.leaseOwner != nil && $0.leaseOwner != victim })
        #expect(estate.bus.history.filter { $0.event.name == "LeaseExpired" }.count == victimLeases)
        try estate.kinesis.stopProducer(named: "p")
        estate.advance(by: .seconds(5))
        var put = 0
        let stream = try #require(estate.kinesis.stream(named: "s"))
        for shard in stream.shards { put += Int(shard.nextOrdinal) }
        let producer = try #require(estate.kinesis.producer(named: "p"))
        #expect(put == producer.sent && put > 5000)
        #expect(seen.count == put, "every record processed at least once")
        let duplicates = seen.values.reduce(0) { $0 + $1 - 1 }
        // Checkpoints come every 5 s, so what the victim processed after its last one is done again.
        #expect(duplicates > 0, "at least once, not exactly once")
        print("KCL failover: \(put) records put, \(seen.count) processed, \(duplicates) duplicates, victim \(victim) held \(victimLeases) leases")
        #expect(app.leases.allSatisfy { $0.millisBehindLatest == 0 })
    }

    /// The child's records are written while the parent still has most of its records to read,
    /// and the child's lease is in the table (and held) long before the parent is done, so a
    /// processor that ignored lineage would see them in the middle of the parent's. The
    /// application starts at LATEST, so a child begun anywhere but TRIM_HORIZON would skip them.
    @Test func childrenWaitForParentsAndStartAtTrimHorizon() throws {
        let (estate, stream) = try activeStream(shards: 1)
        // Writes far faster than reads: the parent takes about 100 s to read.
        stream.limits.writeRecordsPerSecond = 1_000_000
        stream.limits.writeBytesPerSecond = 1 << 30
        stream.limits.readBytesPerSecond = 20_000
        let app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 1, initialPosition: .latest)
        var order: [String] = []
        app.onBatch = { batch in for r in batch.records { order.append(String(decoding: r.data, as: UTF8.self)) } }
        estate.advance(by: .seconds(2))
        #expect(app.lease("shardId-000000000000")?.checkpoint == Lease.latest)
        let parentCount = 100_000
        for i in 0..<parentCount {
            _ = try estate.kinesis.putRecord(streamName: "s", text: "parent-\(i)", partitionKey: "user-\(i % 97)")
        }
        let half = "170141183460469231731687303715884105728"
        try estate.kinesis.splitShard(streamName: "s", shardToSplit: "shardId-000000000000", newStartingHashKey: half)
        while stream.status != .active { estate.advance(by: .seconds(1)) }
        _ = try estate.kinesis.putRecord(streamName: "s", text: "child-low", partitionKey: "k", explicitHashKey: 1)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "child-high", partitionKey: "k", explicitHashKey: UInt128.max)
        // After the next shard sync the children have leases, held by the worker, while the
        // parent is far from read to its end.
        estate.advance(to: SimInstant(milliseconds: 95_000))
        try #require(app.lease("shardId-000000000001")?.leaseOwner == "worker-1")
        try #require(app.lease("shardId-000000000002")?.leaseOwner == "worker-1")
        try #require(app.lease("shardId-000000000000")?.checkpoint != Lease.shardEnd)
        try #require(order.count < parentCount)
        estate.advance(by: .seconds(150))

        #expect(order.count == parentCount + 2)
        let firstChild = try #require(order.firstIndex { $0.hasPrefix("child-") })
        #expect(firstChild == parentCount, "a child's record was processed before the parent reached SHARD_END")
        #expect(order[..<parentCount].elementsEqual((0..<parentCount).map { "parent-\($0)" }))
        #expect(Set(order[parentCount...]) == ["child-low", "child-high"])
        #expect(app.lease("shardId-000000000000")?.checkpoint == Lease.shardEnd)
        #expect(app.lease("shardId-000000000001")?.parentShardIDs == ["shardId-000000000000"])
        #expect(app.lease("shardId-000000000002")?.parentShardIDs == ["shardId-000000000000"])
        #expect(app.lease("shardId-000000000001")?.recordsProcessed == 1)
        #expect(app.lease("shardId-000000000002")?.recordsProcessed == 1)
    }

    /// KCL's lease table is a DynamoDB table named after the application: stopping and starting
    /// the application again finds the checkpoints and resumes just after them.
    @Test func restartedApplicationResumesAfterItsCheckpoints() throws {
        let (estate, stream) = try activeStream(shards: 2)
        var app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 2)
        var firstRun: [String: [String]] = [:]
        app.onBatch = { batch in firstRun[batch.shardID, default: []] += batch.records.map(\.sequenceNumber.description) }
        var written: [String: [String]] = [:]
        func write(_ count: Int) throws {
            for i in 0..<count {
                let r = try estate.kinesis.putRecord(streamName: "s", text: "r\(i)", partitionKey: "key-\(i)")
                written[r.shardID, default: []].append(r.sequenceNumber.description)
            }
        }
        for _ in 0..<20 {
            try write(40)
            estate.advance(by: .seconds(1))
        }
        try estate.kinesis.stopConsumer(name: "app")
        let checkpoints = Dictionary(uniqueKeysWithValues: app.leases.map { ($0.leaseKey, $0.checkpoint) })
        try #require(checkpoints.count == 2)
        for (shard, checkpoint) in checkpoints {
            try #require(SequenceNumber.parse(checkpoint) != nil, "\(shard) has checkpoint \(checkpoint)")
        }
        try write(100)
        estate.advance(by: .seconds(5))

        app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 1)
        var secondRun: [String: [String]] = [:]
        app.onBatch = { batch in secondRun[batch.shardID, default: []] += batch.records.map(\.sequenceNumber.description) }
        estate.advance(by: .seconds(30))
        #expect(app.leases.count == 2)
        for shard in stream.openShards.map(\.shardID) {
            let all = try #require(written[shard])
            let checkpoint = try #require(checkpoints[shard])
            let resumeAt = try #require(all.firstIndex(of: checkpoint)) + 1
            #expect(secondRun[shard] ?? [] == Array(all[resumeAt...]), "\(shard) did not resume just after \(checkpoint)")
            #expect(firstRun[shard]?.contains(checkpoint) == true)
        }
        #expect(app.leases.allSatisfy { $0.leaseOwner == "worker-1" })
    }

    @Test func commandsDriveProducersAndConsumers() throws {
        let (estate, _) = try activeStream(shards: 2)
        _ = try estate.ok("sim producer start p --stream s --rate 20 --keys 10 --hot-key-share 0.5 --template orders")
        _ = try estate.ok("sim consumer start app --stream s --workers 2")
        estate.advance(by: .seconds(10))
        _ = try estate.ok("sim consumer kill-worker app worker-1")
        #expect(estate.errorCode("sim consumer kill-worker app worker-1") == "ResourceNotFoundException")
        #expect(estate.errorCode("sim producer start q --stream nope") == "ResourceNotFoundException")
        #expect(estate.errorCode("sim producer start q --stream s --template poems") == "ParamValidation")
        #expect(estate.errorCode("sim consumer start") == "ParamValidation")
        let list = try estate.ok("sim producer list")["Producers"]!.arrayValue!
        #expect(list.first?["RecordsSent"] == 200)
    }
}
