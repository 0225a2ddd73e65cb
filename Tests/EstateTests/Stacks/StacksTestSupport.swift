@testable import Estate
import Testing

/// Helpers for stack tests: create from a body, advance, read events as (logical id, status, time).
enum StackFixtures {
    static func estate(seed: UInt64 = 11) -> Estate { Estate(name: "test", seed: seed) }

    /// A resource event with its time in whole virtual seconds since the epoch.
    struct Event: Equatable, CustomStringConvertible {
        let logicalID: String
        let status: String
        let reason: String?
        let physicalID: String?
        let milliseconds: Int64
        var description: String { "\(logicalID) \(status) @\(milliseconds)ms \(reason ?? "")" }
    }

    /// Events oldest first, the order they happened.
    static func events(_ estate: Estate, _ stackName: String) -> [Event] {
        guard let stack = estate.stacks.stack(stackName) else { return [] }
        return stack.events.reversed().map {
            Event(logicalID: $0.logicalID, status: $0.status, reason: $0.reason, physicalID: $0.physicalID, milliseconds: $0.timestamp.milliseconds)
        }
    }

    /// A fresh estate with the stack `s` created from `body` and settled, expected CREATE_COMPLETE.
    static func deployed(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Estate {
        let fresh = Self.estate()
        try fresh.stacks.createStack(name: "s", body: body)
        settle(fresh, "s")
        #expect(status(fresh, "s") == StackStatus.createComplete, sourceLocation: sourceLocation)
        return fresh
    }

    /// The first `ResourceChange` of a change set `name` that would update the stack `s` to `body`.
    static func firstChange(_ estate: Estate, to body: String, name: String) throws -> JSONValue {
        _ = try estate.execute(OperationRequest(service: "cloudformation", operation: "CreateChangeSet", parameters: [
            "StackName": "s", "ChangeSetName": .string(name), "TemplateBody": .string(body),
        ])).get()
        let reply = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeChangeSet",
                                                        parameters: ["ChangeSetName": .string(name), "StackName": "s"])).get()
        return try #require(reply["Changes"]?.arrayValue?.first?["ResourceChange"])
    }

    static func first(_ events: [Event], _ logicalID: String, _ status: String) -> Event? {
        events.first { $0.logicalID == logicalID && $0.status == status }
    }

    static func last(_ events: [Event], _ logicalID: String, _ status: String) -> Event? {
        events.last { $0.logicalID == logicalID && $0.status == status }
    }

    /// Advances until the stack's operation is over (or ten virtual minutes pass).
    static func settle(_ estate: Estate, _ stackName: String) {
        for _ in 0..<600 {
            guard let stack = estate.stacks.stack(stackName), stack.isInProgress, stack.status != StackStatus.reviewInProgress else { return }
            estate.advance(by: .seconds(1))
        }
    }

    static func status(_ estate: Estate, _ stackName: String) -> String? { estate.stacks.stack(stackName)?.status }

    /// The live (not terminated) instances and the streams of the estate.
    static func liveInstances(_ estate: Estate) -> [Instance] { estate.ec2.instances.filter { $0.state != .terminated && $0.state != .shuttingDown } }
    static func streamNames(_ estate: Estate) -> [String] { estate.kinesis.streams.filter { $0.status != .deleting }.map(\.name) }
}

/// A small template: a stream, two instances that refer to it, an output exported.
let streamAndFleetYAML = """
AWSTemplateFormatVersion: "2010-09-09"
Description: stream and fleet
Parameters:
  Shards:
    Type: Number
    Default: 2
Resources:
  Events:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: events
      ShardCount: !Ref Shards
  WebA:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: c4.large
      Tags:
        - Key: Stream
          Value: !Ref Events
  WebB:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: c4.large
      Tags:
        - Key: StreamArn
          Value: !GetAtt Events.Arn
Outputs:
  StreamArn:
    Value: !GetAtt Events.Arn
    Export:
      Name: events-arn
"""
