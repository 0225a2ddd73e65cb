import Testing
@testable import Estate

/// Drift: resources changed behind the stack's back show as MODIFIED with expected and actual values.
struct StackDriftTests {
    typealias F = StackFixtures

    func drifts(_ estate: Estate) throws -> [String: JSONValue] {
        let reply = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStackResourceDrifts",
                                                        parameters: ["StackName": "shop"])).get()
        var out: [String: JSONValue] = [:]
        for drift in reply["StackResourceDrifts"]?.arrayValue ?? [] { out[drift["LogicalResourceId"]?.stringValue ?? ""] = drift }
        return out
    }

    @Test func reshardedStreamAndStoppedInstanceDrift() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        F.settle(estate, "shop")
        _ = try estate.stacks.detectDrift(stackName: "shop")
        #expect(estate.stacks.stack("shop")?.driftStatus == "IN_SYNC")
        #expect(try drifts(estate)["Events"]?["StackResourceDriftStatus"] == "IN_SYNC")

        let web = try #require(estate.stacks.stack("shop")?.resource("WebA")?.physicalID)
        _ = try estate.execute(OperationRequest(service: "kinesis", operation: "UpdateShardCount",
                                                parameters: ["StreamName": "events", "TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING"])).get()
        _ = try estate.execute(OperationRequest(service: "ec2", operation: "StopInstances", parameters: ["InstanceIds": [.string(web)]])).get()
        estate.advance(by: .seconds(60))
        let detection = try estate.execute(OperationRequest(service: "cloudformation", operation: "DetectStackDrift",
                                                            parameters: ["StackName": "shop"])).get()
        let status = try estate.execute(OperationRequest(service: "cloudformation", operation: "DescribeStackDriftDetectionStatus",
                                                         parameters: ["StackDriftDetectionId": detection["StackDriftDetectionId"] ?? ""])).get()
        #expect(status["StackDriftStatus"] == "DRIFTED")
        #expect(status["DriftedStackResourceCount"] == 2)
        let all = try drifts(estate)
        #expect(all["Events"]?["StackResourceDriftStatus"] == "MODIFIED")
        #expect(all["Events"]?["PropertyDifferences"] == [[
            "PropertyPath": "/ShardCount", "ExpectedValue": "2", "ActualValue": "4", "DifferenceType": "NOT_EQUAL",
        ]])
        #expect(all["WebA"]?["StackResourceDriftStatus"] == "MODIFIED")
        #expect(all["WebA"]?["PropertyDifferences"]?.arrayValue?.first?["ActualValue"] == "stopped")
        #expect(all["WebB"]?["StackResourceDriftStatus"] == "IN_SYNC")
        let expected = try JSONParser.parse(try #require(all["Events"]?["ExpectedProperties"]?.stringValue))
        let actual = try JSONParser.parse(try #require(all["Events"]?["ActualProperties"]?.stringValue))
        #expect(expected["ShardCount"].flatMap(TemplateScalar.text) == "2")
        #expect(actual["ShardCount"].flatMap(TemplateScalar.text) == "4")
        #expect(actual["Name"] == "events")
    }

    @Test func aResourceDeletedBehindTheStackIsDeleted() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        F.settle(estate, "shop")
        _ = try estate.execute(OperationRequest(service: "kinesis", operation: "DeleteStream", parameters: ["StreamName": "events"])).get()
        estate.advance(by: .seconds(30))
        _ = try estate.stacks.detectDrift(stackName: "shop")
        #expect(try drifts(estate)["Events"]?["StackResourceDriftStatus"] == "DELETED")
    }
}
