/// State transitions of REFERENCE §1.3, each taking a seeded delay in virtual time.
extension EC2Service {
    /// Delays drawn per transition; AWS instances take tens of seconds to boot and stop.
    enum TransitionDelay {
        static let boot: ClosedRange<Int> = 15_000...45_000
        static let stop: ClosedRange<Int> = 15_000...40_000
        static let shutdown: ClosedRange<Int> = 10_000...30_000
    }

    /// Moves an instance to `state` now and publishes the change.
    func setState(_ id: String, _ state: InstanceStateName) {
        guard let i = indexByID[id] else { return }
        let previous = instances[i].state
        guard previous != state else { return }
        instances[i].state = state
        switch state {
        case .pending:
            if instances[i].publicIPAddress == nil, instances[i].assignedPrivateIPAddress != nil {
                instances[i].publicIPAddress = publicAddresses.allocate()
            }
            instances[i].stateTransitionReason = ""
            instances[i].stateReason = InstanceStateName.pendingReason
        case .running:
            instances[i].runningSince = scheduler.now
            instances[i].devices.metadataApplied = true
            instances[i].stateTransitionReason = ""
            instances[i].stateReason = nil
        case .stopped, .terminated:
            instances[i].runningSince = nil
            // A stopped instance gives its public address back; a terminated one also its private one.
            if let address = instances[i].publicIPAddress {
                publicAddresses.release(address)
                instances[i].publicIPAddress = nil
            }
        case .stopping, .shuttingDown:
            instances[i].runningSince = nil
        }
        bus.publish(EC2Event(instanceID: id, kind: .stateChanged(from: previous, to: state)))
    }

    /// Enters `state` now and schedules `next` after a delay drawn from `range` (milliseconds).
    func transition(_ id: String, to state: InstanceStateName, then next: InstanceStateName, afterMilliseconds range: ClosedRange<Int>) {
        setState(id, state)
        if let old = pendingTransitions[id] { scheduler.cancel(old) }
        let delay = SimDuration(milliseconds: Int64(lifecycleRandom.int(in: range)))
        pendingTransitions[id] = scheduler.schedule(after: delay) { [weak self] in
            guard let self else { return }
            self.pendingTransitions[id] = nil
            self.setState(id, next)
            if next == .terminated { self.didTerminate(id) }
        }
    }

    func boot(_ id: String) {
        transition(id, to: .pending, then: .running, afterMilliseconds: TransitionDelay.boot)
    }

    /// Releases the address and lists the instance for an hour more, as AWS does.
    private func didTerminate(_ id: String) {
        guard let i = indexByID[id] else { return }
        let instance = instances[i]
        if let ip = instance.assignedPrivateIPAddress.flatMap(IPv4.parse) {
            addresses.release(ip, zone: instance.availabilityZone)
        }
        instances[i].assignedPrivateIPAddress = nil
        tokenInstanceTerminated(instances[i])
        scheduler.schedule(after: Self.terminatedVisibility) { [weak self] in
            self?.remove(id)
        }
    }

    private func remove(_ id: String) {
        guard let i = indexByID[id] else { return }
        tokenInstanceRemoved(instances[i])
        instances.remove(at: i)
        indexByID.removeValue(forKey: id)
        for j in i..<instances.count { indexByID[instances[j].instanceID] = j }
        bus.publish(EC2Event(instanceID: id, kind: .removed))
    }

    func userInitiatedReason() -> String {
        let iso = SimCalendar.iso8601(scheduler.now)
        let date = iso.prefix(10), time = iso.dropFirst(11).prefix(8)
        return "User initiated (\(date) \(time) GMT)"
    }
}

enum IPv4 {
    static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 < 256 }) else { return nil }
        return parts.reduce(0) { $0 << 8 | $1 }
    }
}
