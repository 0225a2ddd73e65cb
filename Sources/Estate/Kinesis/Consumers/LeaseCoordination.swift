/// Shard sync, renewal, taking and stealing of leases, after KCL 1.x/2.x (REFERENCE §2.6).
extension ConsumerApplication {
    /// Adds a lease for every shard that has none. A new application starts open shards at its
    /// initial position (or every retained shard, from TRIM_HORIZON); a shard whose parents are in
    /// the table is a child and starts at TRIM_HORIZON.
    func syncShards() {
        guard let service, let stream = service.stream(named: streamName) else { return }
        let now = service.scheduler.now
        let known = Set(leases.map(\.leaseKey))
        let fresh = leases.isEmpty
        for shard in stream.listedShards where !known.contains(shard.shardID) {
            let isChild = shard.parentShardIDs.contains { known.contains($0) }
            let checkpoint: String
            if isChild {
                checkpoint = Lease.trimHorizon
            } else if fresh && initialPosition == .latest {
                guard shard.isOpen else { continue }
                checkpoint = Lease.latest
            } else {
                checkpoint = Lease.trimHorizon
            }
            let parents = shard.parentShardIDs.filter { known.contains($0) || stream.shard($0) != nil }
            leases.append(Lease(shardID: shard.shardID, checkpoint: checkpoint, parents: parents, at: now))
        }
        leases.sort { $0.leaseKey < $1.leaseKey }
    }

    func renewLeases(worker w: Int, at now: SimInstant) {
        let id = workers[w].workerID
        for i in leases.indices where leases[i].leaseOwner == id { leases[i].bump(at: now) }
        // Forget iterators of shards this worker no longer holds (stolen meanwhile).
        workers[w].iterators = workers[w].iterators.filter { shard, _ in lease(shard)?.leaseOwner == id }
    }

    /// One run of the lease taker: take expired leases up to a fair share; if none are expired
    /// and this worker holds less than its share, steal one from the busiest worker.
    func takeLeases(worker w: Int, at now: SimInstant) {
        let me = workers[w].workerID
        let failover = Self.failoverTime
        let active = leases.indices.filter { !leases[$0].isFinished }
        guard !active.isEmpty else { return }
        // Owners of live leases, plus this worker, are the workers sharing the table.
        var counts: [String: Int] = [me: 0]
        for i in active where !leases[i].isExpired(at: now, failover: failover) {
            counts[leases[i].leaseOwner!, default: 0] += 1
        }
        let target = (active.count + counts.count - 1) / counts.count
        var mine = counts[me] ?? 0
        let expired = active.filter { leases[$0].isExpired(at: now, failover: failover) }
        if !expired.isEmpty {
            for i in expired where mine < target {
                let previous = leases[i].leaseOwner
                if let previous { publish(.leaseExpired(application: name, shardID: leases[i].leaseKey, owner: previous)) }
                assign(i, to: me, at: now)
                publish(.leaseTaken(application: name, shardID: leases[i].leaseKey, worker: me))
                mine += 1
            }
            return
        }
        guard mine < target else { return }
        let busiest = counts.filter { $0.key != me }.max { ($0.value, $1.key) < ($1.value, $0.key) }
        guard let victim = busiest, victim.value > target || (victim.value == target && mine < target - 1) else { return }
        for i in active.reversed() where leases[i].leaseOwner == victim.key {
            assign(i, to: me, at: now)
            publish(.leaseStolen(application: name, shardID: leases[i].leaseKey, from: victim.key, to: me))
            break
        }
    }

    private func assign(_ i: Int, to worker: String, at now: SimInstant) {
        if leases[i].leaseOwner != worker { leases[i].ownerSwitchesSinceCheckpoint += 1 }
        leases[i].leaseOwner = worker
        leases[i].bump(at: now)
    }

    /// Parents must be read to SHARD_END (or be gone) before a child is processed.
    func parentsFinished(_ lease: Lease) -> Bool {
        lease.parentShardIDs.allSatisfy { parent in self.lease(parent).map(\.isFinished) ?? true }
    }
}
