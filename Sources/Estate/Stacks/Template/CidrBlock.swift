/// IPv4 arithmetic for `Fn::Cidr`: consecutive subnets carved from the start of a block.
enum CidrBlock {
    static func subnets(of block: String, count: Int, hostBits: Int) -> [String]? {
        let halves = block.split(separator: "/")
        guard halves.count == 2, let prefix = Int(halves[1]), (0...32).contains(prefix),
              let base = address(String(halves[0])), (1...256).contains(count), hostBits >= 0 else { return nil }
        let subnetPrefix = 32 - hostBits
        guard subnetPrefix >= prefix, subnetPrefix <= 32 else { return nil }
        let available = UInt64(1) << UInt64(subnetPrefix - prefix)
        guard UInt64(count) <= available else { return nil }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        let start = UInt64(base & mask)
        let size = UInt64(1) << UInt64(hostBits)
        return (0..<count).map { i in text(UInt32(start + UInt64(i) * size)) + "/\(subnetPrefix)" }
    }

    static func address(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let octet = UInt32(part), octet < 256 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func text(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
