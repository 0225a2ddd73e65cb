// Temporary stand-in until the generated catalog lands; deleted at merge.
public struct InstanceTypeSpecStubName: Sendable { public let name: String }
public struct InstanceTypeSpec: Sendable {
    public let name: InstanceTypeSpecStubName
    public let vCPUs: Int
    public let memoryMiB: Int
    public let architectures: [String]
    public let networkPerformance: String
    public let bareMetal: Bool
    public let currentGeneration: Bool
    public let isEstimated: Bool
    public let hourlyPriceUSD: Double
}
public struct InstanceTypeLookupError: Error, Sendable { public let message: String; public let suggestion: String? }
public enum InstanceTypeCatalog {
    public static func lookup(_ name: String) -> Result<InstanceTypeSpec, InstanceTypeLookupError> {
        if name.hasSuffix(".large") || name.hasSuffix(".micro") || name.hasSuffix("xlarge") {
            return .success(InstanceTypeSpec(name: .init(name: name), vCPUs: 2, memoryMiB: 3840, architectures: ["x86_64"], networkPerformance: "Moderate", bareMetal: false, currentGeneration: true, isEstimated: false, hourlyPriceUSD: 0.1))
        }
        return .failure(.init(message: "Invalid instance type '\(name)'.", suggestion: nil))
    }
}
extension InstanceTypeSpec { public var instanceTypeInfo: JSONValue { ["InstanceType": .string(name.name)] } }
