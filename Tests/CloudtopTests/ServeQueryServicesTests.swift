import Foundation
import Testing

/// Redshift and CloudFormation over AWS's Query protocol (form in, XML out), driven by the real
/// aws CLI and boto3 against `cloudtop serve`.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeQueryServicesTests {
    /// Polls `describe` until `done` holds for its answer (virtual time runs at --speed 50).
    func wait(_ served: ServedEstate, _ arguments: [String], until done: ([String: Any]) -> Bool) throws -> [String: Any] {
        var last: [String: Any] = [:]
        for _ in 0..<300 {
            last = try served.aws(arguments).json as? [String: Any] ?? [:]
            if done(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return last
    }

    static func clusterStatus(_ answer: [String: Any]) -> String? {
        ((answer["Clusters"] as? [[String: Any]])?.first)?["ClusterStatus"] as? String
    }

    @Test func awsCLICreatesPausesResumesAndDeletesACluster() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let created = try served.aws(["redshift", "create-cluster", "--cluster-identifier", "net-wh", "--node-type", "ra3.xlplus",
                                      "--master-username", "awsuser", "--master-user-password", "Secret123", "--number-of-nodes", "2"])
        #expect(created.status == 0, "\(created.output)")
        let cluster = try #require((created.json as? [String: Any])?["Cluster"] as? [String: Any], "\(created.output)")
        #expect(cluster["ClusterIdentifier"] as? String == "net-wh")
        #expect(cluster["ClusterStatus"] as? String == "creating")
        // Integers and nested structures come back typed from the XML, as botocore parses them.
        #expect(cluster["NumberOfNodes"] as? Int == 2, "\(cluster)")
        #expect(((cluster["ClusterParameterGroups"] as? [[String: Any]])?.first)?["ParameterGroupName"] as? String == "default.redshift-1.0")

        let describe = ["redshift", "describe-clusters", "--cluster-identifier", "net-wh"]
        let available = try wait(served, describe) { Self.clusterStatus($0) == "available" }
        #expect(Self.clusterStatus(available) == "available", "\(available)")
        let endpoint = ((available["Clusters"] as? [[String: Any]])?.first)?["Endpoint"] as? [String: Any]
        #expect(endpoint?["Port"] as? Int == 5439, "\(available)")
        let nodes = ((available["Clusters"] as? [[String: Any]])?.first)?["ClusterNodes"] as? [[String: Any]]
        // A multi-node cluster: a leader and two compute nodes.
        #expect(nodes?.compactMap { $0["NodeRole"] as? String } == ["LEADER", "COMPUTE-0", "COMPUTE-1"], "\(String(describing: nodes))")

        let paused = try served.aws(["redshift", "pause-cluster", "--cluster-identifier", "net-wh"])
        #expect(((paused.json as? [String: Any])?["Cluster"] as? [String: Any])?["ClusterStatus"] as? String == "pausing", "\(paused.output)")
        let pausedState = try wait(served, describe) { Self.clusterStatus($0) == "paused" }
        #expect(Self.clusterStatus(pausedState) == "paused")
        let resumed = try served.aws(["redshift", "resume-cluster", "--cluster-identifier", "net-wh"])
        #expect(((resumed.json as? [String: Any])?["Cluster"] as? [String: Any])?["ClusterStatus"] as? String == "resuming", "\(resumed.output)")
        _ = try wait(served, describe) { Self.clusterStatus($0) == "available" }

        let deleted = try served.aws(["redshift", "delete-cluster", "--cluster-identifier", "net-wh", "--skip-final-cluster-snapshot"])
        #expect(((deleted.json as? [String: Any])?["Cluster"] as? [String: Any])?["ClusterStatus"] as? String == "deleting", "\(deleted.output)")
    }

    @Test func boto3GetsRedshiftErrorsAsClientErrorsWithAWSCodesAndStatuses() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore
        rs = boto3.client("redshift", endpoint_url=ENDPOINT)
        out = {}
        def code(call):
            try:
                call()
                return None
            except botocore.exceptions.ClientError as e:
                return [type(e).__name__, e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out["missing"] = code(lambda: rs.describe_clusters(ClusterIdentifier="nope"))
        rs.create_cluster(ClusterIdentifier="dup", NodeType="dc2.large", MasterUsername="awsuser", MasterUserPassword="Secret123", ClusterType="single-node")
        out["duplicate"] = code(lambda: rs.create_cluster(ClusterIdentifier="dup", NodeType="dc2.large", MasterUsername="awsuser", MasterUserPassword="Secret123", ClusterType="single-node"))
        out["pauseCreating"] = code(lambda: rs.pause_cluster(ClusterIdentifier="dup"))
        out["ids"] = [c["ClusterIdentifier"] for c in rs.describe_clusters()["Clusters"]]
        print(json.dumps(out))
        """) as? [String: Any])
        // Botocore's model: ClusterNotFound is 404, ClusterAlreadyExists 400, InvalidClusterState 400; boto3 names the
        // modelled faults as exception classes.
        #expect(answer["missing"] as? [AnyHashable] == ["ClusterNotFoundFault", "ClusterNotFound", 404], "\(answer)")
        #expect(answer["duplicate"] as? [AnyHashable] == ["ClusterAlreadyExistsFault", "ClusterAlreadyExists", 400], "\(answer)")
        #expect(answer["pauseCreating"] as? [AnyHashable] == ["InvalidClusterStateFault", "InvalidClusterState", 400], "\(answer)")
        #expect((answer["ids"] as? [String])?.contains("dup") == true, "\(answer)")
    }

    @Test func boto3ResizesAClusterWithModifyCluster() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore, time
        rs = boto3.client("redshift", endpoint_url=ENDPOINT)
        def status():
            return rs.describe_clusters(ClusterIdentifier="grow")["Clusters"][0]
        def wait(state):
            for _ in range(300):
                c = status()
                if c["ClusterStatus"] == state:
                    return c
                time.sleep(0.1)
            return status()
        out = {}
        rs.create_cluster(ClusterIdentifier="grow", NodeType="dc2.large", MasterUsername="awsuser", MasterUserPassword="Secret123", NumberOfNodes=2)
        wait("available")
        try:
            rs.modify_cluster(ClusterIdentifier="grow", NodeType="dc2.large", NumberOfNodes=200)
        except botocore.exceptions.ClientError as e:
            out["bad"] = [type(e).__name__, e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        c = rs.modify_cluster(ClusterIdentifier="grow", NodeType="dc2.large", NumberOfNodes=4)["Cluster"]
        out["reply"] = [c["ClusterStatus"], c["PendingModifiedValues"]]
        done = wait("available")
        out["after"] = [done["NumberOfNodes"], [n["NodeRole"] for n in done["ClusterNodes"]]]
        print(json.dumps(out))
        """) as? [String: Any])
        // InvalidParameterValue is one of AWS's common errors, not a fault of the redshift model: boto3 raises
        // the generic ClientError, with status 400.
        #expect((answer["bad"] as? [AnyHashable])?.dropFirst() == ["InvalidParameterValue", 400], "\(answer)")
        let reply = answer["reply"] as? [Any]
        #expect(reply?.first as? String == "resizing", "\(answer)")
        #expect((reply?.last as? [String: Any])?["NumberOfNodes"] as? Int == 4, "\(answer)")
        let after = answer["after"] as? [Any]
        #expect(after?.first as? Int == 4, "\(answer)")
        #expect(after?.last as? [String] == ["LEADER", "COMPUTE-0", "COMPUTE-1", "COMPUTE-2", "COMPUTE-3"], "\(answer)")
    }

    static let template = """
    AWSTemplateFormatVersion: "2010-09-09"
    Description: One stream for the endpoint tests.
    Parameters:
      Shards:
        Type: Number
        Default: 1
    Resources:
      Events:
        Type: AWS::Kinesis::Stream
        Properties:
          Name: net-events
          ShardCount: !Ref Shards
    Outputs:
      EventsArn:
        Value: !GetAtt Events.Arn
    """

    @Test func awsCLIValidatesCreatesDescribesAndDeletesAStack() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-net-stack-\(getpid()).yaml")
        try Self.template.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let validated = try served.aws(["cloudformation", "validate-template", "--template-body", "file://\(file.path)"])
        #expect(validated.status == 0, "\(validated.output)")
        let validParameters = (validated.json as? [String: Any])?["Parameters"] as? [[String: Any]]
        #expect(validParameters?.first?["ParameterKey"] as? String == "Shards", "\(validated.output)")
        #expect((validated.json as? [String: Any])?["Description"] as? String == "One stream for the endpoint tests.")

        let created = try served.aws(["cloudformation", "create-stack", "--stack-name", "net", "--template-body", "file://\(file.path)",
                                      "--parameters", "ParameterKey=Shards,ParameterValue=2"])
        #expect(created.status == 0, "\(created.output)")
        let stackID = try #require((created.json as? [String: Any])?["StackId"] as? String, "\(created.output)")
        #expect(stackID.hasPrefix("arn:aws:cloudformation:us-east-1:"), "\(stackID)")

        let describe = ["cloudformation", "describe-stacks", "--stack-name", "net"]
        let done = try wait(served, describe) { (($0["Stacks"] as? [[String: Any]])?.first)?["StackStatus"] as? String == "CREATE_COMPLETE" }
        let stack = try #require((done["Stacks"] as? [[String: Any]])?.first, "\(done)")
        #expect(stack["StackStatus"] as? String == "CREATE_COMPLETE", "\(stack)")
        #expect((stack["Parameters"] as? [[String: Any]])?.first?["ParameterValue"] as? String == "2", "the Parameters.member.1 list arrived: \(stack)")
        let output = (stack["Outputs"] as? [[String: Any]])?.first
        #expect(output?["OutputKey"] as? String == "EventsArn")
        #expect((output?["OutputValue"] as? String)?.hasSuffix(":stream/net-events") == true, "\(String(describing: output))")

        // The stack's stream is an ordinary stream, with the shard count the parameter gave.
        let streamShards = try served.aws(["kinesis", "list-shards", "--stream-name", "net-events"])
        #expect(((streamShards.json as? [String: Any])?["Shards"] as? [Any])?.count == 2, "\(streamShards.output)")

        let resources = try served.aws(["cloudformation", "describe-stack-resources", "--stack-name", "net"])
        let resource = ((resources.json as? [String: Any])?["StackResources"] as? [[String: Any]])?.first
        #expect(resource?["LogicalResourceId"] as? String == "Events" && resource?["PhysicalResourceId"] as? String == "net-events", "\(resources.output)")
        #expect(resource?["ResourceType"] as? String == "AWS::Kinesis::Stream")

        let events = try served.aws(["cloudformation", "describe-stack-events", "--stack-name", "net"])
        let statuses = ((events.json as? [String: Any])?["StackEvents"] as? [[String: Any]] ?? []).compactMap { $0["ResourceStatus"] as? String }
        // Newest first: the stack's CREATE_COMPLETE, and its first event CREATE_IN_PROGRESS last.
        #expect(statuses.first == "CREATE_COMPLETE" && statuses.last == "CREATE_IN_PROGRESS", "\(statuses)")

        let deleted = try served.aws(["cloudformation", "delete-stack", "--stack-name", "net"])
        #expect(deleted.status == 0, "\(deleted.output)")
        let listed = try wait(served, ["cloudformation", "list-stacks", "--stack-status-filter", "DELETE_COMPLETE"]) {
            (($0["StackSummaries"] as? [[String: Any]]) ?? []).contains { $0["StackName"] as? String == "net" }
        }
        #expect(((listed["StackSummaries"] as? [[String: Any]]) ?? []).contains { $0["StackName"] as? String == "net" }, "\(listed)")

        // A stack that no longer exists: ValidationError, 400, as AWS answers describe-stacks for it.
        let missing = try served.python("""
        import boto3, botocore
        cf = boto3.client("cloudformation", endpoint_url=ENDPOINT)
        try:
            cf.describe_stacks(StackName="never-made")
            print(json.dumps(None))
        except botocore.exceptions.ClientError as e:
            print(json.dumps([e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]))
        """) as? [AnyHashable]
        #expect(missing?.prefix(2) == ["ValidationError", 400], "\(String(describing: missing))")
        #expect((missing?.last as? String)?.contains("never-made") == true, "\(String(describing: missing))")
    }
}
