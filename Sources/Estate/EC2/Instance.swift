/// One simulated EC2 instance.
public struct Instance: Sendable {
    public let instanceID: String
    public let reservationID: String
    public let amiLaunchIndex: Int
    public let imageID: String
    public internal(set) var instanceType: String
    public internal(set) var vCPUs: Int
    public internal(set) var memoryMiB: Int
    public internal(set) var architecture: String
    public internal(set) var hourlyPriceUSD: Double
    public let availabilityZone: String
    public let subnetID: String
    /// `PrivateIpAddress`: nil once terminated, when the address has gone back to the subnet.
    public internal(set) var assignedPrivateIPAddress: String?
    /// `PublicIpAddress`: the default VPC maps one on launch and start; it is released on stop
    /// and on termination (it is not an Elastic IP).
    public internal(set) var publicIPAddress: String?
    /// `CpuOptions`: the instance type's default cores and threads per core.
    public internal(set) var coreCount: Int
    public internal(set) var threadsPerCore: Int
    /// `Monitoring.State`: detailed monitoring is off unless RunInstances asked for it.
    public internal(set) var detailedMonitoring: Bool
    public let launchTime: SimInstant
    /// `ClientToken`: the idempotency token the launch request carried (SDKs generate one).
    public let clientToken: String
    /// `EbsOptimized`: as RunInstances asked (AWS's default is false).
    public internal(set) var ebsOptimized: Bool
    /// Root volume, primary network interface and metadata options.
    public internal(set) var devices: InstanceDevices
    public internal(set) var tags: [(key: String, value: String)]
    public internal(set) var state: InstanceStateName
    public internal(set) var stateTransitionReason: String
    public internal(set) var stateReason: (code: String, message: String)?
    /// When the instance last entered `running`, for uptime.
    public internal(set) var runningSince: SimInstant?
    /// When its host began failing the system status check (DescribeInstanceStatus).
    public internal(set) var systemImpairedSince: SimInstant? = nil
    public internal(set) var workload: WorkloadProfile
    public internal(set) var metrics: InstanceMetrics
    /// The user data RunInstances or ModifyInstanceAttribute gave it (base64, as the API takes it).
    public internal(set) var userData: String? = nil

    /// The private address as displays print it: empty once it has been released.
    public var privateIPAddress: String { assignedPrivateIPAddress ?? "" }

    /// The value of the `Name` tag, which consoles show as the instance's name.
    public var name: String? { tags.first { $0.key == "Name" }?.value }

    public func tag(_ key: String) -> String? { tags.first { $0.key == key }?.value }
}

/// The private network of the default VPC: one /20 subnet per availability zone, as AWS lays it out.
public struct DefaultVPC: Sendable {
    public static let vpcID = "vpc-0a1b2c3d4e5f60718"
    /// The VPC's `default` security group, which instances launched without groups join.
    public static let defaultSecurityGroupID = "sg-0b1c2d3e4f5a60729"
    public static let zones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]

    /// `172.31.(16·k).0/20` for the k-th zone.
    public static func subnetBase(zone: String) -> UInt32? {
        guard let k = zones.firstIndex(of: zone) else { return nil }
        return (172 << 24) | (31 << 16) | UInt32(k * 16) << 8
    }

    public static func subnetID(zone: String) -> String {
        let k = zones.firstIndex(of: zone) ?? 0
        return "subnet-0\(String(k + 1, radix: 16))a2b3c4d5e6f7089"
    }

    public static func dotted(_ ip: UInt32) -> String {
        "\(ip >> 24).\((ip >> 16) & 0xFF).\((ip >> 8) & 0xFF).\(ip & 0xFF)"
    }
}

/// Public IPv4 addresses the default VPC maps to instances, handed out lowest-free first and
/// returned when an instance stops or terminates, so no two listed instances share one.
struct PublicAddressPool {
    /// 54.160.0.0/16, one of the blocks AWS assigns in us-east-1.
    private static let base: UInt32 = (54 << 24) | (160 << 16)
    private static let size: UInt32 = 1 << 16
    private var used: Set<UInt32> = []
    private var lowestFree: UInt32 = 1

    mutating func allocate() -> String? {
        var offset = lowestFree
        while offset < Self.size - 1 {
            if used.insert(offset).inserted {
                lowestFree = offset + 1
                return DefaultVPC.dotted(Self.base + offset)
            }
            offset += 1
        }
        return nil
    }

    mutating func release(_ address: String) {
        guard let ip = IPv4.parse(address), ip >= Self.base, ip < Self.base + Self.size else { return }
        used.remove(ip - Self.base)
        lowestFree = min(lowestFree, ip - Self.base)
    }

    /// `ec2-54-160-0-1.compute-1.amazonaws.com`, the us-east-1 form of a public DNS name.
    static func dnsName(_ address: String) -> String {
        "ec2-" + address.replacingOccurrences(of: ".", with: "-") + ".compute-1.amazonaws.com"
    }
}
