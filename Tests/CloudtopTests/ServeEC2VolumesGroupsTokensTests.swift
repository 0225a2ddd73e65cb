import Foundation
import Testing

/// RunInstances idempotency, DescribeSecurityGroups and DescribeVolumes through boto3 and the aws
/// CLI against `cloudtop serve`, with the exception classes and error codes AWS answers.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeEC2VolumesGroupsTokensTests {
    @Test func boto3RepeatsALaunchByItsClientTokenAndRefusesAMismatch() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions
        ec2 = boto3.client("ec2", endpoint_url=ENDPOINT)
        def code(f):
            try:
                f(); return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        def listed():
            return sorted(i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"])
        args = dict(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=2, MaxCount=2, ClientToken="wire-token-1")
        before = listed()
        first = ec2.run_instances(**args)
        second = ec2.run_instances(**args)
        out = {
            "first": [first["ReservationId"], [i["InstanceId"] for i in first["Instances"]]],
            "second": [second["ReservationId"], [i["InstanceId"] for i in second["Instances"]]],
            "tokens": [i["ClientToken"] for i in second["Instances"]],
            "added": len(listed()) - len(before),
            "mismatch": code(lambda: ec2.run_instances(**dict(args, InstanceType="t3.small"))),
            "tooLong": code(lambda: ec2.run_instances(**dict(args, ClientToken="x" * 65))),
        }
        out["addedAfter"] = len(listed()) - len(before)
        print(json.dumps(out))
        """) as? [String: Any])
        let first = answer["first"] as? [Any], second = answer["second"] as? [Any]
        #expect((first?.first as? String)?.hasPrefix("r-") == true)
        #expect(second?.first as? String == first?.first as? String, "the original reservation")
        #expect(second?.last as? [String] == first?.last as? [String] && (first?.last as? [String])?.count == 2)
        #expect(answer["tokens"] as? [String] == ["wire-token-1", "wire-token-1"])
        #expect(answer["added"] as? Int == 2, "the repeat launched nothing")
        #expect(answer["mismatch"] as? [AnyHashable] == ["IdempotentParameterMismatch", 400])
        #expect(answer["tooLong"] as? [AnyHashable] == ["InvalidParameterValue", 400])
        #expect(answer["addedAfter"] as? Int == 2)
    }

    @Test func boto3AndTheCLIDescribeTheDefaultGroupAndTheRootVolumes() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions, time
        ec2 = boto3.client("ec2", endpoint_url=ENDPOINT)
        iso = lambda d: d.isoformat() if hasattr(d, "isoformat") else d
        def code(f):
            try:
                f(); return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        run = ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c5.large", MinCount=1, MaxCount=1,
                                Placement={"AvailabilityZone": "us-east-1b"})
        iid = run["Instances"][0]["InstanceId"]
        mapping = run["Instances"][0]["BlockDeviceMappings"][0]["Ebs"]
        out = {"iid": iid, "mapping": mapping, "instanceGroups": run["Instances"][0]["SecurityGroups"]}
        out["volumes"] = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])["Volumes"]
        out["byId"] = [v["VolumeId"] for v in ec2.describe_volumes(VolumeIds=[mapping["VolumeId"]])["Volumes"]]
        pages = ec2.get_paginator("describe_volumes").paginate(Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])
        out["paged"] = [v["VolumeId"] for p in pages for v in p["Volumes"]]
        out["groups"] = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"]
        out["groupFilter"] = len(ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["nope"]}])["SecurityGroups"])
        out["noVolume"] = code(lambda: ec2.describe_volumes(VolumeIds=["vol-0123456789abcdef0"]))
        out["badVolume"] = code(lambda: ec2.describe_volumes(VolumeIds=["disk"]))
        out["noGroup"] = code(lambda: ec2.describe_security_groups(GroupIds=["sg-0123456789abcdef0"]))
        out["noGroupName"] = code(lambda: ec2.describe_security_groups(GroupNames=["web"]))
        ec2.terminate_instances(InstanceIds=[iid])
        for _ in range(400):
            if ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"] == "terminated": break
            time.sleep(0.05)
        out["afterTermination"] = code(lambda: ec2.describe_volumes(VolumeIds=[mapping["VolumeId"]]))
        out["leftForInstance"] = len(ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])["Volumes"])
        print(json.dumps(out, default=iso))
        """) as? [String: Any])
        let iid = try #require(answer["iid"] as? String)
        let mapping = try #require(answer["mapping"] as? [String: Any])
        let volumeID = try #require(mapping["VolumeId"] as? String)
        let volumes = try #require(answer["volumes"] as? [[String: Any]])
        try #require(volumes.count == 1)
        let volume = volumes[0]
        #expect(volume["VolumeId"] as? String == volumeID)
        #expect(volume["State"] as? String == "in-use" && volume["AvailabilityZone"] as? String == "us-east-1b")
        #expect(volume["Size"] as? Int == 8 && volume["VolumeType"] as? String == "gp3")
        #expect(volume["Iops"] as? Int == 3000 && volume["Throughput"] as? Int == 125 && volume["Encrypted"] as? Bool == false)
        #expect(volume["CreateTime"] as? String == mapping["AttachTime"] as? String, "created at launch (boto3 parsed a timestamp)")
        let attachment = (volume["Attachments"] as? [[String: Any]])?.first
        #expect(attachment?["InstanceId"] as? String == iid && attachment?["Device"] as? String == "/dev/xvda")
        #expect(attachment?["State"] as? String == "attached" && attachment?["DeleteOnTermination"] as? Bool == true)
        #expect(answer["byId"] as? [String] == [volumeID])
        #expect(answer["paged"] as? [String] == [volumeID], "the paginator gets one page and stops")

        let group = try #require((answer["groups"] as? [[String: Any]])?.first)
        let instanceGroup = (answer["instanceGroups"] as? [[String: String]])?.first
        #expect(group["GroupId"] as? String == instanceGroup?["GroupId"] && group["GroupName"] as? String == "default")
        #expect(group["Description"] as? String == "default VPC security group")
        let egress = (group["IpPermissionsEgress"] as? [[String: Any]])?.first
        #expect(egress?["IpProtocol"] as? String == "-1")
        #expect((egress?["IpRanges"] as? [[String: String]]) == [["CidrIp": "0.0.0.0/0"]])
        let ingressPair = ((group["IpPermissions"] as? [[String: Any]])?.first?["UserIdGroupPairs"] as? [[String: String]])?.first
        #expect(ingressPair?["GroupId"] == instanceGroup?["GroupId"])
        #expect(answer["groupFilter"] as? Int == 0)

        #expect(answer["noVolume"] as? [AnyHashable] == ["InvalidVolume.NotFound", 400])
        #expect(answer["badVolume"] as? [AnyHashable] == ["InvalidVolumeID.Malformed", 400])
        #expect(answer["noGroup"] as? [AnyHashable] == ["InvalidGroup.NotFound", 400])
        #expect(answer["noGroupName"] as? [AnyHashable] == ["InvalidGroup.NotFound", 400])
        #expect(answer["afterTermination"] as? [AnyHashable] == ["InvalidVolume.NotFound", 400], "deleted on termination")
        #expect(answer["leftForInstance"] as? Int == 0)

        // The aws CLI reads the same answers.
        let groups = try served.aws(["ec2", "describe-security-groups", "--group-ids", instanceGroup?["GroupId"] ?? "?"])
        #expect(groups.status == 0, "\(groups.output)")
        let cliGroup = ((groups.json as? [String: Any])?["SecurityGroups"] as? [[String: Any]])?.first
        #expect(cliGroup?["VpcId"] as? String == group["VpcId"] as? String && (cliGroup?["OwnerId"] as? String)?.count == 12)
        let cliVolumes = try served.aws(["ec2", "describe-volumes", "--filters", "Name=status,Values=in-use", "Name=volume-id,Values=\(volumeID)"])
        #expect(cliVolumes.status == 0 && ((cliVolumes.json as? [String: Any])?["Volumes"] as? [Any])?.isEmpty == true,
                "terminated, so no longer in use: \(cliVolumes.output)")
        let missing = try served.aws(["ec2", "describe-volumes", "--volume-ids", "vol-0123456789abcdef0"])
        #expect(missing.status != 0 && missing.output.contains("InvalidVolume.NotFound"), "\(missing.output)")
    }
}
