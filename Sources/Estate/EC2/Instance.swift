/// One simulated EC2 instance.
public struct Instance: Sendable {
    public let instanceID: String
    public let reservationID: String
    public let amiLaunchIndex: Int
    public let imageID: String
    public let instanceType: String
    public let vCPUs: Int
    public let memoryMiB: Int
    public let architecture: String
    public let hourlyPriceUSD: Double
    public let availabilityZone: String
    public let subnetID: String
    public let privateIPAddress: String
    public let launchTime: SimInstant
    public internal(set) var tags: [(key: String, value: String)]
    public internal(set) var state: InstanceStateName
    public internal(set) var stateTransitionReason: String
    public internal(set) var stateReason: (code: String, message: String)?
    /// When the instance last entered `running`, for uptime.
    public internal(set) var runningSince: SimInstant?
    public internal(set) var workload: WorkloadProfile
    public internal(set) var metrics: InstanceMetrics

    /// The value of the `Name` tag, which consoles show as the instance's name.
    public var name: String? { tags.first { $0.key == "Name" }?.value }

    public func tag(_ key: String) -> String? { tags.first { $0.key == key }?.value }
}

/// The private network of the default VPC: one /20 subnet per availability zone, as AWS lays it out.
public struct DefaultVPC: Sendable {
    public static let vpcID = "vpc-0a1b2c3d4e5f60718"
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
