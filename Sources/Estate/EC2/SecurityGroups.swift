/// `DescribeSecurityGroups`: the groups the estate's instances belong to. Every instance launches
/// into the default VPC without naming a group, so it joins that VPC's `default` group, which AWS
/// creates with the VPC and which therefore always exists.
struct SecurityGroup: Sendable {
    let groupID: String
    let groupName: String
    let description: String
    let vpcID: String

    /// The default VPC's default group, with the description AWS gives it.
    static let vpcDefault = SecurityGroup(groupID: DefaultVPC.defaultSecurityGroupID, groupName: "default",
                                          description: "default VPC security group", vpcID: DefaultVPC.vpcID)

    /// AWS's rules for a default group: inbound, all traffic from members of the group itself;
    /// outbound, all traffic to anywhere on IPv4 (the default VPC has no IPv6 block, so no `::/0`).
    func json(context: ServiceContext) -> JSONValue {
        let selfReference: JSONValue = ["GroupId": .string(groupID), "UserId": .string(context.accountID)]
        return [
            "GroupId": .string(groupID),
            "IpPermissionsEgress": [[
                "IpProtocol": "-1",
                "IpRanges": [["CidrIp": "0.0.0.0/0"]],
                "Ipv6Ranges": [],
                "PrefixListIds": [],
                "UserIdGroupPairs": [],
            ]],
            "VpcId": .string(vpcID),
            "SecurityGroupArn": .string("arn:aws:ec2:\(context.region):\(context.accountID):security-group/\(groupID)"),
            "OwnerId": .string(context.accountID),
            "GroupName": .string(groupName),
            "Description": .string(description),
            "IpPermissions": [[
                "IpProtocol": "-1",
                "IpRanges": [],
                "Ipv6Ranges": [],
                "PrefixListIds": [],
                "UserIdGroupPairs": [selfReference],
            ]],
        ]
    }
}

extension EC2Service {
    /// The groups that exist: the default VPC's own.
    var securityGroups: [SecurityGroup] { [.vpcDefault] }

    static let securityGroupFilters = ["group-id", "group-name", "vpc-id", "description", "owner-id"]

    func describeSecurityGroups(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("GroupIds")
        let names = try p.strings("GroupNames")
        let filters = try EC2Filters(p, supported: Self.securityGroupFilters)
        let pages = try EC2Pagination(p, operation: "DescribeSecurityGroups", range: 5...1000)
        let groups = securityGroups
        for id in ids ?? [] {
            guard Self.isWellFormedID(id, prefix: "sg-") else {
                throw AWSError("InvalidGroupId.Malformed", "Invalid id: \"\(id)\" (expecting \"sg-...\")")
            }
            guard groups.contains(where: { $0.groupID == id }) else {
                throw AWSError("InvalidGroup.NotFound", "The security group '\(id)' does not exist")
            }
        }
        for name in names ?? [] where !groups.contains(where: { $0.groupName == name }) {
            throw AWSError("InvalidGroup.NotFound", "The security group '\(name)' does not exist in default VPC '\(DefaultVPC.vpcID)'")
        }
        let accountID = context.accountID
        let selected = groups.filter { group in
            (ids == nil || ids!.contains(group.groupID)) && (names == nil || names!.contains(group.groupName))
                && filters.accept { name in
                    switch name {
                    case "group-id": return [group.groupID]
                    case "group-name": return [group.groupName]
                    case "vpc-id": return [group.vpcID]
                    case "description": return [group.description]
                    default: return [accountID]  // owner-id
                    }
                }
        }
        let page = try pages.page(selected)
        return .object([("SecurityGroups", .array(page.items.map { $0.json(context: context) }))] + EC2Pagination.member(page.nextToken))
    }

    /// `prefix` and 8 or 17 lower-case hex digits, the two forms AWS has issued for its ids.
    static func isWellFormedID(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let hex = id.dropFirst(prefix.count)
        return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
