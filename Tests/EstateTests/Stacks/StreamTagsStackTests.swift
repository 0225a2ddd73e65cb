import Testing
@testable import Estate

/// `AWS::Kinesis::Stream` `Tags` ("Update requires: No interruption"): applied at creation,
/// changed in place by an update, and a tag removed behind the stack's back is drift.
struct StreamTagsStackTests {
    typealias F = StackFixtures

    static func template(_ tags: [(String, String)]) -> String {
        """
        Resources:
          Clicks:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: clicks
              ShardCount: 1
              Tags:
        \(tags.map { "        - {Key: \($0.0), Value: \($0.1)}" }.joined(separator: "\n"))
        """
    }

    @Test func tagsFormChangeInPlaceAndDrift() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "pipe", body: Self.template([("team", "data"), ("env", "prod")]))
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.createComplete)
        #expect(estate.kinesis.stream(named: "clicks")?.tags == ["team": "data", "env": "prod"])

        try estate.stacks.updateStack(name: "pipe", body: Self.template([("env", "staging"), ("tier", "gold")]))
        F.settle(estate, "pipe")
        #expect(F.status(estate, "pipe") == StackStatus.updateComplete)
        #expect(estate.kinesis.stream(named: "clicks")?.tags == ["env": "staging", "tier": "gold"])
        #expect(F.first(F.events(estate, "pipe"), "Clicks", "DELETE_IN_PROGRESS") == nil, "updated in place")

        _ = Fixtures.run(estate, "kinesis remove-tags-from-stream --stream-name clicks --tag-keys tier")
        _ = try estate.stacks.detectDrift(stackName: "pipe")
        let reply = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStackResourceDrifts",
                                                        parameters: ["StackName": "pipe"])).get()
        let drift = try #require(reply["StackResourceDrifts"]?.arrayValue?.first)
        #expect(drift["StackResourceDriftStatus"] == "MODIFIED")
        #expect(drift.serialized().contains("tier"), "\(drift.serialized())")
    }
}
