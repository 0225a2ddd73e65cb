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

    @Test func childrenWaitForParentsAndStartAtTrimHorizon() throws {
        let (estate, _) = try activeStream(shards: 1)
        let app = try estate.kinesis.startConsumer(name: "app", streamName: "s", workers: 1)
        var order: [String] = []
        app.onBatch = { batch in for r in batch.records { order.append(String(decoding: r.data, as: UTF8.self)) } }
        _ = try estate.kinesis.putRecord(streamName: "s", text: "parent", partitionKey: "user-1")
        try estate.kinesis.splitShard(streamName: "s", shardToSplit: "shardId-000000000000",
                                      newStartingHashKey: "170141183460469231731687303715884105728")
        estate.advance(by: .seconds(20))
        _ = try estate.kinesis.putRecord(streamName: "s", text: "child", partitionKey: "user-1")
        estate.advance(by: .seconds(65))
        #expect(order == ["parent", "child"])
        #expect(app.lease("shardId-000000000000")?.checkpoint == Lease.shardEnd)
        #expect(app.lease("shardId-000000000002")?.parentShardIDs == ["shardId-000000000000"])
        #expect(app.lease("shardId-000000000002")?.recordsProcessed == 1)
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
