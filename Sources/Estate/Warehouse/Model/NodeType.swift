/// A Redshift node type and how many slices each of its compute nodes has (AWS's Redshift documentation).
public struct NodeType: Equatable, Sendable {
    public let name: String
    public let slicesPerNode: Int
    /// Rows one slice scans per second in the cost model; bigger nodes have faster slices.
    public let scanRowsPerSecondPerSlice: Double
    public let storagePerNodeGiB: Int

    /// The node types the simulator knows, in AWS's documented slice counts.
    public static let catalog: [NodeType] = [
        NodeType(name: "dc2.large", slicesPerNode: 2, scanRowsPerSecondPerSlice: 4_000_000, storagePerNodeGiB: 160),
        NodeType(name: "dc2.8xlarge", slicesPerNode: 16, scanRowsPerSecondPerSlice: 6_000_000, storagePerNodeGiB: 2_560),
        NodeType(name: "ra3.xlplus", slicesPerNode: 2, scanRowsPerSecondPerSlice: 5_000_000, storagePerNodeGiB: 32_768),
        NodeType(name: "ra3.4xlarge", slicesPerNode: 4, scanRowsPerSecondPerSlice: 6_000_000, storagePerNodeGiB: 131_072),
        NodeType(name: "ra3.16xlarge", slicesPerNode: 16, scanRowsPerSecondPerSlice: 6_000_000, storagePerNodeGiB: 131_072),
    ]

    public static func named(_ name: String) -> NodeType? { catalog.first { $0.name == name } }
}

/// Which nodes and slices a cluster has: slice `s` lives on node `s / slicesPerNode`.
public struct SliceTopology: Equatable, Sendable {
    public let computeNodes: Int
    public let slicesPerNode: Int

    public init(computeNodes: Int, slicesPerNode: Int) {
        self.computeNodes = computeNodes
        self.slicesPerNode = slicesPerNode
    }

    public var sliceCount: Int { computeNodes * slicesPerNode }
    public func node(ofSlice slice: Int) -> Int { slice / slicesPerNode }
    public func localSlice(_ slice: Int) -> Int { slice % slicesPerNode }
}
