import Testing
@testable import Estate

/// Updates in place or by replacement, change sets, update rollback, and delete with Retain.
struct StackUpdateTests {
    typealias F = StackFixtures

    static func streams(name: String = "clicks", shards: Int = 2, retain: Bool = false) -> String {
        """
        Resources:
          Clicks:
            Type: AWS::Kinesis::Stream
            \(retain ? "DeletionPolicy: Retain" : "")
            Properties: {Name: \(name), ShardCount: \(shards)}
          Archive:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: !Sub "${Clicks}-archive"
              ShardCount: 1
        """
    }

    func deployed(_ body: String = streams()) throws -> Estate {
        let estate = F.estate()
        try estate.stacks.createStack(name: "pipe", body: body)
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.createComplete)
        return estate
    }

    @Test func aPropertyThatAllowsItIsUpdatedInPlace() throws {
        let estate = try deployed()
        let before = estate.stacks.stack("pipe")?.resource("Clicks")?.physicalID
        try estate.stacks.updateStack(name: "pipe", body: Self.streams(shards: 3))
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.updateComplete)
        #expect(estate.stacks.stack("pipe")?.resource("Clicks")?.physicalID == before)
        #expect(estate.kinesis.stream(named: "clicks")?.openShardCount == 3)
        let events = F.events(estate, "pipe")
        #expect(F.first(events, "Clicks", "UPDATE_IN_PROGRESS")?.reason == nil)
        #expect(F.first(events, "Clicks", "UPDATE_COMPLETE") != nil)
        #expect(F.first(events, "Archive", "UPDATE_IN_PROGRESS") == nil, "an unchanged resource is left alone")
        #expect(F.first(events, "Clicks", "DELETE_IN_PROGRESS") == nil)
    }

    @Test func aPropertyThatRequiresItReplacesTheResource() throws {
        let estate = try deployed()
        try estate.stacks.updateStack(name: "pipe", body: Self.streams(name: "clicks2"))
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.updateComplete)
        let events = F.events(estate, "pipe")
        #expect(F.first(events, "Clicks", "UPDATE_IN_PROGRESS")?.reason
                == "Requested update requires the creation of a new physical resource; hence creating one.")
        // The old stream is deleted during cleanup, after the new one is complete.
        let cleanup = try #require(F.first(events, "pipe", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")).milliseconds
        let oldGone = try #require(F.first(events, "Clicks", "DELETE_COMPLETE"))
        #expect(oldGone.physicalID == "clicks" && oldGone.milliseconds >= cleanup)
        #expect(estate.stacks.stack("pipe")?.resource("Clicks")?.physicalID == "clicks2")
        // The dependent stream's name came from Ref Clicks, so it is replaced too.
        #expect(F.streamNames(estate) == ["clicks2", "clicks2-archive"])
    }

    @Test func anInstanceTaggedWithAReplacedStreamIsUpdatedInPlace() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        F.settle(estate, "shop")
        let web = try #require(estate.stacks.stack("shop")?.resource("WebA")?.physicalID)
        try estate.stacks.updateStack(name: "shop", body: streamAndFleetYAML.replacingOccurrences(of: "Name: events", with: "Name: events2"))
        F.settle(estate, "shop")
        #expect(F.status(estate, "shop") == StackStatus.updateComplete)
        // Tags change without interruption: the same instance, retagged with the new stream's name.
        #expect(estate.stacks.stack("shop")?.resource("WebA")?.physicalID == web)
        #expect(estate.ec2.instance(web)?.tag("Stream") == "events2")
        #expect(estate.ec2.instance(web)?.state == .running)
        #expect(F.streamNames(estate) == ["events2"])
    }

    @Test func aFailedUpdateRollsBackToThePreviousResources() throws {
        let estate = try deployed()
        try estate.stacks.updateStack(name: "pipe", body: Self.streams(name: "clicks2", shards: 0))
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.updateRollbackComplete)
        #expect(F.first(F.events(estate, "pipe"), "pipe", "UPDATE_ROLLBACK_IN_PROGRESS")?.reason
                == "The following resource(s) failed to update: [Clicks]. ")
        #expect(F.streamNames(estate) == ["clicks", "clicks-archive"])
        #expect(estate.stacks.stack("pipe")?.resource("Clicks")?.physicalID == "clicks")
    }

    @Test func noChangesIsRefused() throws {
        let estate = try deployed()
        #expect(throws: AWSError("ValidationError", "No updates are to be performed.")) {
            try estate.stacks.updateStack(name: "pipe", body: Self.streams())
        }
    }

    @Test func changeSetsDescribeEachChangeBeforeItHappens() throws {
        let estate = try deployed()
        let body = Self.streams(name: "clicks2", shards: 3)
            + "\n  Extra:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}"
        let created = try estate.execute(OperationRequest(service: "cloudformation", operation: "CreateChangeSet", parameters: [
            "StackName": "pipe", "ChangeSetName": "rename", "TemplateBody": .string(body),
        ])).get()
        #expect(created["Id"]?.stringValue?.hasPrefix("arn:aws:cloudformation:us-east-1:123456789012:changeSet/rename/") == true)
        let described = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeChangeSet",
                                                            parameters: ["ChangeSetName": "rename", "StackName": "pipe"])).get()
        #expect(described["Status"] == "CREATE_COMPLETE")
        #expect(described["ExecutionStatus"] == "AVAILABLE")
        let changes = try #require(described["Changes"]?.arrayValue).compactMap { $0["ResourceChange"] }
        let clicks = try #require(changes.first { $0["LogicalResourceId"] == "Clicks" })
        #expect(clicks["Action"] == "Modify")
        #expect(clicks["Replacement"] == "True")
        let details = try #require(clicks["Details"]?.arrayValue)
        #expect(details.contains { $0["Target"]?["Name"] == "Name" && $0["Target"]?["RequiresRecreation"] == "Always" && $0["Evaluation"] == "Static" })
        #expect(details.contains { $0["Target"]?["Name"] == "ShardCount" && $0["Target"]?["RequiresRecreation"] == "Never" })
        // Archive's name comes from Ref Clicks, which is being replaced: known only while the update runs.
        let archive = try #require(changes.first { $0["LogicalResourceId"] == "Archive" })
        #expect(archive["Replacement"] == "Conditional")
        #expect(archive["Details"]?.arrayValue?.first?["Evaluation"] == "Dynamic")
        #expect(archive["Details"]?.arrayValue?.first?["ChangeSource"] == "ResourceReference")
        #expect(archive["Details"]?.arrayValue?.first?["CausingEntity"] == "Clicks")
        #expect(changes.first { $0["LogicalResourceId"] == "Extra" }?["Action"] == "Add")
        // Nothing has changed yet; executing applies exactly this.
        #expect(F.streamNames(estate) == ["clicks", "clicks-archive"])
        _ = try estate.execute(OperationRequest(service: "cloudformation", operation: "ExecuteChangeSet",
                                                parameters: ["ChangeSetName": "rename", "StackName": "pipe"])).get()
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.updateComplete)
        #expect(F.streamNames(estate).filter { !$0.hasPrefix("pipe-Extra-") } == ["clicks2", "clicks2-archive"])
        #expect(estate.kinesis.stream(named: "clicks2")?.openShardCount == 3)
    }

    @Test func aChangeSetThatRemovesAndOneWithNothing() throws {
        let estate = try deployed()
        let body = "Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties: {Name: clicks, ShardCount: 2}"
        _ = try estate.stacks.createChangeSet(stackName: "pipe", name: "drop", body: body, parameters: [], type: "UPDATE", description: nil)
        let changes = try estate.stacks.changeSet("drop", stackName: "pipe").changes.compactMap { $0["ResourceChange"] }
        #expect(changes.map { $0["Action"] } == ["Remove"])
        #expect(changes.first?["LogicalResourceId"] == "Archive")
        let empty = try estate.stacks.createChangeSet(stackName: "pipe", name: "same", body: Self.streams(), parameters: [], type: "UPDATE", description: nil)
        #expect(empty.status == "FAILED")
        #expect(empty.statusReason == "The submitted information didn't contain changes. Submit different information to create a change set.")
    }

    @Test func deleteRunsInReverseAndRetainKeepsTheResource() throws {
        let estate = try deployed(Self.streams(retain: true))
        let id = try #require(estate.stacks.stack("pipe")?.stackID)
        try estate.stacks.deleteStack(name: "pipe")
        F.settle(estate, "pipe")
        let events = F.events(estate, id)
        #expect(F.first(events, "Clicks", "DELETE_SKIPPED") != nil)
        #expect(F.first(events, "Archive", "DELETE_COMPLETE") != nil)
        #expect(F.last(events, "pipe", "DELETE_COMPLETE") != nil)
        #expect(F.streamNames(estate) == ["clicks"], "the retained stream outlives its stack")
        // A deleted stack is found by id, not by name, and list-stacks still shows it.
        #expect(estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStacks", parameters: ["StackName": "pipe"]))
                == .failure(AWSError("ValidationError", "Stack with id pipe does not exist")))
        let byID = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStacks", parameters: ["StackName": .string(id)])).get()
        #expect(byID["Stacks"]?.arrayValue?.first?["StackStatus"] == "DELETE_COMPLETE")
        let listed = try estate.execute(OperationRequest(service: "cloudformation", operation: "ListStacks")).get()
        #expect(listed["StackSummaries"]?.arrayValue?.first?["StackStatus"] == "DELETE_COMPLETE")
    }

    @Test func retainResourcesIsOnlyForAStackThatFailedToDelete() throws {
        let estate = try deployed()
        let id = try #require(estate.stacks.stack("pipe")?.stackID)
        #expect(throws: AWSError("ValidationError", "Invalid operation on stack [\(id)]. RetainResources can only be specified when the stack is in the DELETE_FAILED state")) {
            try estate.stacks.deleteStack(name: "pipe", retaining: ["Clicks"])
        }
        #expect(F.status(estate, "pipe") == StackStatus.createComplete)
    }

    @Test func aStreamAlreadyBeingDeletedDoesNotFailTheStacksDeletion() throws {
        let estate = try deployed()
        _ = try estate.execute(OperationRequest(service: "kinesis", operation: "DeleteStream", parameters: ["StreamName": "clicks-archive"])).get()
        try estate.stacks.deleteStack(name: "pipe")
        let id = try #require(estate.stacks.allStacks.first?.stackID)
        F.settle(estate, id)
        #expect(F.status(estate, id) == StackStatus.deleteComplete)
        #expect(F.streamNames(estate).isEmpty)
    }

    @Test func updateStackTagsAlone() throws {
        let estate = try deployed()
        _ = try estate.execute(OperationRequest(service: "cloudformation", operation: "UpdateStack", parameters: [
            "StackName": "pipe", "UsePreviousTemplate": true, "Tags": [["Key": "team", "Value": "data"]],
        ])).get()
        F.settle(estate, "pipe")
        #expect(estate.stacks.stack("pipe")?.tags.map { "\($0.key)=\($0.value)" } == ["team=data"])
        #expect(F.status(estate, "pipe") == StackStatus.updateComplete)
    }

    @Test func deleteWaitsForDependentsFirst() throws {
        let estate = try deployed()
        try estate.stacks.deleteStack(name: "pipe")
        let id = try #require(estate.stacks.allStacks.first?.stackID)
        F.settle(estate, id)
        let events = F.events(estate, id)
        let archiveGone = try #require(F.first(events, "Archive", "DELETE_COMPLETE")).milliseconds
        let clicksStart = try #require(F.first(events, "Clicks", "DELETE_IN_PROGRESS")).milliseconds
        #expect(archiveGone <= clicksStart)
        #expect(F.streamNames(estate).isEmpty)
    }
}
