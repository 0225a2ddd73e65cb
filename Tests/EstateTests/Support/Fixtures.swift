@testable import Estate
import Testing

/// Shared helpers for estate tests, so each test reads as the behaviour it checks.
enum Fixtures {
    /// An estate with nothing in it, at time zero.
    static func emptyEstate(seed: UInt64 = 7) -> Estate { Estate(name: "test", seed: seed) }

    /// Runs command lines and returns each outcome's JSON, failing the test on a parse error.
    @discardableResult
    static func run(_ estate: Estate, _ lines: String...) -> [JSONValue] {
        let runner = CommandRunner(estate: estate)
        return lines.compactMap { runner.run($0)?.json }
    }

    /// Launches instances and returns their ids.
    static func launch(_ estate: Estate, type: String = "c4.large", count: Int = 1, zone: String? = nil) -> [String] {
        let reservation = try! estate.ec2.runInstances(RunInstancesInput(instanceType: type, count: count, availabilityZone: zone))
        return reservation.instanceIDs
    }

    static func state(_ estate: Estate, _ id: String) -> InstanceStateName? { estate.ec2.instance(id)?.state }
}

extension JSONValue {
    /// The error code of a `{"Error": {...}}` reply, if this is one.
    var errorCode: String? { self["Error"]?["Code"]?.stringValue }
}
