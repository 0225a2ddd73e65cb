import Foundation
import Testing
@testable import Estate

/// AWS::EC2::Instance's other properties as the resource reference gives them: UserData and
/// EbsOptimized - Some interruptions (stop, ModifyInstanceAttribute, start: the same instance);
/// Monitoring - No interruption (MonitorInstances); KeyName and SubnetId - Replacement.
struct EC2PropertyUpdateTests {
    typealias F = StackFixtures

    static func box(userData: String = "echo one", monitoring: Bool = false, optimized: Bool = false, extra: String = "") -> String {
        """
        Resources:
          Box:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0c55b159cbfafe1f0
              InstanceType: c5.large
              AvailabilityZone: us-east-1a
              UserData: !Base64 "\(userData)"
              Monitoring: \(monitoring)
              EbsOptimized: \(optimized)
        \(extra)
        """
    }

    /// The instance's state changes, in order.
    final class States { var seen: [String] = [] }

    static func record(_ estate: Estate, _ id: String) -> States {
        let states = States()
        estate.bus.subscribe { delivered in
            guard let e = delivered.event as? EC2Event, e.instanceID == id, case let .stateChanged(_, to) = e.kind else { return }
            states.seen.append(to.rawValue)
        }
        return states
    }

    static func plan(_ estate: Estate, to body: String, name: String) throws -> (String?, [[String]]) {
        let change = try F.firstChange(estate, to: body, name: name)
        let details = (change["Details"]?.arrayValue ?? []).map {
            [$0["Target"]?["Name"]?.stringValue ?? "", $0["Target"]?["RequiresRecreation"]?.stringValue ?? ""]
        }
        return (change["Replacement"]?.stringValue, details)
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func newUserDataStopsChangesAndStartsTheSameInstance() throws {
        let estate = try F.deployed(Self.box(userData: "echo one"))
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        #expect(estate.ec2.instance(id)?.userData == Self.base64("echo one"))
        let (replacement, details) = try Self.plan(estate, to: Self.box(userData: "echo two"), name: "script")
        #expect(replacement == "False" && details == [["UserData", "Never"]])

        let states = Self.record(estate, id)
        try estate.stacks.updateStack(name: "s", body: Self.box(userData: "echo two"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(estate.stacks.stack("s")?.resource("Box")?.physicalID == id, "the same instance")
        #expect(states.seen == ["stopping", "stopped", "pending", "running"], "some interruptions: stopped while it changed")
        let reply = try estate.ok("ec2 describe-instance-attribute --instance-id \(id) --attribute userData")
        #expect(reply["UserData"]?["Value"]?.stringValue == Self.base64("echo two"))
    }

    @Test func ebsOptimizationStopsChangesAndStartsTheSameInstance() throws {
        let estate = try F.deployed(Self.box(optimized: false))
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        let (replacement, details) = try Self.plan(estate, to: Self.box(optimized: true), name: "ebs")
        #expect(replacement == "False" && details == [["EbsOptimized", "Never"]])
        let states = Self.record(estate, id)
        try estate.stacks.updateStack(name: "s", body: Self.box(optimized: true))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(estate.stacks.stack("s")?.resource("Box")?.physicalID == id)
        #expect(states.seen == ["stopping", "stopped", "pending", "running"])
        #expect(estate.ec2.instance(id)?.ebsOptimized == true)
    }

    @Test func detailedMonitoringTurnsOnWithoutInterruption() throws {
        let estate = try F.deployed(Self.box(monitoring: false))
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        let (replacement, details) = try Self.plan(estate, to: Self.box(monitoring: true), name: "watch")
        #expect(replacement == "False" && details == [["Monitoring", "Never"]])
        let states = Self.record(estate, id)
        try estate.stacks.updateStack(name: "s", body: Self.box(monitoring: true))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(estate.stacks.stack("s")?.resource("Box")?.physicalID == id)
        #expect(states.seen.isEmpty, "no interruption: the instance kept running")
        let instance = try estate.ok("ec2 describe-instances --instance-ids \(id)")["Reservations"]?.arrayValue?.first?["Instances"]?.arrayValue?.first
        #expect(instance?["Monitoring"]?["State"] == "enabled")
    }

    @Test func aKeyNameChangeReplacesTheInstance() throws {
        let estate = try F.deployed(Self.box(extra: "      KeyName: ops"))
        let old = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        let (replacement, details) = try Self.plan(estate, to: Self.box(extra: "      KeyName: ops-2"), name: "key")
        #expect(replacement == "True" && details == [["KeyName", "Always"]])
        try estate.stacks.updateStack(name: "s", body: Self.box(extra: "      KeyName: ops-2"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let new = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        #expect(new != old)
        #expect(estate.ec2.instance(new)?.state == .running)
        #expect(estate.ec2.instance(old)?.state == .terminated || estate.ec2.instance(old)?.state == .shuttingDown)
    }

    @Test func aPropertyTheEstateCannotModelFailsTheUpdateNamingWhy() throws {
        let estate = try F.deployed(Self.box())
        try estate.stacks.updateStack(name: "s", body: Self.box(extra: "      SecurityGroupIds: [sg-0123456789abcdef0]"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete, "\(F.events(estate, "s"))")
        let failed = try #require(F.first(F.events(estate, "s"), "Box", "UPDATE_FAILED"))
        #expect(failed.reason?.contains("SecurityGroupIds") == true && failed.reason?.contains("one security group") == true)
    }

    @Test func theCommandLineChangesUserDataOnlyWhileStopped() throws {
        let estate = try F.deployed(Self.box())
        let id = try #require(estate.stacks.stack("s")?.resource("Box")?.physicalID)
        #expect(estate.errorCode("ec2 modify-instance-attribute --instance-id \(id) --user-data Value=eA==") == "IncorrectInstanceState")
        #expect(estate.errorCode("ec2 modify-instance-attribute --instance-id \(id)") == "InvalidParameterCombination")
        _ = try estate.ok("ec2 unmonitor-instances --instance-ids \(id)")
        #expect(estate.ec2.instance(id)?.detailedMonitoring == false)
    }
}
