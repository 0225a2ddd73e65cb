import Foundation
import Testing

/// `cloudtop serve` driven by the real aws CLI and boto3 over the EC2 Query protocol (XML).
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeEC2Tests {
    private func instances(_ json: Any?) -> [[String: Any]] {
        ((json as? [String: Any])?["Reservations"] as? [[String: Any]] ?? []).flatMap { $0["Instances"] as? [[String: Any]] ?? [] }
    }

    private func states(_ served: ServedEstate, _ ids: [String]) throws -> [String] {
        let described = try served.aws(["ec2", "describe-instances", "--instance-ids"] + ids)
        return instances(described.json).compactMap { ($0["State"] as? [String: Any])?["Name"] as? String }
    }

    @Test func awsCLILaunchesDescribesStopsStartsAndTerminates() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }

        let run = try served.aws(["ec2", "run-instances", "--image-id", "ami-0c55b159cbfafe1f0", "--instance-type", "c4.large",
                                  "--count", "2", "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=net-web}]"])
        #expect(run.status == 0, "\(run.output)")
        let launched = try #require((run.json as? [String: Any])?["Instances"] as? [[String: Any]], "\(run.output)")
        try #require(launched.count == 2)
        let ids = launched.compactMap { $0["InstanceId"] as? String }
        #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("i-") })
        #expect(launched.allSatisfy { $0["InstanceType"] as? String == "c4.large" })
        // A fresh launch is pending, AWS's state code 0; the XML's instanceState became State.
        #expect(launched.allSatisfy { ($0["State"] as? [String: Any])?["Code"] as? Int == 0 })
        #expect(launched.allSatisfy { ($0["Placement"] as? [String: Any])?["AvailabilityZone"] as? String == "us-east-1a" })

        // Filters travel as Filter.1.Name / Filter.1.Value.1.
        let tagged = try served.aws(["ec2", "describe-instances", "--filters", "Name=tag:Name,Values=net-web"])
        #expect(Set(instances(tagged.json).compactMap { $0["InstanceId"] as? String }) == Set(ids), "\(tagged.output)")
        let tags = instances(tagged.json).first?["Tags"] as? [[String: Any]]
        #expect(tags?.first?["Key"] as? String == "Name" && tags?.first?["Value"] as? String == "net-web")

        // Pending to running takes tens of virtual seconds; at --speed 50, under two wall seconds.
        var running: [String] = []
        for _ in 0..<300 {
            running = try states(served, ids)
            if running == ["running", "running"] { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(running == ["running", "running"])
        let running0 = instances(try served.aws(["ec2", "describe-instances", "--instance-ids", ids[0]]).json).first ?? [:]
        let publicAddress = running0["PublicIpAddress"] as? String ?? ""
        let privateAddress = running0["PrivateIpAddress"] as? String ?? ""
        #expect(!publicAddress.isEmpty, "ipAddress came through as PublicIpAddress")
        #expect(!privateAddress.isEmpty)

        let stopped = try #require(try served.aws(["ec2", "stop-instances", "--instance-ids", ids[0]]).json as? [String: Any])
        let change = try #require((stopped["StoppingInstances"] as? [[String: Any]])?.first)
        #expect(change["InstanceId"] as? String == ids[0])
        #expect((change["PreviousState"] as? [String: Any])?["Name"] as? String == "running")
        #expect((change["CurrentState"] as? [String: Any])?["Name"] as? String == "stopping")

        let terminated = try #require(try served.aws(["ec2", "terminate-instances", "--instance-ids", ids[1]]).json as? [String: Any])
        let ending = try #require((terminated["TerminatingInstances"] as? [[String: Any]])?.first)
        #expect((ending["CurrentState"] as? [String: Any])?["Name"] as? String == "shutting-down")

        let types = try #require(try served.aws(["ec2", "describe-instance-types", "--instance-types", "c4.large"]).json as? [String: Any])
        let c4 = try #require((types["InstanceTypes"] as? [[String: Any]])?.first)
        // AWS's published c4.large: 2 vCPUs and 3.75 GiB.
        #expect(c4["InstanceType"] as? String == "c4.large")
        #expect((c4["VCpuInfo"] as? [String: Any])?["DefaultVCpus"] as? Int == 2)
        #expect((c4["MemoryInfo"] as? [String: Any])?["SizeInMiB"] as? Int == 3840)
    }

    @Test func boto3RaisesTheErrorCodesAWSUses() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions
        ec2 = boto3.client("ec2", endpoint_url=ENDPOINT)
        out = {}
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out["missing"] = code(lambda: ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
        out["badType"] = code(lambda: ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.larg", MinCount=1, MaxCount=1))
        out["dryRun"] = code(lambda: ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=1, MaxCount=1, DryRun=True))
        r = ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=1, MaxCount=1)
        out["launched"] = [i["InstanceType"] for i in r["Instances"]]
        out["launchTimeIsDate"] = hasattr(r["Instances"][0]["LaunchTime"], "year")
        out["all"] = sorted(i["InstanceId"] for res in ec2.describe_instances()["Reservations"] for i in res["Instances"])
        out["launchedId"] = r["Instances"][0]["InstanceId"]
        print(json.dumps(out))
        """) as? [String: Any])
        #expect(answer["missing"] as? [AnyHashable] == ["InvalidInstanceID.NotFound", 400])
        let badType = answer["badType"] as? [AnyHashable]
        #expect(badType?.last == 400 as AnyHashable && badType?.first != nil, "\(String(describing: badType))")
        // A dry run is answered with DryRunOperation and HTTP 412, and launches nothing.
        #expect(answer["dryRun"] as? [AnyHashable] == ["DryRunOperation", 412])
        #expect(answer["launched"] as? [String] == ["t3.micro"])
        #expect(answer["launchTimeIsDate"] as? Bool == true)
        let all = answer["all"] as? [String] ?? []
        #expect(all.contains(answer["launchedId"] as? String ?? "?"))
        #expect(all.count == Set(all).count)
    }

    @Test func unknownActionsAreAnsweredInQueryErrorShape() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import urllib.request, urllib.error, urllib.parse
        def call(form, auth=None):
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if auth: headers["Authorization"] = auth
            req = urllib.request.Request(ENDPOINT + "/", data=urllib.parse.urlencode(form).encode(), method="POST", headers=headers)
            try:
                with urllib.request.urlopen(req) as r:
                    return [r.status, r.read().decode()]
            except urllib.error.HTTPError as e:
                return [e.code, e.read().decode()]
        scope = "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0"
        print(json.dumps({
            "action": call({"Action": "FrobnicateInstances", "Version": "2016-11-15"}, scope),
            "noVersion": call({"Action": "DescribeInstances"}),
            "ok": call({"Action": "DescribeInstances", "Version": "2016-11-15"}),
        }))
        """) as? [String: Any])
        let action = answer["action"] as? [Any]
        #expect(action?.first as? Int == 400)
        let xml = action?.last as? String ?? ""
        #expect(xml.contains("<Response><Errors><Error><Code>InvalidAction</Code>"), "\(xml)")
        #expect(xml.contains("FrobnicateInstances") && xml.contains("<RequestID>"), "\(xml)")
        let noVersion = answer["noVersion"] as? [Any]
        #expect(noVersion?.first as? Int == 400)
        let ok = answer["ok"] as? [Any]
        #expect(ok?.first as? Int == 200)
        #expect((ok?.last as? String)?.contains("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>") == true,
                "\(String(describing: ok?.last))")
    }
}
