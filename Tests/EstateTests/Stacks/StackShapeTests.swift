import Foundation
import Testing
@testable import Estate

/// Every CloudFormation reply checked against botocore's own output shape for the operation: no
/// member botocore does not define, every member it requires (ARCHITECTURE.md).
struct StackShapeTests {
    /// Reads `{operation: reply}` on stdin and prints one line per problem.
    static let checker = """
        import glob, gzip, json, os, sys, botocore
        model = sorted(glob.glob(os.path.join(os.path.dirname(botocore.__file__), "data/cloudformation/*/service-2.json*")))[-1]
        shapes = json.load((gzip.open if model.endswith(".gz") else open)(model))
        ops, defs = shapes["operations"], shapes["shapes"]
        def check(value, name, path):
            shape = defs[name]
            if shape["type"] == "structure":
                if not isinstance(value, dict): print(path, "is not a structure"); return
                for key in value:
                    if key not in shape["members"]: print(path + "." + key, "is not a member of", name)
                    else: check(value[key], shape["members"][key]["shape"], path + "." + key)
                for key in shape.get("required", []):
                    if key not in value: print(path + "." + key, "is required by", name)
            elif shape["type"] == "list":
                if not isinstance(value, list): print(path, "is not a list"); return
                for i, item in enumerate(value): check(item, shape["member"]["shape"], path + "[%d]" % i)
            elif shape["type"] == "string" and not isinstance(value, str): print(path, "is not a string")
            elif shape["type"] == "boolean" and not isinstance(value, bool): print(path, "is not a boolean")
            elif shape["type"] == "integer" and not isinstance(value, int): print(path, "is not an integer")
            # botocore's ResourceStatus enum omits the stack-only *_CLEANUP_IN_PROGRESS statuses that
            # AWS puts in the stack's own events, so those are checked against StackStatus instead.
            elif "enum" in shape and value not in shape["enum"] and not (name == "ResourceStatus" and value in defs["StackStatus"]["enum"]):
                print(path, repr(value), "is not in the enum", name)
        for op, reply in json.load(sys.stdin).items():
            if "output" in ops[op]: check(reply, ops[op]["output"]["shape"], op)
            elif reply: print(op, "answers", reply, "but has no output shape")
        """

    static func problems(_ replies: JSONValue) -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", checker]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(replies.serialized().utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func repliesMatchBotocoreOutputShapes() throws {
        let estate = StackFixtures.estate()
        func call(_ operation: String, _ parameters: JSONValue) throws -> JSONValue {
            try estate.execute(OperationRequest(service: "cloudformation", operation: operation, parameters: parameters)).get()
        }
        var replies: [(String, JSONValue)] = []
        replies.append(("ValidateTemplate", try call("ValidateTemplate", ["TemplateBody": .string(streamAndFleetYAML)])))
        replies.append(("CreateStack", try call("CreateStack", ["StackName": "shop", "TemplateBody": .string(streamAndFleetYAML),
                                                                 "Tags": [["Key": "team", "Value": "web"]]])))
        StackFixtures.settle(estate, "shop")
        let body = streamAndFleetYAML.replacingOccurrences(of: "Name: events", with: "Name: events2")
        replies.append(("CreateChangeSet", try call("CreateChangeSet", ["StackName": "shop", "ChangeSetName": "c1", "TemplateBody": .string(body)])))
        replies.append(("DescribeChangeSet", try call("DescribeChangeSet", ["StackName": "shop", "ChangeSetName": "c1"])))
        replies.append(("ListChangeSets", try call("ListChangeSets", ["StackName": "shop"])))
        let drift = try call("DetectStackDrift", ["StackName": "shop"])
        replies.append(("DetectStackDrift", drift))
        replies.append(("DescribeStackDriftDetectionStatus", try call("DescribeStackDriftDetectionStatus",
                                                                      ["StackDriftDetectionId": drift["StackDriftDetectionId"] ?? ""])))
        replies.append(("DescribeStackResourceDrifts", try call("DescribeStackResourceDrifts", ["StackName": "shop"])))
        replies.append(("ExecuteChangeSet", try call("ExecuteChangeSet", ["StackName": "shop", "ChangeSetName": "c1"])))
        StackFixtures.settle(estate, "shop")
        replies.append(("DescribeStacks", try call("DescribeStacks", [:])))
        replies.append(("DescribeStackEvents", try call("DescribeStackEvents", ["StackName": "shop"])))
        replies.append(("DescribeStackResources", try call("DescribeStackResources", ["StackName": "shop"])))
        replies.append(("ListExports", try call("ListExports", [:])))
        replies.append(("UpdateStack", try call("UpdateStack", ["StackName": "shop", "UsePreviousTemplate": true,
                                                                 "Parameters": [["ParameterKey": "Shards", "ParameterValue": "3"]]])))
        StackFixtures.settle(estate, "shop")
        replies.append(("DeleteStack", try call("DeleteStack", ["StackName": "shop"])))
        StackFixtures.settle(estate, "shop")
        replies.append(("ListStacks", try call("ListStacks", [:])))
        guard let problems = Self.problems(.object(replies)) else {
            print("skipping the botocore shape check: needs python3 with botocore installed")
            return
        }
        #expect(problems == [])
        #expect(replies.first { $0.0 == "DescribeStackEvents" }?.1["StackEvents"]?.arrayValue?.isEmpty == false)
    }
}
