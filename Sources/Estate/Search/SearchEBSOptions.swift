/// A domain's `EBSOptions`: the EBS volume each data node stores its indices on.
///
/// CreateDomain and UpdateDomainConfig take it in the API's shape; a change is applied as a
/// blue/green deployment like a cluster change (the domain keeps serving while `Processing`).
/// The estate keeps indices in SQLite whatever the volume, so the options are configuration
/// that describe-domain and the dump report, checked as AWS checks them.
public struct SearchEBSOptions: Equatable, Sendable {
    public var enabled: Bool
    public var volumeType: String?
    public var volumeSize: Int?
    public var iops: Int?
    public var throughput: Int?

    static let shape: ParameterShape = .structure([("EBSEnabled", .boolean), ("VolumeType", .string), ("VolumeSize", .integer),
                                                   ("Iops", .integer), ("Throughput", .integer)])
    static let volumeTypes = ["standard", "gp2", "gp3", "io1"]

    /// The options a request names, over `current` for what it leaves out; every value is checked.
    static func parse(_ p: Parameters, over current: SearchEBSOptions?) throws(AWSError) -> SearchEBSOptions {
        var options = current ?? SearchEBSOptions(enabled: false)
        if let enabled = try p.bool("EBSEnabled") { options.enabled = enabled }
        if let type = try p.string("VolumeType") {
            guard volumeTypes.contains(type) else {
                throw .validation("1 validation error detected: Value '\(type)' at 'eBSOptions.volumeType' failed to satisfy constraint: Member must satisfy enum value set: [\(volumeTypes.joined(separator: ", "))]")
            }
            options.volumeType = type
        }
        if let size = try p.int("VolumeSize") { options.volumeSize = size }
        if let iops = try p.int("Iops") { options.iops = iops }
        if let throughput = try p.int("Throughput") { options.throughput = throughput }
        if options.enabled {
            // OpenSearch Service's smallest EBS volume per data node is 10 GiB.
            guard let size = options.volumeSize, size >= 10 else {
                throw .validation("Invalid EBS volume size: \(options.volumeSize.map(String.init) ?? "none"). The minimum is 10 GiB per data node when EBSEnabled is true.")
            }
            if options.volumeType == nil { options.volumeType = "gp3" }
        }
        return options
    }

    /// `EBSOptions` as describe-domain shows it.
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("EBSEnabled", .bool(enabled))]
        if let volumeType { pairs.append(("VolumeType", .string(volumeType))) }
        if let volumeSize { pairs.append(("VolumeSize", .int(Int64(volumeSize)))) }
        if let iops { pairs.append(("Iops", .int(Int64(iops)))) }
        if let throughput { pairs.append(("Throughput", .int(Int64(throughput)))) }
        return .object(pairs)
    }
}
