import Estate

/// What the Warehouse view shows of one cluster, taken from the estate when it changed, so that
/// drawing reads nothing from the estate.
public struct WarehouseSummary: Sendable {
    public var identifier: String
    public var nodeType: String
    public var numberOfNodes: Int
    public var status: String
    /// The cluster's database, which the Data API's calls name.
    public var database: String
    public var slices: [SliceSummary]
    /// The leader's address on a multi-node cluster (a single node leads itself).
    public var leader: String?
    public var tables: [TableSummary]
    /// Newest first.
    public var queries: [QuerySummary]
    public var runningCount: Int
    public var queuedCount: Int
    public var loaders: [LoaderSummary]
    /// Table → column names, user tables first then the system tables, for completion.
    public var catalog: [(table: String, columns: [String])]

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// One slice: where it is and what it holds.
public struct SliceSummary: Sendable, Equatable {
    public var slice: Int
    public var node: String
    public var address: String
    /// Rows of every table on this slice (an ALL table's copy counts on each node's first slice).
    public var rows: Int
    /// Estimated 1 MB blocks, as SVV_TABLE_INFO's size adds them up.
    public var blocksMB: Int
}

public struct TableSummary: Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var distStyle: String
    public var sortKey: String
    public var skew: Double?
    public var unsorted: Double?
    public var sizeMB: Int
    public var statsOff: Double
}

public struct QuerySummary: Sendable, Equatable {
    public var query: Int
    public var state: QueryRecord.State
    public var queue: String
    public var queuedMicroseconds: Int64
    public var runMicroseconds: Int64
    /// The statement on one line.
    public var text: String
    /// The Data API statement that sent it (the console's are), for `d` and `y`.
    public var statementID: String? = nil
}

public struct LoaderSummary: Sendable, Equatable {
    public var name: String
    public var stream: String
    public var table: String
    public var loaded: Int
    public var failed: Int
    public var running: Bool
}

extension WarehouseSummary {
    /// Queries the view keeps: the newest, as many as a tall screen shows.
    static let queryLimit = 60

    init(_ cluster: Cluster, loaders: [StreamLoader], now: SimInstant, statementID: (Int) -> String? = { _ in nil }) {
        identifier = cluster.identifier
        nodeType = cluster.nodeType.name
        numberOfNodes = cluster.numberOfNodes
        status = cluster.status.rawValue
        database = cluster.dbName
        let tables = cluster.tables
        let topology = cluster.topology
        var rowsPerSlice = Array(repeating: 0, count: topology.sliceCount)
        var blocksPerSlice = Array(repeating: 0, count: topology.sliceCount)
        for t in tables {
            // The same block arithmetic as WarehouseTable.sizeMB, slice by slice.
            let columns = t.definition.columns.count + 3
            let perValue = max(1, t.rowWidthBytes / max(t.definition.columns.count, 1))
            for (slice, rows) in t.rowsPerSlice.enumerated() where slice < rowsPerSlice.count && rows > 0 {
                rowsPerSlice[slice] += rows
                blocksPerSlice[slice] += columns * max(1, (rows * perValue + 1_048_575) / 1_048_576)
            }
        }
        var slices: [SliceSummary] = []
        leader = nil
        for node in cluster.nodes {
            if node.slices.isEmpty { leader = node.address; continue }
            for s in node.slices {
                slices.append(SliceSummary(slice: s, node: node.role, address: node.address, rows: rowsPerSlice[s], blocksMB: blocksPerSlice[s]))
            }
        }
        self.slices = slices
        self.tables = tables.map { t in
            TableSummary(name: t.name, rows: t.totalRows, distStyle: t.distStyleLabel,
                         sortKey: t.definition.sortKey.isEmpty ? "" : (t.definition.sortStyle == .interleaved ? "INTERLEAVED " : "") + t.definition.sortKey.joined(separator: ","),
                         skew: t.skewRows, unsorted: t.unsortedPercent, sizeMB: t.sizeMB, statsOff: t.statsOffPercent)
        }
        let records = cluster.wlm.records
        queries = records.suffix(Self.queryLimit).reversed().map { r in
            QuerySummary(query: r.query, state: r.state, queue: r.queueName, queuedMicroseconds: r.queueMicroseconds(now: now),
                         runMicroseconds: r.execMicroseconds(now: now), text: Self.oneLine(r.text), statementID: statementID(r.query))
        }
        runningCount = records.filter { $0.state == .running }.count
        queuedCount = records.filter { $0.state == .queued }.count
        self.loaders = loaders.filter { $0.clusterIdentifier == cluster.identifier }.map {
            LoaderSummary(name: $0.name, stream: $0.streamName, table: $0.table, loaded: $0.recordsLoaded, failed: $0.recordsFailed, running: $0.isRunning)
        }
        catalog = tables.map { ($0.name, $0.definition.columns.map(\.name)) } + WarehouseDatabase.systemTableColumns
    }

    /// Whitespace runs (newlines included) as one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Fullest slice ÷ emptiest, by storage: what the bars show.
    var storageSkew: Double? {
        guard let most = slices.map(\.blocksMB).max(), most > 0, let least = slices.map(\.blocksMB).min() else { return nil }
        return Double(most) / Double(max(least, 1))
    }
}
