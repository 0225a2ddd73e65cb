/// The dashboard's views, numbered as their keys.
public enum ViewID: Int, CaseIterable, Sendable {
    case overview = 1, ec2, streams, warehouse, edge, events

    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .ec2: return "EC2"
        case .streams: return "Streams"
        case .warehouse: return "Warehouse"
        case .edge: return "Edge"
        case .events: return "Events"
        }
    }

    /// Names accepted by `--screen`.
    public static func named(_ name: String) -> ViewID? {
        allCases.first { $0.title.lowercased() == name.lowercased() }
    }
}
