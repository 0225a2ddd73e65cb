import Testing
@testable import Estate

/// Creating stacks in virtual time: dependency order, parallelism, events, rollback.
struct StackCreateTests {
    typealias F = StackFixtures

    @Test func resourcesFormInDependencyOrderAndIndependentOnesInParallel() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        F.settle(estate, "shop")
        #expect(F.status(estate, "shop") == StackStatus.createComplete)
        let events = F.events(estate, "shop")
        let streamDone = try #require(F.first(events, "Events", "CREATE_COMPLETE"))
        let aStart = try #require(F.first(events, "WebA", "CREATE_IN_PROGRESS"))
        let bStart = try #require(F.first(events, "WebB", "CREATE_IN_PROGRESS"))
        // The stream takes Kinesis's own time to become ACTIVE; the instances wait for it, then start together.
        #expect(streamDone.milliseconds >= 5_000)
        #expect(aStart.milliseconds >= streamDone.milliseconds)
        #expect(aStart.milliseconds == bStart.milliseconds)
        let aDone = try #require(F.first(events, "WebA", "CREATE_COMPLETE"))
        #expect(aDone.milliseconds - aStart.milliseconds >= 15_000, "an instance takes EC2's boot time to be running")
        // Each instance is a real, running EC2 instance, tagged by its stack.
        let web = try #require(estate.stacks.stack("shop")?.resource("WebA")?.physicalID)
        #expect(estate.ec2.instance(web)?.state == .running)
        #expect(estate.ec2.instance(web)?.tag("Stream") == "events")
        #expect(estate.ec2.instance(web)?.tag("aws:cloudformation:logical-id") == "WebA")
        #expect(estate.kinesis.stream(named: "events")?.status == .active)
    }

    @Test func independentResourcesStartAtTheSameInstant() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "two", body: """
        Resources:
          Left: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
          Right: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
          After: {Type: AWS::Kinesis::Stream, DependsOn: [Left, Right], Properties: {ShardCount: 1}}
        """)
        F.settle(estate, "two")
        let events = F.events(estate, "two")
        #expect(F.first(events, "Left", "CREATE_IN_PROGRESS")?.milliseconds == 0)
        #expect(F.first(events, "Right", "CREATE_IN_PROGRESS")?.milliseconds == 0)
        let leftDone = try #require(F.first(events, "Left", "CREATE_COMPLETE")).milliseconds
        let rightDone = try #require(F.first(events, "Right", "CREATE_COMPLETE")).milliseconds
        #expect(try #require(F.first(events, "After", "CREATE_IN_PROGRESS")).milliseconds == max(leftDone, rightDone))
        // Generated names follow <stack>-<LogicalId>-<RANDOM>.
        let name = try #require(estate.stacks.stack("two")?.resource("Left")?.physicalID)
        #expect(name.hasPrefix("two-Left-") && name.count == "two-Left-".count + 13)
    }

    @Test func eventsFollowAWSSequenceBetweenTheStacksOwn() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "one", body: "Resources:\n  S: {Type: AWS::Kinesis::Stream, Properties: {Name: s1}}")
        F.settle(estate, "one")
        let events = F.events(estate, "one")
        #expect(events.map { "\($0.logicalID) \($0.status) \($0.reason ?? "-")" } == [
            "one CREATE_IN_PROGRESS User Initiated",
            "S CREATE_IN_PROGRESS -",
            "S CREATE_IN_PROGRESS Resource creation Initiated",
            "S CREATE_COMPLETE -",
            "one CREATE_COMPLETE -",
        ])
        #expect(events[1].physicalID == nil, "the first event comes before the resource has an id")
        #expect(events[2].physicalID == "s1")
        // DescribeStackEvents lists them newest first.
        let reply = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStackEvents",
                                                        parameters: ["StackName": "one"])).get()
        #expect(reply["StackEvents"]?.arrayValue?.first?["ResourceStatus"] == "CREATE_COMPLETE")
        #expect(reply["StackEvents"]?.arrayValue?.first?["ResourceType"] == "AWS::CloudFormation::Stack")
    }

    static let failingInTheMiddle = """
    Resources:
      First:
        Type: AWS::Kinesis::Stream
        Properties: {Name: first, ShardCount: 1}
      Second:
        Type: AWS::EC2::Instance
        Properties:
          InstanceType: c4.large
          Tags: [{Key: Stream, Value: !Ref First}]
      Third:
        Type: AWS::Kinesis::Stream
        DependsOn: Second
        Properties: {Name: third, ShardCount: 0}
    """

    @Test func aFailureRollsBackInReverseOrderAndRemovesEverything() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "bad", body: Self.failingInTheMiddle)
        F.settle(estate, "bad")
        #expect(F.status(estate, "bad") == StackStatus.rollbackComplete)
        let events = F.events(estate, "bad")
        let failed = try #require(F.first(events, "Third", "CREATE_FAILED"))
        #expect(failed.reason?.contains("shardCount") == true, "the reason is the service's own error: \(failed.reason ?? "")")
        let rollback = try #require(F.first(events, "bad", "ROLLBACK_IN_PROGRESS"))
        #expect(rollback.reason == "The following resource(s) failed to create: [Third]. Rollback requested by user.")
        // Reverse order: the instance (which depends on the stream) is gone before the stream's deletion starts.
        let secondGone = try #require(F.first(events, "Second", "DELETE_COMPLETE")).milliseconds
        let firstDeleting = try #require(F.first(events, "First", "DELETE_IN_PROGRESS")).milliseconds
        #expect(secondGone <= firstDeleting)
        #expect(F.first(events, "First", "DELETE_COMPLETE") != nil)
        // Every created resource is gone from its own service.
        #expect(F.liveInstances(estate).isEmpty)
        #expect(F.streamNames(estate).isEmpty)
        // A stack in ROLLBACK_COMPLETE can only be deleted.
        #expect(throws: AWSError("ValidationError", "Stack:\(estate.stacks.stack("bad")!.stackID) is in ROLLBACK_COMPLETE state and can not be updated.")) {
            try estate.stacks.updateStack(name: "bad", body: streamAndFleetYAML)
        }
    }

    @Test func onFailureDoNothingKeepsWhatWasCreated() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "keep", body: Self.failingInTheMiddle, onFailure: "DO_NOTHING")
        F.settle(estate, "keep")
        #expect(F.status(estate, "keep") == StackStatus.createFailed)
        #expect(F.liveInstances(estate).count == 1)
        #expect(F.streamNames(estate) == ["first"])
        try estate.stacks.deleteStack(name: "keep")
        F.settle(estate, "keep")
        #expect(F.liveInstances(estate).isEmpty)
        #expect(F.streamNames(estate).isEmpty)
    }

    @Test func anUnsupportedTypeFailsTheStackWithAClearReason() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "lake", body: "Resources:\n  Queue: {Type: AWS::SQS::Queue}")
        F.settle(estate, "lake")
        let failed = try #require(F.first(F.events(estate, "lake"), "Queue", "CREATE_FAILED"))
        #expect(failed.reason?.hasPrefix("Unsupported resource type AWS::SQS::Queue") == true)
        #expect(F.status(estate, "lake") == StackStatus.rollbackComplete)
    }

    @Test func badRequestsChangeNothing() throws {
        let estate = F.estate()
        #expect(throws: AWSError("ValidationError", "Circular dependency between resources: [A, B]")) {
            try estate.stacks.createStack(name: "loop", body: "Resources:\n  A: {Type: AWS::Kinesis::Stream, DependsOn: B}\n  B: {Type: AWS::Kinesis::Stream, DependsOn: A}")
        }
        #expect(throws: AWSError("ValidationError", "1 validation error detected: Value '9lives' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")) {
            try estate.stacks.createStack(name: "9lives", body: streamAndFleetYAML)
        }
        #expect(estate.stacks.allStacks.isEmpty)
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        #expect(throws: AWSError("AlreadyExistsException", "Stack [shop] already exists")) {
            try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        }
    }

    @Test func outputsAndExportsAreResolved() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        F.settle(estate, "shop")
        let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/events"
        #expect(estate.stacks.stack("shop")?.outputs.first?.value == arn)
        let exports = try estate.execute(OperationRequest(service: "cloudformation", operation: "ListExports")).get()
        #expect(exports["Exports"]?.arrayValue?.first?["Name"] == "events-arn")
        try estate.stacks.createStack(name: "consumer", body: """
        Resources:
          Reader:
            Type: AWS::EC2::Instance
            Properties:
              Tags: [{Key: Source, Value: !ImportValue events-arn}]
        """)
        F.settle(estate, "consumer")
        let reader = try #require(estate.stacks.stack("consumer")?.resource("Reader")?.physicalID)
        #expect(estate.ec2.instance(reader)?.tag("Source") == arn)
    }
}
