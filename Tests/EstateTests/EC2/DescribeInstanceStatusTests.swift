import Testing
@testable import Estate

/// `ec2 describe-instance-status`: the system and instance checks AWS reports for each instance.
@Suite struct DescribeInstanceStatusTests {
    /// One instance's `[InstanceStatus, SystemStatus, their reachability details]` as text.
    static func checks(_ estate: Estate, _ id: String, all: Bool = false) throws -> [String]? {
        let reply = try estate.ok("ec2 describe-instance-status --instance-ids \(id)\(all ? " --include-all-instances" : "")")
        guard let status = reply["InstanceStatuses"]?.arrayValue?.first else { return nil }
        return [status["InstanceStatus"]?["Status"]?.stringValue ?? "-", status["SystemStatus"]?["Status"]?.stringValue ?? "-",
                status["InstanceStatus"]?["Details"]?[0]?["Status"]?.stringValue ?? "-",
                status["SystemStatus"]?["Details"]?[0]?["Status"]?.stringValue ?? "-"]
    }

    @Test func checksInitializeThenPassAndDoNotApplyToStoppedInstances() throws {
        let estate = Estate(name: "status", seed: 3)
        let launched = try estate.ok("ec2 run-instances --instance-type c4.large --count 2")
        let ids = try #require(launched["Instances"]?.arrayValue?.compactMap { $0["InstanceId"]?.stringValue })
        // Pending: not running yet, so the default answer leaves it out.
        #expect(try Self.checks(estate, ids[0]) == nil)
        estate.advance(by: .seconds(60))
        #expect(estate.ec2.instance(ids[0])?.state == .running)
        #expect(try Self.checks(estate, ids[0]) == ["initializing", "initializing", "initializing", "initializing"])
        estate.advance(by: EC2Service.statusCheckWarmUp)
        #expect(try Self.checks(estate, ids[0]) == ["ok", "ok", "passed", "passed"])

        _ = try estate.ok("ec2 stop-instances --instance-ids \(ids[1])")
        estate.advance(by: .minutes(2))
        #expect(try Self.checks(estate, ids[1]) == nil, "only running instances by default")
        #expect(try Self.checks(estate, ids[1], all: true) == ["not-applicable", "not-applicable", "-", "-"])
        let every = try estate.ok("ec2 describe-instance-status --include-all-instances")
        #expect(every["InstanceStatuses"]?.arrayValue?.compactMap { $0["InstanceState"]?["Name"]?.stringValue } == ["running", "stopped"])
        #expect(estate.errorCode("ec2 describe-instance-status --instance-ids i-0123456789abcdef0") == "InvalidInstanceID.NotFound")
    }

    /// The status-check fault fails the host's reachability check: impaired since the fault, while
    /// the guest's own check still passes, until a replacement takes over.
    @Test func theStatusCheckFaultImpairsTheSystemCheck() throws {
        let estate = try EstateBuilder.build(yaml: "name: f\nwarmup: 1m\nstacks: [fleet]\nfaults:\n  status-check: 10m\n", file: "estate.yaml")
        var failed: (id: String, at: SimInstant)?
        estate.bus.subscribe { delivered in
            if let fault = delivered.event as? FaultEvent, fault.name == "StatusCheckFailed", failed == nil,
               let id = fault.detail["InstanceId"]?.stringValue { failed = (id, delivered.time) }
        }
        while failed == nil, estate.now < .zero + .hours(2) { estate.advance(by: .seconds(10)) }
        let (id, at) = try #require(failed)
        #expect(try Self.checks(estate, id) == ["ok", "impaired", "passed", "failed"])
        let reply = try estate.ok("ec2 describe-instance-status --instance-ids \(id)")
        #expect(reply["InstanceStatuses"]?[0]?["SystemStatus"]?["Details"]?[0]?["ImpairedSince"]?.stringValue == SimCalendar.iso8601(at))
        // Every other running instance passes.
        let others = try estate.ok("ec2 describe-instance-status")["InstanceStatuses"]?.arrayValue ?? []
        #expect(others.filter { $0["SystemStatus"]?["Status"]?.stringValue == "impaired" }.compactMap { $0["InstanceId"]?.stringValue } == [id])
    }
}
