/// What moto's data says about a type beyond its size, for `describe-instance-types`: hypervisor,
/// how it may be bought and booted, and its processor. Types only botocore knows have none (their
/// sizes are estimated from the name; these facts cannot be), and their answers leave them out.
public struct InstanceTypeDetails: Sendable, Hashable {
    /// `nitro` or `xen`; nil where AWS reports none (bare metal).
    public let hypervisor: String?
    public let usageClasses: [String]
    public let rootDeviceTypes: [String]
    public let virtualizationTypes: [String]
    public let instanceStorageSupported: Bool
    public let burstablePerformanceSupported: Bool
    public let hibernationSupported: Bool
    public let freeTierEligible: Bool
    /// `Intel`, `AMD`, `AWS`, `Apple`; nil where unknown.
    public let manufacturer: String?
    public let sustainedClockSpeedGHz: Double?

    /// The catalog line's fields 11 to 20 (see `InstanceTypeCatalogData`).
    init?(fields: ArraySlice<Substring>) {
        guard fields.count == 10 else { return nil }
        let f = Array(fields)
        let list = { (s: Substring) in s.split(separator: ",").map(String.init) }
        hypervisor = f[0].isEmpty ? nil : String(f[0])
        usageClasses = list(f[1])
        rootDeviceTypes = list(f[2])
        virtualizationTypes = list(f[3])
        instanceStorageSupported = f[4] == "1"
        burstablePerformanceSupported = f[5] == "1"
        hibernationSupported = f[6] == "1"
        freeTierEligible = f[7] == "1"
        manufacturer = f[8].isEmpty ? nil : String(f[8])
        if f[9].isEmpty {
            sustainedClockSpeedGHz = nil
        } else {
            guard let clock = Double(f[9]) else { return nil }
            sustainedClockSpeedGHz = clock
        }
    }
}
