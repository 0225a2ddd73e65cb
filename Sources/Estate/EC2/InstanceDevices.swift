/// What an instance is launched with besides its type: the EBS root volume, the primary network
/// interface, its security group and its instance metadata service settings, as `DescribeInstances`
/// reports them.
public struct InstanceDevices: Sendable {
    /// The root volume (`vol-…`), deleted with the instance (`DeleteOnTermination` true).
    public let rootVolumeID: String
    /// The primary network interface (`eni-…`) and its attachment (`eni-attach-…`) at device index 0.
    public let networkInterfaceID: String
    public let attachmentID: String
    /// A locally administered unicast MAC, as AWS gives ENIs (`0a:…` or `02:…` style).
    public let macAddress: String
    /// When the volume and the interface were attached: the launch.
    public let attachTime: SimInstant
    public let metadata: MetadataOptions
    /// AWS reports the metadata options "pending" until the first boot has applied them.
    public internal(set) var metadataApplied = false

    /// The Amazon Linux 2 AMIs this estate launches boot from `/dev/xvda`, an EBS volume, HVM.
    public static let rootDeviceName = "/dev/xvda"

    /// `MetadataOptions`: AWS's defaults for an AMI that does not ask for IMDSv2 (tokens optional,
    /// one hop, the endpoint on).
    public struct MetadataOptions: Sendable, Equatable {
        public var httpTokens = "optional"
        public var httpPutResponseHopLimit = 1
        public var httpEndpoint = "enabled"

        public init() {}

        /// RunInstances' `MetadataOptions`, checked against AWS's allowed values.
        init(_ p: Parameters?) throws(AWSError) {
            guard let p else { return }
            if let tokens = try p.string("HttpTokens") {
                guard ["optional", "required"].contains(tokens) else {
                    throw .invalidParameterValue("Value (\(tokens)) for parameter MetadataOptions.HttpTokens is invalid. Expected optional or required.")
                }
                httpTokens = tokens
            }
            if let hops = try p.int("HttpPutResponseHopLimit") {
                guard (1...64).contains(hops) else {
                    throw .invalidParameterValue("Value (\(hops)) for parameter MetadataOptions.HttpPutResponseHopLimit is invalid. Expected an integer from 1 to 64.")
                }
                httpPutResponseHopLimit = hops
            }
            if let endpoint = try p.string("HttpEndpoint") {
                guard ["enabled", "disabled"].contains(endpoint) else {
                    throw .invalidParameterValue("Value (\(endpoint)) for parameter MetadataOptions.HttpEndpoint is invalid. Expected enabled or disabled.")
                }
                httpEndpoint = endpoint
            }
        }
    }

    /// Ids drawn from the EC2 device stream (its own fork, so instance and reservation ids do not
    /// move when devices are added).
    static func draw(using random: inout SeededRandom, at time: SimInstant, metadata: MetadataOptions) -> InstanceDevices {
        let volume = "vol-" + random.hex(17)
        let interface = "eni-" + random.hex(17)
        let attachment = "eni-attach-" + random.hex(17)
        let mac = (0..<5).map { _ in String(random.int(in: 0...255), radix: 16).leftPadded(2) }
        return InstanceDevices(rootVolumeID: volume, networkInterfaceID: interface, attachmentID: attachment,
                               macAddress: (["0a"] + mac).joined(separator: ":"), attachTime: time, metadata: metadata,
                               metadataApplied: false)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension Instance {
    /// `BlockDeviceMappings`: the root volume while the instance exists; a terminated instance's
    /// volume has been deleted with it, so AWS lists none.
    var blockDeviceMappingsJSON: JSONValue {
        guard state != .terminated else { return [] }
        return [[
            "DeviceName": .string(InstanceDevices.rootDeviceName),
            "Ebs": [
                "AttachTime": .string(SimCalendar.iso8601(devices.attachTime)),
                "DeleteOnTermination": true,
                "Status": "attached",
                "VolumeId": .string(devices.rootVolumeID),
            ],
        ]]
    }

    /// `SecurityGroups`: the default VPC's default group, which an instance launched without
    /// groups joins.
    var securityGroupsJSON: JSONValue {
        [["GroupId": .string(DefaultVPC.defaultSecurityGroupID), "GroupName": "default"]]
    }

    /// `NetworkInterfaces`: the primary interface, deleted on termination (AWS then lists none).
    /// The public address's `Association` is there only while the instance has one.
    func networkInterfacesJSON(ownerID: String) -> JSONValue {
        guard state != .terminated, let ip = assignedPrivateIPAddress else { return [] }
        let dns = Self.privateDNSName(ip)
        let association: JSONValue? = publicIPAddress.map { address in
            ["IpOwnerId": "amazon", "PublicDnsName": .string(PublicAddressPool.dnsName(address)), "PublicIp": .string(address)]
        }
        var primary: [(String, JSONValue)] = []
        if let association { primary.append(("Association", association)) }
        primary += [("Primary", true), ("PrivateDnsName", .string(dns)), ("PrivateIpAddress", .string(ip))]
        var pairs: [(String, JSONValue)] = []
        if let association { pairs.append(("Association", association)) }
        pairs += [
            ("Attachment", [
                "AttachTime": .string(SimCalendar.iso8601(devices.attachTime)),
                "AttachmentId": .string(devices.attachmentID),
                "DeleteOnTermination": true,
                "DeviceIndex": 0,
                "Status": "attached",
                "NetworkCardIndex": 0,
            ]),
            ("Description", ""),
            ("Groups", securityGroupsJSON),
            ("Ipv6Addresses", []),
            ("MacAddress", .string(devices.macAddress)),
            ("NetworkInterfaceId", .string(devices.networkInterfaceID)),
            ("OwnerId", .string(ownerID)),
            ("PrivateDnsName", .string(dns)),
            ("PrivateIpAddress", .string(ip)),
            ("PrivateIpAddresses", [.object(primary)]),
            ("SourceDestCheck", true),
            ("Status", "in-use"),
            ("SubnetId", .string(subnetID)),
            ("VpcId", .string(DefaultVPC.vpcID)),
            ("InterfaceType", "interface"),
        ]
        return [.object(pairs)]
    }

    /// `MetadataOptions`: "pending" until the launch has applied them, then "applied".
    var metadataOptionsJSON: JSONValue {
        let m = devices.metadata
        return [
            "State": .string(devices.metadataApplied ? "applied" : "pending"),
            "HttpTokens": .string(m.httpTokens),
            "HttpPutResponseHopLimit": .int(Int64(m.httpPutResponseHopLimit)),
            "HttpEndpoint": .string(m.httpEndpoint),
            "HttpProtocolIpv6": "disabled",
            "InstanceMetadataTags": "disabled",
        ]
    }

    /// `ip-172-31-0-10.ec2.internal`, the us-east-1 form of a private DNS name.
    static func privateDNSName(_ ip: String) -> String {
        "ip-" + ip.replacingOccurrences(of: ".", with: "-") + ".ec2.internal"
    }
}
