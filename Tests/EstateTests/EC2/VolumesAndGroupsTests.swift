@testable import Estate
import Testing

/// `describe-security-groups` and `describe-volumes` over what the instances already carry: the
/// default VPC's default group with AWS's default rules, and each instance's EBS root volume.
@Suite struct VolumesAndGroupsTests {
    static func call(_ estate: Estate, _ operation: String, _ parameters: JSONValue = .object([])) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "ec2", operation: operation, parameters: parameters))
    }

    static func code(_ result: Result<JSONValue, AWSError>) -> String? {
        if case let .failure(error) = result { return error.code }
        return nil
    }

    static func volumes(_ estate: Estate, _ parameters: JSONValue = .object([])) throws -> [JSONValue] {
        try #require(try call(estate, "DescribeVolumes", parameters).get()["Volumes"]?.arrayValue)
    }

    static func filter(_ name: String, _ values: String...) -> JSONValue {
        ["Filters": [["Name": .string(name), "Values": .array(values.map(JSONValue.string))]]]
    }

    @Test func theDefaultGroupHasAWSsDefaultRules() throws {
        let estate = Fixtures.emptyEstate()
        let groups = try #require(try Self.call(estate, "DescribeSecurityGroups").get()["SecurityGroups"]?.arrayValue)
        try #require(groups.count == 1, "the default VPC's default group exists before any instance")
        let group = groups[0]
        #expect(group["GroupId"]?.stringValue == DefaultVPC.defaultSecurityGroupID)
        #expect(group["GroupName"]?.stringValue == "default")
        #expect(group["Description"]?.stringValue == "default VPC security group")
        #expect(group["VpcId"]?.stringValue == DefaultVPC.vpcID)
        #expect(group["OwnerId"]?.stringValue == estate.accountID)
        // AWS: a default group allows inbound traffic from its own members only…
        let inbound = try #require(group["IpPermissions"]?.arrayValue)
        #expect(inbound.count == 1 && inbound[0]["IpProtocol"]?.stringValue == "-1")
        #expect(inbound[0]["IpRanges"]?.arrayValue?.isEmpty == true)
        let pairs = inbound[0]["UserIdGroupPairs"]?.arrayValue
        #expect(pairs?.count == 1 && pairs?[0]["GroupId"]?.stringValue == DefaultVPC.defaultSecurityGroupID)
        #expect(pairs?[0]["UserId"]?.stringValue == estate.accountID)
        // …and all outbound IPv4 traffic.
        let outbound = try #require(group["IpPermissionsEgress"]?.arrayValue)
        #expect(outbound.count == 1 && outbound[0]["IpProtocol"]?.stringValue == "-1")
        #expect(outbound[0]["IpRanges"]?.arrayValue?.compactMap { $0["CidrIp"]?.stringValue } == ["0.0.0.0/0"])
        #expect(outbound[0]["UserIdGroupPairs"]?.arrayValue?.isEmpty == true)
        // An instance's SecurityGroups name that group.
        let id = Fixtures.launch(estate)[0]
        let described = try #require(InstanceShapeTests.described(estate, id))
        #expect(described["SecurityGroups"]?.arrayValue?.first?["GroupId"] == group["GroupId"])
    }

    @Test func groupsAnswerIdsNamesAndFiltersWithAWSsErrors() throws {
        let estate = Fixtures.emptyEstate()
        let count = { (p: JSONValue) in try Self.call(estate, "DescribeSecurityGroups", p).get()["SecurityGroups"]?.arrayValue?.count }
        #expect(try count(["GroupIds": [.string(DefaultVPC.defaultSecurityGroupID)]]) == 1)
        #expect(try count(["GroupNames": ["default"]]) == 1)
        #expect(try count(Self.filter("group-name", "default")) == 1)
        #expect(try count(Self.filter("group-name", "web")) == 0)
        #expect(try count(Self.filter("vpc-id", DefaultVPC.vpcID)) == 1)
        #expect(try count(Self.filter("vpc-id", "vpc-0123456789abcdef0")) == 0)
        #expect(try count(Self.filter("group-id", "sg-*")) == 1)
        #expect(Self.code(Self.call(estate, "DescribeSecurityGroups", ["GroupIds": ["sg-0123456789abcdef0"]])) == "InvalidGroup.NotFound")
        #expect(Self.code(Self.call(estate, "DescribeSecurityGroups", ["GroupIds": ["web"]])) == "InvalidGroupId.Malformed")
        #expect(Self.code(Self.call(estate, "DescribeSecurityGroups", ["GroupNames": ["web"]])) == "InvalidGroup.NotFound")
        #expect(Self.code(Self.call(estate, "DescribeSecurityGroups", Self.filter("ip-permission.port", "22"))) == "InvalidParameterValue")
    }

    @Test func eachInstanceHasItsRootVolumeInUseUntilItTerminates() throws {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 2, zone: "us-east-1c")
        estate.advance(by: .minutes(1))
        let volumes = try Self.volumes(estate)
        try #require(volumes.count == 2)
        for (id, volume) in zip(ids, volumes) {
            let instance = try #require(InstanceShapeTests.described(estate, id))
            let mapping = try #require(instance["BlockDeviceMappings"]?.arrayValue?.first)
            #expect(volume["VolumeId"] == mapping["Ebs"]?["VolumeId"], "the volume BlockDeviceMappings names")
            #expect(volume["State"]?.stringValue == "in-use")
            #expect(volume["AvailabilityZone"]?.stringValue == "us-east-1c", "a volume lives in its instance's zone")
            #expect(volume["CreateTime"] == instance["LaunchTime"])
            // The AMI's 8 GiB root, gp3 at its baseline of 3,000 IOPS and 125 MiB/s, unencrypted.
            #expect(volume["Size"] == .int(8) && volume["VolumeType"]?.stringValue == "gp3")
            #expect(volume["Iops"] == .int(3000) && volume["Throughput"] == .int(125))
            #expect(volume["Encrypted"] == .bool(false) && volume["MultiAttachEnabled"] == .bool(false))
            let attachments = try #require(volume["Attachments"]?.arrayValue)
            #expect(attachments.count == 1)
            #expect(attachments[0]["InstanceId"]?.stringValue == id && attachments[0]["Device"]?.stringValue == "/dev/xvda")
            #expect(attachments[0]["State"]?.stringValue == "attached" && attachments[0]["DeleteOnTermination"] == .bool(true))
            #expect(attachments[0]["AttachTime"] == mapping["Ebs"]?["AttachTime"])
        }
        // A stopped instance keeps its volume attached.
        try estate.ec2.changeStates([ids[0]], .stop)
        estate.advance(by: .minutes(1))
        #expect(try Self.volumes(estate).map { $0["State"]?.stringValue } == ["in-use", "in-use"])
        // Terminated: the volume was deleted with it (DeleteOnTermination), while the instance is still listed.
        try estate.ec2.changeStates([ids[0]], .terminate)
        estate.advance(by: .minutes(1))
        #expect(estate.ec2.instance(ids[0])?.state == .terminated)
        let left = try Self.volumes(estate)
        #expect(left.count == 1 && left[0]["Attachments"]?.arrayValue?.first?["InstanceId"]?.stringValue == ids[1])
        let gone = volumes[0]["VolumeId"]!
        #expect(Self.code(Self.call(estate, "DescribeVolumes", ["VolumeIds": [gone]])) == "InvalidVolume.NotFound")
    }

    @Test func volumesAnswerIdsAndFiltersWithAWSsErrors() throws {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 3)
        let all = try Self.volumes(estate)
        let second = all[1]["VolumeId"]!
        #expect(try Self.volumes(estate, ["VolumeIds": [second]]).map { $0["VolumeId"] } == [second])
        #expect(try Self.volumes(estate, Self.filter("attachment.instance-id", ids[2])).count == 1)
        #expect(try Self.volumes(estate, Self.filter("attachment.instance-id", ids[0], ids[2])).count == 2)
        #expect(try Self.volumes(estate, Self.filter("status", "in-use")).count == 3)
        #expect(try Self.volumes(estate, Self.filter("status", "available")).isEmpty)
        #expect(try Self.volumes(estate, Self.filter("volume-id", second.stringValue!)).count == 1)
        // Filters combine with AND, and with the id list.
        let both: JSONValue = ["Filters": [["Name": "status", "Values": ["in-use"]], ["Name": "volume-type", "Values": ["gp2"]]]]
        #expect(try Self.volumes(estate, both).isEmpty)
        #expect(try Self.volumes(estate, ["VolumeIds": [second], "Filters": [["Name": "attachment.instance-id", "Values": [.string(ids[0])]]]]).isEmpty)
        #expect(Self.code(Self.call(estate, "DescribeVolumes", ["VolumeIds": ["vol-0123456789abcdef0"]])) == "InvalidVolume.NotFound")
        #expect(Self.code(Self.call(estate, "DescribeVolumes", ["VolumeIds": ["disk-1"]])) == "InvalidVolumeID.Malformed")
        #expect(Self.code(Self.call(estate, "DescribeVolumes", Self.filter("iops-per-gib", "3"))) == "InvalidParameterValue")
    }

    @Test func thePaletteRunsBothOperations() throws {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate)[0]
        let replies = Fixtures.run(estate, "ec2 describe-volumes --filters Name=attachment.instance-id,Values=\(id)",
                                   "ec2 describe-security-groups --group-names default")
        #expect(replies[0]["Volumes"]?.arrayValue?.count == 1)
        #expect(replies[1]["SecurityGroups"]?.arrayValue?.first?["GroupName"]?.stringValue == "default")
    }
}
