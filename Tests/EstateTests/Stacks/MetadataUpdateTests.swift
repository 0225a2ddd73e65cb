import Testing
@testable import Estate

/// CloudFormation updates a resource whose Metadata alone changed with no interruption: the
/// stream keeps its name and shards, and the simulation clients its `Metadata.cloudtop` attaches
/// follow the new settings.
struct MetadataUpdateTests {
    typealias F = StackFixtures

    static func stream(rate: Int, withConsumer: Bool = false) -> String {
        """
        Resources:
          Clicks:
            Type: AWS::Kinesis::Stream
            Metadata:
              cloudtop:
                producers: [{ name: clicker, rate: \(rate), keys: 10, template: clickstream }]
        \(withConsumer ? "        consumers: [{ name: reader, workers: 1 }]" : "")
            Properties:
              Name: clicks
              ShardCount: 1
        """
    }

    @Test func aProducerRateChangeInMetadataAppliesInPlace() throws {
        let estate = try F.deployed(Self.stream(rate: 5))
        #expect(estate.kinesis.producer(named: "clicker")?.settings.recordsPerSecond == 5)
        try estate.stacks.updateStack(name: "s", body: Self.stream(rate: 20, withConsumer: true))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(estate.kinesis.producer(named: "clicker")?.settings.recordsPerSecond == 20)
        #expect(estate.kinesis.producer(named: "clicker")?.isRunning == true)
        #expect(estate.kinesis.consumerApplication(named: "reader")?.isRunning == true, "the consumer the new Metadata adds")
        let events = F.events(estate, "s")
        #expect(F.first(events, "Clicks", "UPDATE_IN_PROGRESS") != nil)
        #expect(F.first(events, "Clicks", "UPDATE_COMPLETE")?.physicalID == "clicks")
        #expect(F.first(events, "Clicks", "DELETE_IN_PROGRESS") == nil, "no replacement")
        // Taking the consumer out of the Metadata again stops it and leaves the producer running.
        try estate.stacks.updateStack(name: "s", body: Self.stream(rate: 20))
        F.settle(estate, "s")
        #expect(estate.kinesis.consumerApplication(named: "reader")?.isRunning == false)
        #expect(estate.kinesis.producer(named: "clicker")?.isRunning == true)
    }

    @Test func theChangeSetShowsAMetadataChangeWithoutReplacement() throws {
        let estate = try F.deployed(Self.stream(rate: 5))
        let change = try F.firstChange(estate, to: Self.stream(rate: 20), name: "faster")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let detail = try #require(change["Details"]?.arrayValue?.first)
        #expect(detail["Target"]?["Attribute"] == "Metadata" && detail["Target"]?["RequiresRecreation"] == "Never")
        #expect(change["Scope"] == ["Metadata"], "only the Metadata attribute changes, not Properties")
    }

    static func bucket(owner: String) -> String {
        """
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Metadata:
              Owner: \(owner)
              AWS::CloudFormation::Init: {config: {commands: {hello: {command: echo hi}}}}
            Properties:
              BucketName: site-bucket
        """
    }

    /// AWS updates a resource whose Metadata alone changed (cfn-hup applies instance configuration
    /// through exactly such updates): a Modify whose Scope is Metadata, no replacement, and the
    /// resource's UPDATE_IN_PROGRESS and UPDATE_COMPLETE with its physical id kept.
    @Test func anyMetadataChangeAloneIsAnUpdateWithoutInterruption() throws {
        let estate = try F.deployed(Self.bucket(owner: "web"))
        let change = try F.firstChange(estate, to: Self.bucket(owner: "data"), name: "owner")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False" && change["Scope"] == ["Metadata"])
        #expect(change["Details"] == [["Target": ["Attribute": "Metadata", "RequiresRecreation": "Never"], "Evaluation": "Static",
                                        "ChangeSource": "DirectModification"]])
        try estate.stacks.updateStack(name: "s", body: Self.bucket(owner: "data"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let events = F.events(estate, "s")
        #expect(F.first(events, "Site", "UPDATE_IN_PROGRESS")?.physicalID == "site-bucket")
        #expect(F.first(events, "Site", "UPDATE_COMPLETE")?.physicalID == "site-bucket")
        #expect(F.first(events, "Site", "DELETE_IN_PROGRESS") == nil, "no replacement")
        // Applied: the same Metadata again is no change at all.
        let again = try estate.execute(OperationRequest(service: "cloudformation", operation: "CreateChangeSet", parameters: [
            "StackName": "s", "ChangeSetName": "same", "TemplateBody": .string(Self.bucket(owner: "data") + "\n"),
        ])).get()
        _ = again
        let described = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeChangeSet",
                                                            parameters: ["ChangeSetName": "same", "StackName": "s"])).get()
        #expect(described["Status"] == "FAILED" && described["Changes"] == [])
    }
}
