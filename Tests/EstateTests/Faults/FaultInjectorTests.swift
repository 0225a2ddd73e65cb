import Testing
@testable import Estate

/// Seeded faults: each kind strikes at times drawn from the seed, shows in the events under the
/// service it struck, and leaves the estate running.
struct FaultInjectorTests {
    /// Every fault event from the estate's start: what the bus still holds, then what comes.
    final class FaultLog {
        var events: [(name: String, detail: JSONValue, time: SimInstant)] = []
        var jobEvents: [String] = []
        func add(_ delivered: BusEvent) {
            if let fault = delivered.event as? FaultEvent { events.append((fault.name, fault.detail, delivered.time)) }
            if delivered.event.service == "kinesisanalyticsv2" { jobEvents.append(delivered.event.name) }
        }
    }

    static func watch(_ estate: Estate) -> FaultLog {
        let log = FaultLog()
        for delivered in estate.bus.history { log.add(delivered) }
        estate.bus.subscribe { log.add($0) }
        return log
    }

    /// An instance of a stack fails its status check; a minute later an instance like it (type,
    /// zone, tags, CPU profile) replaces it and the stack's resource names the replacement.
    @Test func anInstanceFailsItsStatusCheckAndIsReplaced() throws {
        let estate = try EstateBuilder.build(yaml: "name: f\nwarmup: 1m\nstacks: [fleet]\nfaults:\n  status-check: 10m\n", file: "estate.yaml")
        let log = Self.watch(estate)
        estate.advance(to: .zero + .hours(1))
        let events = log.events
        let failed = try #require(events.first { $0.name == "StatusCheckFailed" })
        let replaced = try #require(events.first { $0.name == "InstanceReplaced" })
        let oldID = try #require(failed.detail["InstanceId"]?.stringValue)
        #expect(replaced.detail["InstanceId"]?.stringValue == oldID)
        #expect(replaced.time - failed.time == FaultSettings.replacementDelay)
        let newID = try #require(replaced.detail["ReplacementInstanceId"]?.stringValue)
        let old = try #require(estate.ec2.instance(oldID)), new = try #require(estate.ec2.instance(newID))
        #expect([.shuttingDown, .terminated].contains(old.state))
        #expect(new.instanceType == old.instanceType && new.availabilityZone == old.availabilityZone)
        #expect(new.name == old.name && new.workload.name == old.workload.name)
        #expect(new.tag("aws:cloudformation:stack-name") == "fleet")
        let logical = try #require(new.tag("aws:cloudformation:logical-id"))
        #expect(estate.stacks.stack("fleet")?.resource(logical)?.physicalID == newID)
        // Eleven instances serve through every replacement (the impaired one until its replacement launches).
        #expect(estate.ec2.instances.filter { $0.state != .terminated && $0.state != .shuttingDown }.count == 11)
        #expect(estate.faults?.count[.statusCheck] == events.filter { $0.name == "StatusCheckFailed" }.count)
    }

    /// A hot key sends 1,500 records a second with one partition key: one shard takes them all,
    /// past its 1,000 records/s limit, and throttles; a minute later the key cools off.
    @Test func aHotKeyThrottlesOneShardForAMinute() throws {
        let estate = try EstateBuilder.build(yaml: "name: f\nwarmup: 1m\nstacks: [streams]\nfaults:\n  hot-key: 10m\n", file: "estate.yaml")
        let log = Self.watch(estate)
        estate.advance(to: .zero + .hours(1))
        let events = log.events
        let started = try #require(events.first { $0.name == "HotKeyStarted" })
        let ended = try #require(events.first { $0.name == "HotKeyEnded" })
        #expect(ended.time - started.time == FaultSettings.hotKeyDuration)
        let stream = try #require(started.detail["StreamName"]?.stringValue)
        let key = try #require(started.detail["PartitionKey"]?.stringValue)
        #expect(ended.detail["StreamName"]?.stringValue == stream && ended.detail["PartitionKey"]?.stringValue == key)
        // The shard named is the one the key's MD5 falls in.
        let shard = try #require(estate.kinesis.stream(named: stream)?.route(HashKey.of(partitionKey: key)))
        #expect(started.detail["ShardId"]?.stringValue == shard.shardID)
        let producer = try #require(estate.kinesis.producer(named: "hot-key-\(stream)"))
        #expect(!producer.isRunning)
        #expect(producer.throttled > 0, "1,500 records/s into one shard must be throttled")
        #expect(ended.detail["Throttled"]?.intValue ?? 0 > 0)
        // The stream's own producers go on.
        #expect(estate.kinesis.producers.filter { !$0.settings.name.hasPrefix("hot-key-") }.allSatisfy { $0.isRunning })
    }

    /// The seed pipeline's job loses a task manager and restores its last checkpoint, as `sim job fail` does.
    @Test func aJobRestartsFromItsCheckpoint() throws {
        let yaml = "name: f\nwarmup: 1m\nstacks: [seed-pipeline]\nfaults:\n  job-restart: 5m\n"
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml")
        let log = Self.watch(estate)
        estate.advance(to: .zero + .minutes(30))
        let events = log.events
        let lost = events.filter { $0.name == "TaskManagerLost" }
        #expect(!lost.isEmpty)
        #expect(lost.allSatisfy { $0.detail["ApplicationName"]?.stringValue == "seed-pipeline-click-sessions" })
        let app = try #require(estate.jobs.application(named: "seed-pipeline-click-sessions"))
        #expect(app.restarts == lost.count)
        #expect(log.jobEvents.filter { $0 == "TaskManagerFailed" }.count == lost.count)
    }

    /// The same seed strikes the same faults at the same times; another seed, other times.
    @Test func faultsRepeatWithTheSeed() throws {
        func times(_ seed: UInt64) throws -> [String] {
            let yaml = "name: f\nwarmup: 1m\nstacks: [fleet, streams]\nfaults:\n  status-check: 15m\n  hot-key: 15m\n"
            let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: seed)
            let log = Self.watch(estate)
            estate.advance(to: .zero + .hours(1))
            return log.events.map { "\($0.time) \($0.name) \($0.detail.serialized())" }
        }
        let a = try times(3)
        #expect(!a.isEmpty)
        #expect(try times(3) == a)
        #expect(try times(4) != a)
    }

    @Test func withoutFaultsNothingStrikes() throws {
        let estate = try EstateBuilder.build(yaml: "name: f\nwarmup: 1m\nstacks: [fleet]\n", file: "estate.yaml")
        let log = Self.watch(estate)
        estate.advance(to: .zero + .hours(2))
        #expect(estate.faults == nil)
        #expect(log.events.isEmpty)
    }

    @Test func anUnknownFaultKindIsAnErrorAtItsLine() {
        #expect(throws: ConfigError(file: "estate.yaml", line: 3,
                                    message: "unknown key 'hotkey' in faults (did you mean 'hot-key'?); allowed: status-check, hot-key, job-restart")) {
            _ = try EstateConfig.parse("name: x\nfaults:\n  hotkey: 1h\n", file: "estate.yaml")
        }
    }
}
