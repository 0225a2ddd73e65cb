/// Proposes Redshift DDL for an existing SQLite schema, with the reason for every choice.
///
/// The rules follow AWS's table-design guidance:
/// - small dimension tables (referenced by a foreign key, at most `allRowLimit` rows) get
///   DISTSTYLE ALL, so every join to them is local;
/// - other tables are distributed on the foreign key that joins the most-referenced table (the
///   most-joined key); a referenced table that is too big for ALL is distributed on its own key,
///   so both sides of that join collocate;
/// - the sort key is the first timestamp or date column, else an indexed column (the ones queries
///   filter by range);
/// - encodings: AZ64 for numbers and times, ZSTD for text, RAW for the leading sort key column.
public struct SchemaAdvisor {
    public struct SourceColumn: Sendable {
        public var name: String
        public var declaredType: String
        public var isPrimaryKey: Bool
        public var notNull: Bool
        /// Longest text seen, for VARCHAR sizing.
        public var maxLength: Int
        public init(name: String, declaredType: String, isPrimaryKey: Bool, notNull: Bool, maxLength: Int) {
            self.name = name; self.declaredType = declaredType; self.isPrimaryKey = isPrimaryKey; self.notNull = notNull; self.maxLength = maxLength
        }
    }

    public struct SourceTable: Sendable {
        public var name: String
        public var columns: [SourceColumn]
        public var foreignKeys: [(column: String, table: String, referencedColumn: String)]
        public var indexedColumns: [String]
        public var rowCount: Int
        public init(name: String, columns: [SourceColumn], foreignKeys: [(column: String, table: String, referencedColumn: String)],
                    indexedColumns: [String], rowCount: Int) {
            self.name = name; self.columns = columns; self.foreignKeys = foreignKeys; self.indexedColumns = indexedColumns; self.rowCount = rowCount
        }
    }

    public struct Proposal: Sendable {
        public var table: String
        public var ddl: String
        public var reasons: [String]
        /// Column names in DDL order, for loading.
        public var columns: [String]
    }

    /// Dimension tables up to this many rows are copied to every node.
    public var allRowLimit = 10_000

    public init() {}

    public func propose(_ tables: [SourceTable]) -> [Proposal] {
        // How often each table is the target of a foreign key: the most-joined tables.
        var references: [String: Int] = [:]
        for t in tables { for fk in t.foreignKeys { references[fk.table, default: 0] += 1 } }
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        return tables.sorted { $0.name < $1.name }.map { t in
            var reasons: [String] = []
            var dist = ""
            let referenced = references[t.name, default: 0]
            let pk = t.columns.first { $0.isPrimaryKey }?.name
            if referenced > 0, t.rowCount <= allRowLimit {
                dist = "DISTSTYLE ALL"
                reasons.append("DISTSTYLE ALL: a dimension joined by \(referenced) foreign key\(referenced == 1 ? "" : "s") with only \(t.rowCount) rows; a copy on every node makes those joins local (DS_DIST_ALL_NONE).")
            } else if let fk = t.foreignKeys.filter({ (byName[$0.table]?.rowCount ?? 0) > allRowLimit })
                        .max(by: { (references[$0.table, default: 0], byName[$0.table]?.rowCount ?? 0) < (references[$1.table, default: 0], byName[$1.table]?.rowCount ?? 0) }) {
                // Keys to small dimensions do not count: those tables are ALL, so their joins are local anyway.
                dist = "DISTSTYLE KEY DISTKEY(\(fk.column))"
                reasons.append("DISTKEY(\(fk.column)): the most-joined foreign key to a large table (\(fk.table), referenced \(references[fk.table, default: 0]) time\(references[fk.table, default: 0] == 1 ? "" : "s")); rows meet their \(fk.table) rows on the same slice.")
            } else if referenced > 0, let pk {
                dist = "DISTSTYLE KEY DISTKEY(\(pk))"
                reasons.append("DISTKEY(\(pk)): joined by foreign keys but too large for ALL (\(t.rowCount) rows); distributing on the joined key collocates the joins.")
            } else {
                dist = "DISTSTYLE EVEN"
                reasons.append("DISTSTYLE EVEN: no foreign keys lead to or from it, so even placement avoids skew.")
            }
            let timeColumn = t.columns.first { Self.isTime($0) }
            let indexed = t.indexedColumns.first { c in t.columns.contains { $0.name == c } }
            var sort: String?
            if let timeColumn {
                sort = timeColumn.name
                reasons.append("SORTKEY(\(timeColumn.name)): a \(Self.redshiftType(timeColumn).lowercased()) column; range filters on time skip blocks through the zone maps.")
            } else if let indexed {
                sort = indexed
                reasons.append("SORTKEY(\(indexed)): indexed in SQLite, so queries filter on it; sorted blocks let range filters skip.")
            }
            var lines: [String] = []
            for c in t.columns {
                let type = Self.redshiftType(c)
                let encoding = c.name == sort ? "RAW" : Self.encoding(type)
                var line = "  \(WarehouseDatabase.quoted(c.name)) \(type)"
                if c.notNull || c.isPrimaryKey { line += " NOT NULL" }
                line += " ENCODE \(encoding)"
                lines.append(line)
            }
            if let pk { lines.append("  PRIMARY KEY (\(WarehouseDatabase.quoted(pk)))") }
            reasons.append("ENCODE: AZ64 for numbers and times, ZSTD for text\(sort.map { ", RAW for the sort key \($0)" } ?? "").")
            let ddl = "CREATE TABLE \(WarehouseDatabase.quoted(t.name)) (\n\(lines.joined(separator: ",\n"))\n) \(dist)\(sort.map { " SORTKEY(\(WarehouseDatabase.quoted($0)))" } ?? "");"
            return Proposal(table: t.name, ddl: ddl, reasons: reasons, columns: t.columns.map(\.name))
        }
    }

    static func isTime(_ c: SourceColumn) -> Bool {
        let t = c.declaredType.uppercased()
        return t.contains("DATE") || t.contains("TIME")
    }

    /// SQLite's declared type (by affinity rules) as a Redshift type.
    static func redshiftType(_ c: SourceColumn) -> String {
        let t = c.declaredType.uppercased()
        if t.contains("TIMESTAMP") || t.contains("DATETIME") { return "TIMESTAMP" }
        if t.contains("DATE") { return "DATE" }
        if t.contains("BOOL") { return "BOOLEAN" }
        if t.contains("INT") { return "BIGINT" }
        if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") || t.isEmpty {
            // Room to grow: the longest value seen, doubled, at least 16, at most Redshift's 65535.
            return "VARCHAR(\(min(65535, max(16, c.maxLength * 2))))"
        }
        if t.contains("BLOB") { return "VARBYTE" }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return "DOUBLE PRECISION" }
        if t.contains("DEC") || t.contains("NUM") { return "DECIMAL(18,4)" }
        return "VARCHAR(\(min(65535, max(16, c.maxLength * 2))))"
    }

    static func encoding(_ redshiftType: String) -> String {
        if redshiftType.hasPrefix("VARCHAR") { return "ZSTD" }
        if redshiftType == "BOOLEAN" || redshiftType == "DOUBLE PRECISION" || redshiftType == "VARBYTE" { return "RAW" }
        return "AZ64"
    }
}
