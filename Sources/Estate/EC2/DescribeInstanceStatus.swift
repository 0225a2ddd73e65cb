/// `DescribeInstanceStatus`: the two status checks of each instance, as AWS reports them.
///
/// EC2 runs a system check (the host: network, power, hardware) and an instance check (the guest
/// OS) on every running instance. Each is `initializing` for its first minutes after the instance
/// starts, then `ok`; a host fault (the estate's `status-check` fault) fails the system check's
/// reachability test, `impaired` with `ImpairedSince`, until the instance stops or is replaced.
/// Instances that are not running report `not-applicable`.
extension EC2Service {
    /// How long checks read `initializing` after an instance enters `running` (AWS: a few minutes).
    public static let statusCheckWarmUp = SimDuration.minutes(2)

    func describeInstanceStatusOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("InstanceIds")
        if let ids { try checkExist(ids) }
        // By default only running instances, as AWS answers; IncludeAllInstances adds the rest.
        let includeAll = try p.bool("IncludeAllInstances") ?? false
        let selected = instances.filter { instance in
            (ids == nil || ids!.contains(instance.instanceID)) && (includeAll || instance.state == .running)
        }
        return ["InstanceStatuses": .array(selected.map(statusJSON))]
    }

    /// Marks the running instance's host as failing its reachability check from now on.
    public func impairSystemStatus(_ id: String) {
        guard let index = indexByID[id], instances[index].state == .running else { return }
        instances[index].systemImpairedSince = scheduler.now
    }

    /// Whether the instance's system check fails in its current run.
    public func isSystemImpaired(_ instance: Instance) -> Bool {
        guard instance.state == .running, let since = instance.systemImpairedSince, let running = instance.runningSince else { return false }
        return since >= running
    }

    private func statusJSON(_ instance: Instance) -> JSONValue {
        func check(_ status: String, detail: String?, impairedSince: SimInstant? = nil) -> JSONValue {
            guard let detail else { return ["Status": .string(status)] }
            var reachability: [(String, JSONValue)] = [("Name", "reachability"), ("Status", .string(detail))]
            if let impairedSince { reachability.append(("ImpairedSince", .string(SimCalendar.iso8601(impairedSince)))) }
            return ["Details": [.object(reachability)], "Status": .string(status)]
        }
        let system: JSONValue, guest: JSONValue
        if instance.state != .running {
            system = check("not-applicable", detail: nil)
            guest = check("not-applicable", detail: nil)
        } else if let running = instance.runningSince, scheduler.now - running < Self.statusCheckWarmUp {
            system = check("initializing", detail: "initializing")
            guest = check("initializing", detail: "initializing")
        } else {
            system = isSystemImpaired(instance)
                ? check("impaired", detail: "failed", impairedSince: instance.systemImpairedSince)
                : check("ok", detail: "passed")
            guest = check("ok", detail: "passed")
        }
        return [
            "AvailabilityZone": .string(instance.availabilityZone),
            "InstanceId": .string(instance.instanceID),
            "InstanceState": ["Code": .int(Int64(instance.state.code)), "Name": .string(instance.state.rawValue)],
            "InstanceStatus": guest,
            "SystemStatus": system,
        ]
    }
}
