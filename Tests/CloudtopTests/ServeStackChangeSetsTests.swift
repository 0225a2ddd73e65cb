import Foundation
import Testing

/// CloudFormation's change sets, drift detection, GetTemplate and ListStackResources over the Query
/// protocol, driven by boto3 against `cloudtop serve`: the same operations the palette runs.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeStackChangeSetsTests {
    /// Nested lists compared as compact JSON text.
    static func json(_ value: Any?) -> String? {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func boto3ProposesAppliesAndDetectsDriftOnAStack() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python(#"""
        import time, boto3, botocore.exceptions
        kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
        cf = boto3.client("cloudformation", **kw)
        kinesis = boto3.client("kinesis", **kw)
        template = """AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Shards:
            Type: Number
            Default: 1
        Resources:
          Events:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: cs-events
              ShardCount: !Ref Shards
        """
        def wait(f, done):
            for _ in range(300):
                r = f()
                if done(r): return r
                time.sleep(0.1)
            return r
        def stack_status():
            return cf.describe_stacks(StackName="cs")["Stacks"][0]["StackStatus"]
        out = {}
        cf.create_stack(StackName="cs", TemplateBody=template)
        out["created"] = wait(stack_status, lambda s: not s.endswith("IN_PROGRESS"))
        out["template"] = cf.get_template(StackName="cs")["TemplateBody"] == template
        out["summaries"] = [[r["LogicalResourceId"], r["PhysicalResourceId"], r["ResourceType"], r["ResourceStatus"]]
                            for r in cf.list_stack_resources(StackName="cs")["StackResourceSummaries"]]

        made = cf.create_change_set(StackName="cs", ChangeSetName="more-shards", UsePreviousTemplate=True,
                                    Parameters=[{"ParameterKey": "Shards", "ParameterValue": "2"}])
        out["changeSetArn"] = made["Id"].split(":")[5].split("/")[0:2]
        described = wait(lambda: cf.describe_change_set(StackName="cs", ChangeSetName="more-shards"),
                         lambda r: r["Status"] not in ("CREATE_PENDING", "CREATE_IN_PROGRESS"))
        change = described["Changes"][0]["ResourceChange"]
        out["change"] = [described["Status"], change["Action"], change["LogicalResourceId"], change["Replacement"],
                         sorted(d["Target"]["Name"] for d in change["Details"])]
        out["listed"] = [s["ChangeSetName"] for s in cf.list_change_sets(StackName="cs")["Summaries"]]
        cf.execute_change_set(StackName="cs", ChangeSetName="more-shards")
        out["updated"] = wait(stack_status, lambda s: s in ("UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"))
        out["openShards"] = kinesis.describe_stream_summary(StreamName="cs-events")["StreamDescriptionSummary"]["OpenShardCount"]

        # Behind the stack's back: twice the shards.
        kinesis.update_shard_count(StreamName="cs-events", TargetShardCount=4, ScalingType="UNIFORM_SCALING")
        wait(lambda: kinesis.describe_stream_summary(StreamName="cs-events")["StreamDescriptionSummary"]["StreamStatus"], lambda s: s == "ACTIVE")
        detection = cf.detect_stack_drift(StackName="cs")["StackDriftDetectionId"]
        status = wait(lambda: cf.describe_stack_drift_detection_status(StackDriftDetectionId=detection),
                      lambda r: r["DetectionStatus"] != "DETECTION_IN_PROGRESS")
        out["drift"] = [status["DetectionStatus"], status["StackDriftStatus"]]
        drifts = cf.describe_stack_resource_drifts(StackName="cs")["StackResourceDrifts"]
        out["resourceDrift"] = [[d["LogicalResourceId"], d["StackResourceDriftStatus"],
                                 [[p["PropertyPath"], p["ExpectedValue"], p["ActualValue"], p["DifferenceType"]] for p in d["PropertyDifferences"]]]
                                for d in drifts]

        def error(f):
            try:
                f(); return None
            except botocore.exceptions.ClientError as e:
                return [type(e).__name__, e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out["noChangeSet"] = error(lambda: cf.describe_change_set(StackName="cs", ChangeSetName="nope"))
        out["noStack"] = error(lambda: cf.get_template(StackName="nope"))
        print(json.dumps(out))
        """#) as? [String: Any])
        #expect(answer["created"] as? String == "CREATE_COMPLETE", "\(answer)")
        #expect(answer["template"] as? Bool == true, "GetTemplate returns the body as given")
        #expect(answer["summaries"] as? [[String]] == [["Events", "cs-events", "AWS::Kinesis::Stream", "CREATE_COMPLETE"]], "\(answer)")
        #expect(answer["changeSetArn"] as? [String] == ["changeSet", "more-shards"], "\(answer)")
        // AWS::Kinesis::Stream's ShardCount updates with no interruption: Modify in place, Replacement False.
        #expect(Self.json(answer["change"]) == #"["CREATE_COMPLETE","Modify","Events","False",["ShardCount"]]"#, "\(answer)")
        #expect(answer["listed"] as? [String] == ["more-shards"], "\(answer)")
        #expect(answer["updated"] as? String == "UPDATE_COMPLETE", "\(answer)")
        #expect(answer["openShards"] as? Int == 2, "\(answer)")
        #expect(answer["drift"] as? [String] == ["DETECTION_COMPLETE", "DRIFTED"], "\(answer)")
        #expect(Self.json(answer["resourceDrift"]) == #"[["Events","MODIFIED",[["/ShardCount","2","4","NOT_EQUAL"]]]]"#, "\(answer)")
        // botocore's model: ChangeSetNotFound is a 404 with its own exception class; a missing stack is a ValidationError.
        #expect(answer["noChangeSet"] as? [AnyHashable] == ["ChangeSetNotFoundException", "ChangeSetNotFound", 404], "\(answer)")
        #expect(answer["noStack"] as? [AnyHashable] == ["ClientError", "ValidationError", 400], "\(answer)")
    }
}
