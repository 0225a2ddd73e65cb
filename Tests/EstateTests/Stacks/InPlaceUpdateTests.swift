import Testing
@testable import Estate

/// Update behaviours as the AWS resource reference gives them ("Update requires"):
/// AWS::EC2::Instance InstanceType - Some interruptions (stop, change, start: same instance);
/// AvailabilityZone and ImageId - Replacement; AWS::Kinesis::Stream StreamModeDetails,
/// ShardCount and RetentionPeriodHours - No interruption; Name - Replacement.
struct InPlaceUpdateTests {
    typealias F = StackFixtures

    static func box(type: String = "c5.large", zone: String = "us-east-1a", image: String = "ami-0c55b159cbfafe1f0") -> String {
        """
        Resources:
          Box:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: \(image)
              InstanceType: \(type)
              AvailabilityZone: \(zone)
              Tags: [{Key: Name, Value: box}]
        """
    }

    static func stream(mode: String, shards: Int? = nil) -> String {
        """
        Resources:
          Clicks:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: clicks
              StreamModeDetails: {StreamMode: \(mode)}
        \(shards.map { "      ShardCount: \($0)" } ?? "")
        """
    }

    /// Recorded EC2 state changes of one instance, in order.
    final class States {
        var seen: [String] = []
    }

    @Test func anInstanceTypeChangeStopsModifiesAndStartsTheSameInstance() throws {
        let estate = try F.deployed(Self.box())
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        let ip = estate.ec2.instance(id)?.privateIPAddress
        let states = States()
        estate.bus.subscribe { delivered in
            guard let e = delivered.event as? EC2Event, e.instanceID == id else { return }
            switch e.kind {
            case let .stateChanged(_, to): states.seen.append(to.rawValue)
            case let .instanceTypeChanged(_, to): states.seen.append("type \(to)")
            default: break
            }
        }
        try estate.stacks.updateStack(name: "s", body: Self.box(type: "c5.xlarge"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete)
        // Some interruptions: the same instance, stopped while its type changed.
        #expect(estate.stacks.stack("s")?.resource("Box")?.physicalID == id)
        let instance = try #require(estate.ec2.instance(id))
        #expect(instance.instanceType == "c5.xlarge" && instance.vCPUs == 4 && instance.state == .running)
        #expect(instance.privateIPAddress == ip, "an EBS-backed instance keeps its private address across a stop")
        #expect(states.seen == ["stopping", "stopped", "type c5.xlarge", "pending", "running"])
        #expect(F.liveInstances(estate).count == 1, "nothing was replaced")
        let events = F.events(estate, "s")
        #expect(F.first(events, "Box", "UPDATE_IN_PROGRESS")?.reason == nil)
        #expect(F.first(events, "Box", "UPDATE_COMPLETE")?.physicalID == id)
    }

    @Test func theChangeSetSaysAnInstanceTypeChangeReplacesNothing() throws {
        let estate = try F.deployed(Self.box())
        let change = try F.firstChange(estate, to: Self.box(type: "c5.xlarge"), name: "retype")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let detail = try #require(change["Details"]?.arrayValue?.first)
        #expect(detail["Target"]?["Name"] == "InstanceType" && detail["Target"]?["RequiresRecreation"] == "Never")
    }

    @Test func anAvailabilityZoneChangeReplacesTheInstance() throws {
        let estate = try F.deployed(Self.box())
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        try estate.stacks.updateStack(name: "s", body: Self.box(zone: "us-east-1b"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete)
        let new = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        #expect(new != id)
        #expect(estate.ec2.instance(new)?.availabilityZone == "us-east-1b")
        #expect(F.liveInstances(estate).map(\.instanceID) == [new])
    }

    @Test func aTypeOfAnotherArchitectureFailsTheUpdateAndRollsBack() throws {
        let estate = try F.deployed(Self.box())
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        try estate.stacks.updateStack(name: "s", body: Self.box(type: "m7g.large"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete)
        let failed = try #require(F.first(F.events(estate, "s"), "Box", "UPDATE_FAILED"))
        #expect(failed.reason == "The instance type 'm7g.large' does not support the architecture 'x86_64' of the instance's AMI.")
        #expect(estate.ec2.instance(id)?.instanceType == "c5.large")
        #expect(estate.ec2.instance(id)?.state == .running, "the rollback starts it again")
    }

    @Test func modifyInstanceAttributeWantsAStoppedInstance() throws {
        let estate = try F.deployed(Self.box())
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        let result = CommandRunner(estate: estate).run("ec2 modify-instance-attribute --instance-id \(id) --instance-type Value=c5.xlarge")!.result
        guard case let .failure(error) = result else { Issue.record("a running instance changed type"); return }
        #expect(error.code == "IncorrectInstanceState")
        #expect(error.message == "The instance '\(id)' is not in the 'stopped' state.")
        #expect(estate.ec2.instance(id)?.instanceType == "c5.large")
    }

    @Test func aStreamChangesCapacityModeInPlace() throws {
        let estate = try F.deployed(Self.stream(mode: "PROVISIONED", shards: 2))
        try estate.stacks.updateStack(name: "s", body: Self.stream(mode: "ON_DEMAND"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let stream = try #require(estate.kinesis.stream(named: "clicks"))
        #expect(stream.mode == .onDemand)
        // On-demand starts at four shards (the Kinesis developer guide).
        #expect(stream.openShardCount == 4)
        #expect(estate.stacks.stack("s")?.resource("Clicks")?.physicalID == "clicks")
        #expect(F.first(F.events(estate, "s"), "Clicks", "DELETE_IN_PROGRESS") == nil, "no replacement")
    }
}
