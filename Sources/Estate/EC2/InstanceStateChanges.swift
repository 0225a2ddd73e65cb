/// `StartInstances`, `StopInstances`, `RebootInstances` and `TerminateInstances`.
extension EC2Service {
    public enum StateChange: Sendable {
        case start, stop, reboot, terminate

        var replyKey: String {
            switch self {
            case .start: return "StartingInstances"
            case .stop: return "StoppingInstances"
            case .reboot: return ""
            case .terminate: return "TerminatingInstances"
            }
        }
    }

    /// One instance's part of a state-change reply.
    public struct StateChangeResult: Equatable, Sendable {
        public let instanceID: String
        public let previous: InstanceStateName
        public let current: InstanceStateName
    }

    func changeStates(_ p: Parameters, _ change: StateChange) throws(AWSError) -> JSONValue {
        let ids = try p.strings("InstanceIds") ?? []
        let results = try changeStates(ids, change)
        guard change != .reboot else { return [:] }
        return [change.replyKey: .array(results.map { r in
            ["CurrentState": r.current.json, "InstanceId": .string(r.instanceID), "PreviousState": r.previous.json]
        })]
    }

    /// Applies a change to every instance, or to none: all ids and states are checked first.
    @discardableResult
    public func changeStates(_ ids: [String], _ change: StateChange) throws(AWSError) -> [StateChangeResult] {
        guard !ids.isEmpty else {
            throw .invalidParameterValue("The request must contain the parameter InstanceIds.")
        }
        try checkExist(ids)
        for id in ids {
            let state = instances[indexByID[id]!].state
            guard Self.allows(change, from: state) else {
                throw AWSError("IncorrectInstanceState", "The instance '\(id)' is not in a state from which it can be \(Self.verb(change)).")
            }
        }
        var results: [StateChangeResult] = []
        for id in ids {
            let previous = instances[indexByID[id]!].state
            apply(change, to: id, from: previous)
            results.append(StateChangeResult(instanceID: id, previous: previous, current: instances[indexByID[id]!].state))
        }
        return results
    }

    /// Which states each change may start from (REFERENCE §1.3). Repeating a change on an instance
    /// already on its way there is accepted and changes nothing, as in AWS.
    static func allows(_ change: StateChange, from state: InstanceStateName) -> Bool {
        switch change {
        case .start: return [.stopped, .pending, .running].contains(state)
        case .stop: return [.running, .stopping, .stopped].contains(state)
        case .reboot: return state == .running || state == .terminated
        case .terminate: return true
        }
    }

    private static func verb(_ change: StateChange) -> String {
        switch change {
        case .start: return "started"
        case .stop: return "stopped"
        case .reboot: return "rebooted"
        case .terminate: return "terminated"
        }
    }

    private func apply(_ change: StateChange, to id: String, from state: InstanceStateName) {
        let i = indexByID[id]!
        switch (change, state) {
        case (.start, .stopped):
            boot(id)
        case (.stop, .running):
            instances[i].stateTransitionReason = userInitiatedReason()
            instances[i].stateReason = ("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown")
            transition(id, to: .stopping, then: .stopped, afterMilliseconds: TransitionDelay.stop)
        case (.reboot, .running):
            bus.publish(EC2Event(instanceID: id, kind: .rebooted))
        case (.terminate, .pending), (.terminate, .running), (.terminate, .stopping), (.terminate, .stopped):
            instances[i].stateTransitionReason = userInitiatedReason()
            instances[i].stateReason = ("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown")
            transition(id, to: .shuttingDown, then: .terminated, afterMilliseconds: TransitionDelay.shutdown)
        default:
            break  // already there or on the way: nothing to do
        }
    }

    /// `InvalidInstanceID.Malformed` for a badly formed id, `.NotFound` naming every missing one.
    func checkExist(_ ids: [String]) throws(AWSError) {
        for id in ids where !Self.isWellFormedInstanceID(id) {
            throw AWSError("InvalidInstanceID.Malformed", "Invalid id: \"\(id)\" (expecting \"i-...\")")
        }
        let missing = ids.filter { indexByID[$0] == nil }
        if missing.count == 1 {
            throw AWSError("InvalidInstanceID.NotFound", "The instance ID '\(missing[0])' does not exist")
        } else if !missing.isEmpty {
            throw AWSError("InvalidInstanceID.NotFound", "The instance IDs '\(missing.joined(separator: ", "))' do not exist")
        }
    }

    /// `i-` and 8 or 17 hex digits, the two forms AWS has issued.
    static func isWellFormedInstanceID(_ id: String) -> Bool {
        guard id.hasPrefix("i-") else { return false }
        let hex = id.dropFirst(2)
        return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
