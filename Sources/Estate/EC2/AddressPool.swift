/// Private IPv4 addresses of the default VPC's subnets, handed out lowest-free first.
///
/// AWS reserves the first four addresses and the last one of every subnet; an address is
/// released when its instance terminates, as in AWS.
struct AddressPool {
    private static let subnetSize: UInt32 = 4096
    private var used: [String: Set<UInt32>] = [:]
    /// No address below this offset is free, so scans start here rather than at the bottom.
    private var lowestFree: [String: UInt32] = [:]

    /// The next free address in the zone's subnet, or nil when the subnet is full.
    mutating func allocate(zone: String) -> UInt32? {
        guard let base = DefaultVPC.subnetBase(zone: zone) else { return nil }
        var taken = used[zone, default: []]
        defer { used[zone] = taken }
        var offset = lowestFree[zone, default: 4]
        while offset < Self.subnetSize - 1 {
            if !taken.contains(offset) {
                taken.insert(offset)
                lowestFree[zone] = offset + 1
                return base + offset
            }
            offset += 1
        }
        return nil
    }

    mutating func release(_ address: UInt32, zone: String) {
        guard let base = DefaultVPC.subnetBase(zone: zone) else { return }
        used[zone]?.remove(address - base)
        lowestFree[zone] = min(lowestFree[zone, default: 4], address - base)
    }

    func freeCount(zone: String) -> Int {
        Int(Self.subnetSize) - 5 - (used[zone]?.count ?? 0)
    }
}
