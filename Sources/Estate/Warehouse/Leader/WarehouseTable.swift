/// A table as the warehouse tracks it: its definition plus where its rows live and how sorted
/// and analysed they are — what SVV_TABLE_INFO reports and the cost model reads.
public struct WarehouseTable: Sendable {
    public var definition: TableDefinition
    public var tableID: Int
    /// Rows on each slice (for ALL: the copy on each node's first slice).
    public var rowsPerSlice: [Int]
    public var totalRows: Int
    /// Rows in the sorted region; rows added to a non-empty table land unsorted until VACUUM.
    public var sortedRows: Int
    public var rowsAtLastAnalyze: Int
    public var rowsChangedSinceAnalyze: Int
    /// The next value of each IDENTITY column.
    public var nextIdentity: [String: Int64]
    /// The style in force: AUTO resolves to ALL, EVEN or KEY.
    public var effectiveStyle: DistributionStyle

    /// Rows below which an AUTO table stays ALL. AWS does not publish its threshold; this one is
    /// documented in Sources/Estate/Warehouse/README.md and small enough for the default estate's dimensions.
    public static let autoAllRowLimit = 2_000

    public var name: String { definition.name }

    /// `EVEN`, `KEY(c)`, `ALL`, `AUTO(ALL)`, `AUTO(EVEN)`, `AUTO(KEY(c))`, as SVV_TABLE_INFO prints it.
    public var distStyleLabel: String {
        let effective: String
        switch effectiveStyle {
        case .even: effective = "EVEN"
        case .all: effective = "ALL"
        case let .key(c): effective = "KEY(\(c))"
        case .auto: effective = "ALL"
        }
        if case .auto = definition.distStyle { return "AUTO(\(effective))" }
        return effective
    }

    /// The DISTKEY in force, if rows are placed by key.
    public var distKey: String? {
        if case let .key(c) = effectiveStyle { return c }
        return nil
    }

    public var isAll: Bool { effectiveStyle == .all }

    /// Fullest slice ÷ emptiest slice among the slices that hold the table; an empty slice counts
    /// as one row so the ratio stays finite. Nil for an empty table.
    public var skewRows: Double? {
        let counts = isAll ? rowsPerSlice.filter { $0 > 0 } : rowsPerSlice
        guard let most = counts.max(), most > 0, let least = counts.min() else { return nil }
        return (Double(most) / Double(max(least, 1)) * 100).rounded() / 100
    }

    /// Percent of rows outside the sorted region; nil without a sort key (as Redshift reports).
    public var unsortedPercent: Double? {
        guard !definition.sortKey.isEmpty else { return nil }
        guard totalRows > 0 else { return 0 }
        return (Double(totalRows - sortedRows) / Double(totalRows) * 10000).rounded() / 100
    }

    /// How stale the planner's statistics are, in percent (0 right after ANALYZE).
    public var statsOffPercent: Double {
        if totalRows == 0 && rowsAtLastAnalyze == 0 { return 0 }
        let base = Double(max(rowsAtLastAnalyze, 1))
        return min(100, (Double(rowsChangedSinceAnalyze) / base * 10000).rounded() / 100)
    }

    /// Estimated bytes of one row on disk, before compression.
    public var rowWidthBytes: Int {
        definition.columns.reduce(0) { $0 + Self.valueWidthBytes($1.type) }
    }

    /// Estimated bytes of one value of a type (text: its declared length, at most 32).
    static func valueWidthBytes(_ type: RedshiftType) -> Int {
        switch type.family {
        case .integer: return type.name == "bigint" ? 8 : 4
        case .decimal, .float, .timestamp, .time: return 8
        case .date: return 4
        case .boolean: return 1
        case .text, .super_, .binary:
            let declared = Int(type.name.split(separator: "(").last?.dropLast() ?? "") ?? 256
            return min(declared, 32)
        }
    }

    /// Size in 1 MB blocks: every column (plus three hidden ones) takes at least one block on
    /// each slice that holds rows, which is why small tables on big clusters look large.
    public var sizeMB: Int {
        let columns = definition.columns.count + 3
        let perValue = max(1, rowWidthBytes / max(definition.columns.count, 1))
        var blocks = 0
        for rows in rowsPerSlice where rows > 0 {
            let bytes = rows * perValue
            blocks += columns * max(1, (bytes + 1_048_575) / 1_048_576)
        }
        return blocks
    }

    /// Rows the busiest slice holds: a scan is as slow as its slowest slice.
    public var maxSliceRows: Int { rowsPerSlice.max() ?? 0 }
}
