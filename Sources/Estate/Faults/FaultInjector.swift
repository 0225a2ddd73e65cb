/// Rare seeded faults that keep a long-running estate alive: an instance failing its system
/// status check and being replaced, a hot partition key throttling one shard, a job losing a task
/// manager. Each kind draws its next time from its own fork of the estate's generator, so the
/// faults repeat with the seed and adding one kind moves no other; targets are picked from lists
/// in a fixed order. Each fault is published as a `FaultEvent` under the service it struck.
public final class FaultInjector {
    public let settings: FaultSettings
    private unowned let estate: Estate
    private var random: [FaultSettings.Kind: SeededRandom] = [:]
    /// How many faults of each kind have struck.
    public private(set) var count: [FaultSettings.Kind: Int] = [:]

    init(settings: FaultSettings, estate: Estate) {
        self.settings = settings
        self.estate = estate
        let root = SeededRandom(seed: estate.seed).fork("faults")
        for kind in FaultSettings.Kind.allCases where settings.meanInterval[kind] != nil {
            random[kind] = root.fork(kind.rawValue)
            scheduleNext(kind)
        }
    }

    private func scheduleNext(_ kind: FaultSettings.Kind) {
        guard let mean = settings.meanInterval[kind], var generator = random[kind] else { return }
        // Exponential gaps: faults with no memory of the last, at the given mean.
        let u = max(generator.unit(), 1e-12)
        random[kind] = generator
        let gap = SimDuration.milliseconds(max(1_000, Int64((-Double(mean.milliseconds) * log(u)).rounded())))
        _ = estate.scheduler.schedule(after: gap) { [weak self] in
            guard let self else { return }
            self.strike(kind)
            self.scheduleNext(kind)
        }
    }

    private func pick<T>(_ items: [T], _ kind: FaultSettings.Kind) -> T? {
        guard !items.isEmpty, var generator = random[kind] else { return nil }
        let item = items[generator.int(in: 0...(items.count - 1))]
        random[kind] = generator
        return item
    }

    private func strike(_ kind: FaultSettings.Kind) {
        let struck: Bool
        switch kind {
        case .statusCheck: struck = failStatusCheck()
        case .hotKey: struck = startHotKey()
        case .jobRestart: struck = restartJob()
        }
        if struck { count[kind, default: 0] += 1 }
    }

    // MARK: - Status check

    private func failStatusCheck() -> Bool {
        let running = estate.ec2.instances.filter { $0.state == .running }
        guard let victim = pick(running, .statusCheck) else { return false }
        estate.ec2.impairSystemStatus(victim.instanceID)
        estate.bus.publish(FaultEvent(kind: .statusCheckFailed(instanceID: victim.instanceID, name: victim.name)))
        _ = estate.scheduler.schedule(after: FaultSettings.replacementDelay) { [weak self] in self?.replace(victim.instanceID) }
        return true
    }

    /// Launches an instance like the impaired one (type, zone, tags, CPU profile) and terminates
    /// the impaired one; a stack that owned it now owns the replacement.
    func replace(_ id: String) {
        guard let old = estate.ec2.instance(id), old.state == .running else { return }
        var input = RunInstancesInput(instanceType: old.instanceType, availabilityZone: old.availabilityZone, workload: old.workload.name)
        input.imageID = old.imageID
        input.tags = old.tags
        guard let reservation = try? estate.ec2.runInstances(input), let new = reservation.instanceIDs.first else { return }
        _ = try? estate.ec2.changeStates([id], .terminate)
        estate.stacks.instanceReplaced(old: id, new: new)
        estate.bus.publish(FaultEvent(kind: .instanceReplaced(old: id, new: new, name: old.name)))
    }

    // MARK: - Hot key

    private func startHotKey() -> Bool {
        let candidates = estate.kinesis.producers.filter { $0.isRunning && estate.kinesis.stream(named: $0.settings.streamName)?.status == .active }
            .sorted { $0.settings.name < $1.settings.name }
        guard let source = pick(candidates, .hotKey), let stream = estate.kinesis.stream(named: source.settings.streamName) else { return false }
        let name = "hot-key-\(stream.name)"
        guard estate.kinesis.producer(named: name)?.isRunning != true else { return false }
        // One key: every record hashes to the same shard, whatever the stream's width.
        let settings = Producer.Settings(name: name, streamName: stream.name, recordsPerSecond: FaultSettings.hotKeyRate,
                                         keys: KeyDistribution(keyCount: 1), template: source.settings.template)
        guard (try? estate.kinesis.startProducer(settings)) != nil else { return false }
        let key = settings.template.partitionKey(0)
        let shard = stream.route(HashKey.of(partitionKey: key))?.shardID ?? "?"
        estate.bus.publish(FaultEvent(kind: .hotKeyStarted(stream: stream.name, partitionKey: key, shardID: shard, recordsPerSecond: settings.recordsPerSecond)))
        _ = estate.scheduler.schedule(after: FaultSettings.hotKeyDuration) { [weak self] in
            guard let self, let producer = self.estate.kinesis.producer(named: name), producer.isRunning else { return }
            try? self.estate.kinesis.stopProducer(named: name)
            self.estate.bus.publish(FaultEvent(kind: .hotKeyEnded(stream: stream.name, partitionKey: key, throttled: producer.throttled)))
        }
        return true
    }

    // MARK: - Job restart

    private func restartJob() -> Bool {
        let running = estate.jobs.applications.filter(\.isRunning).sorted { $0.name < $1.name }
        guard let app = pick(running, .jobRestart) else { return false }
        estate.bus.publish(FaultEvent(kind: .taskManagerLost(application: app.name)))
        return (try? estate.jobs.failTaskManager(app.name)) != nil
    }
}

import Foundation

extension StacksService {
    /// A seeded fault replaced an instance: the stack resource that named it names the replacement,
    /// as the fleet's owner would (an Auto Scaling group swaps an unhealthy instance the same way).
    func instanceReplaced(old: String, new: String) {
        for stack in stacks {
            for resource in stack.resources where resource.physicalID == old && resource.resourceType == "AWS::EC2::Instance" {
                stack.resourcesByID[resource.logicalID]?.physicalID = new
            }
        }
    }
}

extension Estate {
    /// Starts the seeded faults; a second call replaces nothing (the first injector keeps running).
    @discardableResult
    public func startFaults(_ settings: FaultSettings) -> FaultInjector {
        if let faults { return faults }
        let injector = FaultInjector(settings: settings, estate: self)
        faults = injector
        return injector
    }
}
