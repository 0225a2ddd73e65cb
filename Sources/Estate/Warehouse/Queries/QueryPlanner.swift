import Foundation
import GRDB

/// Plans a statement the way Redshift's leader would describe it: scans, joins with their data
/// movement, aggregation, sort — and prices it with the cost model.
///
/// Cost model (virtual time, documented in Sources/Estate/Warehouse/README.md):
/// - a scan costs the rows of the *fullest* slice ÷ the node type's per-slice scan rate, so skew
///   hurts: the query waits for its slowest slice;
/// - on a sorted table, a range filter on the first sort-key column skips the sorted region's
///   blocks outside the range (zone maps): scanned = unsorted rows + sorted rows × selectivity,
///   with the selectivity measured on the data;
/// - a join moves rows by its label: DS_DIST_INNER/OUTER send one side over the network,
///   DS_DIST_BOTH both, DS_BCAST_INNER the inner side to every node, at `networkRowsPerSecond`
///   per node; DS_DIST_NONE and DS_DIST_ALL_NONE move nothing;
/// - a fixed leader cost for parse, plan and compile; catalog-only queries pay only that.
struct QueryPlanner {
    let database: WarehouseDatabase
    var scanRowsPerSecondPerSlice: Double = 5_000_000
    /// Redshift stores each column in 1 MB blocks; zone maps keep each block's min and max.
    var blockBytes = 1_048_576
    static let networkRowsPerSecondPerNode: Double = 1_000_000
    static let leaderMicroseconds: Int64 = 3_000

    struct Plan {
        var lines: [String]
        var steps: [QueryStep]
        var durationMicroseconds: Int64
        var joinLabels: [String]
    }

    /// A table in the FROM clause.
    struct Source {
        var name: String
        var alias: String
        var table: WarehouseTable?
        var external: ExternalTable?
    }

    struct Equality { var left: (String?, String); var right: (String?, String) }

    static let clauseEnds: Set<String> = ["WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "INTERSECT", "EXCEPT", "QUALIFY", "OFFSET", "WINDOW"]

    func plan(_ tokens: [SQLToken]) throws(SQLError) -> Plan {
        let first = tokens.first
        guard let first, ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "("].contains(first.keyword) || first.isSymbol("(") else {
            throw SQLError(SQLError.syntax, "EXPLAIN needs a SELECT, INSERT, UPDATE or DELETE", position: first.map { $0.offset + 1 })
        }
        // The main query block: the first SELECT at depth 0 (after any WITH list).
        var depth = 0
        var selectIndex: Int?
        for (k, t) in tokens.enumerated() {
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            else if depth == 0, t.isKeyword("SELECT") { selectIndex = k; break }
        }
        let body = Array(tokens[(selectIndex ?? 0)...])
        let (sources, equalities, whereTokens) = parseFrom(body)
        var steps: [QueryStep] = []
        var total = Self.leaderMicroseconds
        var labels: [String] = []
        let nodes = database.topology.computeNodes
        let rate = scanRowsPerSecondPerSlice

        // Scans.
        var scanLines: [[String]] = []
        var scanRows: [Int] = []
        for (k, s) in sources.enumerated() {
            if let ext = s.external {
                let bytes = (try? database.objectStore?.objects(bucket: S3Location(ext.location)?.bucket ?? "", prefix: S3Location(ext.location)?.prefix ?? ""))??.reduce(0) { $0 + $1.body.count } ?? 0
                scanLines.append(["XN S3 Query Scan \(s.alias)  (cost=0.00..\(cost(bytes)) rows=\(bytes / 64) width=\(ext.columns.count * 8))",
                                  "  ->  S3 Seq Scan \(ext.schema).\(ext.name) location:\"\(ext.location)\" format:TEXT  (cost=0.00..\(cost(bytes)) rows=\(bytes / 64) width=\(ext.columns.count * 8))"])
                scanRows.append(bytes / 64)
                total += Int64(Double(bytes) / 100_000_000 * 1_000_000) + 50_000
                steps.append(QueryStep(stream: 0, segment: k, step: 0, label: "scan   tbl=\(ext.schema).\(ext.name) (s3)", rows: bytes / 64, bytes: bytes,
                                       maxTimeMicroseconds: 50_000, avgTimeMicroseconds: 50_000))
                continue
            }
            guard let t = s.table else {
                scanLines.append(["XN Subquery Scan \(s.alias)  (cost=0.00..0.01 rows=1 width=8)"])
                scanRows.append(1)
                continue
            }
            let fraction = scannedFraction(t, alias: s.alias, whereTokens: whereTokens, sources: sources)
            let sliceRows = Int((Double(t.maxSliceRows) * fraction).rounded(.up))
            let micro = Int64(Double(sliceRows) / rate * 1_000_000)
            let avgSlice = Double(t.isAll ? t.totalRows : t.totalRows / max(database.topology.sliceCount, 1)) * fraction
            total += micro
            let rows = Int(Double(t.totalRows) * fraction)
            scanRows.append(t.totalRows)
            steps.append(QueryStep(stream: 0, segment: k, step: 0, label: "scan   tbl=\(t.tableID) name=\(t.name)", rows: rows,
                                   bytes: rows * t.rowWidthBytes, maxTimeMicroseconds: micro, avgTimeMicroseconds: Int64(avgSlice / rate * 1_000_000)))
            var line = "XN Seq Scan on \(t.name)\(s.alias != t.name ? " \(s.alias)" : "")  (cost=0.00..\(cost(t.totalRows)) rows=\(t.totalRows) width=\(t.rowWidthBytes))"
            if fraction < 1 { line += "" }
            var lines = [line]
            if !whereTokens.isEmpty, whereTokens.contains(where: { tok in t.definition.column(tok.identifierName ?? "") != nil }) {
                lines.append("  Filter: (\(whereTokens.map(\.text).joined(separator: " ")))")
            }
            scanLines.append(lines)
        }

        // Joins, left-deep in FROM order.
        var tree: [String] = scanLines.first ?? ["XN Result  (cost=0.00..0.01 rows=1 width=0)"]
        var outerRows = scanRows.first ?? 1
        var outerKey: (table: String, column: String)? = sources.first.flatMap { s in s.table?.distKey.map { (s.alias, $0) } }
        var outerIsAll = sources.first?.table?.isAll ?? false
        for k in sources.indices.dropFirst() {
            let inner = sources[k]
            let innerRows = scanRows[k]
            let link = equalities.lazy.compactMap { e -> (outer: (String, String), inner: String)? in
                let l = resolve(e.left, sources), r = resolve(e.right, sources)
                guard let l, let r else { return nil }
                if r.0 == inner.alias, sources[..<k].contains(where: { $0.alias == l.0 }) { return (l, r.1) }
                if l.0 == inner.alias, sources[..<k].contains(where: { $0.alias == r.0 }) { return (r, l.1) }
                return nil
            }.first
            let label: String
            var movedRows = 0
            if inner.external != nil {
                label = "DS_BCAST_INNER"; movedRows = innerRows * nodes
            } else if link == nil {
                label = "DS_BCAST_INNER"; movedRows = innerRows * nodes
            } else if inner.table?.isAll == true {
                label = "DS_DIST_ALL_NONE"
            } else if outerIsAll {
                label = "DS_DIST_ALL_INNER"; movedRows = innerRows
            } else {
                let outerKeyed = outerKey.map { $0.table == link!.outer.0 && $0.column == link!.outer.1 } ?? false
                let innerKeyed = inner.table?.distKey == link!.inner
                switch (outerKeyed, innerKeyed) {
                case (true, true): label = "DS_DIST_NONE"
                case (true, false): label = "DS_DIST_INNER"; movedRows = innerRows
                case (false, true): label = "DS_DIST_OUTER"; movedRows = outerRows
                case (false, false):
                    if innerRows * nodes <= outerRows { label = "DS_BCAST_INNER"; movedRows = innerRows * nodes }
                    else { label = "DS_DIST_BOTH"; movedRows = innerRows + outerRows }
                }
            }
            labels.append(label)
            let moveMicro = Int64(Double(movedRows) / (Self.networkRowsPerSecondPerNode * Double(nodes)) * 1_000_000)
            let hashMicro = Int64(Double(innerRows) / Double(max(database.topology.sliceCount, 1)) / rate * 1_000_000)
            total += moveMicro + hashMicro
            if movedRows > 0 {
                steps.append(QueryStep(stream: k, segment: 0, step: 0, label: label.contains("BCAST") ? "bcast" : "dist", rows: movedRows,
                                       bytes: movedRows * 16, maxTimeMicroseconds: moveMicro, avgTimeMicroseconds: moveMicro))
            }
            steps.append(QueryStep(stream: k, segment: 1, step: 0, label: "hjoin  tbl=\(inner.table?.tableID ?? 0)", rows: max(outerRows, innerRows),
                                   bytes: max(outerRows, innerRows) * 16, maxTimeMicroseconds: hashMicro, avgTimeMicroseconds: hashMicro))
            let condition = link.map { "(\"outer\".\($0.outer.1) = \"inner\".\($0.inner))" }
            let joinRows = max(outerRows, innerRows)
            var joined = ["XN Hash Join \(label)  (cost=\(cost(innerRows)).00..\(cost(joinRows + innerRows)) rows=\(joinRows) width=16)"]
            if let condition { joined.append("  Hash Cond: \(condition)") }
            joined += indent(tree)
            joined += indent(["XN Hash  (cost=0.00..\(cost(innerRows)) rows=\(innerRows) width=8)"] + indent(scanLines[k]))
            tree = joined
            // Where the joined rows now live.
            switch label {
            case "DS_DIST_OUTER", "DS_DIST_BOTH", "DS_DIST_ALL_INNER": outerKey = link.map { (inner.alias, $0.inner) }; outerIsAll = false
            default: break
            }
            outerRows = joinRows
        }

        let upper = tokens.map(\.keyword)
        let hasAggregate = upper.contains("GROUP") || tokens.enumerated().contains { k, t in
            ["COUNT", "SUM", "AVG", "MIN", "MAX", "MEDIAN", "LISTAGG"].contains(t.keyword) && k + 1 < tokens.count && tokens[k + 1].isSymbol("(")
        }
        if hasAggregate {
            tree = ["XN HashAggregate  (cost=\(cost(outerRows))..\(cost(outerRows + 1)) rows=\(outerRows) width=16)"] + indent(tree)
            let micro = Int64(Double(outerRows) / Double(max(database.topology.sliceCount, 1)) / rate * 1_000_000)
            total += micro
            steps.append(QueryStep(stream: sources.count, segment: 0, step: 0, label: "aggr", rows: outerRows, bytes: outerRows * 16,
                                   maxTimeMicroseconds: micro, avgTimeMicroseconds: micro))
        }
        if upper.contains("ORDER") {
            tree = ["XN Merge  (cost=1000000000000.00..1000000000000.01 rows=\(outerRows) width=16)", "  Merge Key: sort key"]
                + indent(["XN Network  (cost=1000000000000.00..1000000000000.01 rows=\(outerRows) width=16)", "  Send to leader"]
                    + indent(["XN Sort  (cost=1000000000000.00..1000000000000.01 rows=\(outerRows) width=16)"] + indent(tree)))
        }
        if upper.contains("LIMIT") {
            tree = ["XN Limit  (cost=0.00..\(cost(outerRows)) rows=\(outerRows) width=16)"] + indent(tree)
        }
        steps.append(QueryStep(stream: sources.count + 1, segment: 0, step: 0, label: "return", rows: outerRows, bytes: outerRows * 16,
                               maxTimeMicroseconds: 100, avgTimeMicroseconds: 100))
        return Plan(lines: tree, steps: steps, durationMicroseconds: total, joinLabels: labels)
    }

    func cost(_ rows: Int) -> String { String(format: "%.2f", Double(rows) * 0.01) }

    func indent(_ lines: [String]) -> [String] {
        guard let first = lines.first else { return [] }
        return ["  ->  " + first] + lines.dropFirst().map { "      " + $0 }
    }

    func resolve(_ ref: (String?, String), _ sources: [Source]) -> (String, String)? {
        if let q = ref.0 { return sources.contains { $0.alias == q } ? (q, ref.1) : nil }
        if let s = sources.first(where: { $0.table?.definition.column(ref.1) != nil || $0.external?.columns.contains { $0.name == ref.1 } == true }) {
            return (s.alias, ref.1)
        }
        return nil
    }

    /// The part of a table's blocks a scan must read, after zone maps skip what a range filter on
    /// the first sort-key column rules out.
    func scannedFraction(_ t: WarehouseTable, alias: String, whereTokens: [SQLToken], sources: [Source]) -> Double {
        guard let sortColumn = t.definition.sortKey.first, t.totalRows > 0, !whereTokens.isEmpty else { return 1 }
        var predicates: [String] = []
        var k = 0
        while k < whereTokens.count {
            var j = k
            var qualifier: String?
            if j + 2 < whereTokens.count, whereTokens[j + 1].isSymbol(".") { qualifier = whereTokens[j].identifierName; j += 2 }
            if whereTokens[j].identifierName == sortColumn, qualifier == nil || qualifier == alias {
                let ops = ["<", "<=", ">", ">=", "="]
                if j + 2 < whereTokens.count, ops.contains(whereTokens[j + 1].text),
                   [.string, .number].contains(whereTokens[j + 2].kind) {
                    predicates.append("\(WarehouseDatabase.quoted(sortColumn)) \(whereTokens[j + 1].text) \(whereTokens[j + 2].text)")
                    k = j + 3; continue
                }
                if j + 4 < whereTokens.count, whereTokens[j + 1].isKeyword("BETWEEN"), [.string, .number].contains(whereTokens[j + 2].kind),
                   whereTokens[j + 3].isKeyword("AND"), [.string, .number].contains(whereTokens[j + 4].kind) {
                    predicates.append("\(WarehouseDatabase.quoted(sortColumn)) BETWEEN \(whereTokens[j + 2].text) AND \(whereTokens[j + 4].text)")
                    k = j + 5; continue
                }
            }
            k += 1
        }
        guard !predicates.isEmpty,
              let matching = (try? database.internalRows("SELECT count(*) FROM \(WarehouseDatabase.quoted(t.name)) WHERE \(predicates.joined(separator: " AND "))"))?.first.flatMap({ Int.fromDatabaseValue($0[0]) })
        else { return 1 }
        let selectivity = Double(matching) / Double(t.totalRows)
        let valueBytes = max(1, t.definition.column(sortColumn).map { WarehouseTable.valueWidthBytes($0.type) } ?? 8)
        let rowsPerBlock = max(1.0, Double(blockBytes / valueBytes))
        let sliceRows = Double(t.maxSliceRows)
        let sortedShare = Double(t.sortedRows) / Double(t.totalRows)
        let totalBlocks = max(1, (sliceRows / rowsPerBlock).rounded(.up))
        let unsortedBlocks = (sliceRows * (1 - sortedShare) / rowsPerBlock).rounded(.up)
        // The sorted region reads only the blocks whose min/max overlap the range (at least one).
        let sortedBlocks = max(sortedShare > 0 ? 1 : 0, (sliceRows * sortedShare * selectivity / rowsPerBlock).rounded(.up))
        return min(1, (unsortedBlocks + sortedBlocks) / totalBlocks)
    }

    /// The FROM clause's sources, the equalities of ON and WHERE, and the WHERE tokens.
    func parseFrom(_ body: [SQLToken]) -> ([Source], [Equality], [SQLToken]) {
        var depth = 0
        var fromIndex: Int?
        for (k, t) in body.enumerated() {
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            else if depth == 0, t.isKeyword("FROM") { fromIndex = k; break }
        }
        guard let fromIndex else { return ([], [], []) }
        var end = body.count
        var whereRange: Range<Int>?
        depth = 0
        for k in (fromIndex + 1)..<body.count {
            let t = body[k]
            if t.isSymbol("(") { depth += 1 } else if t.isSymbol(")") { depth -= 1 }
            else if depth == 0, Self.clauseEnds.contains(t.keyword) {
                if end == body.count { end = k }
                if t.isKeyword("WHERE") {
                    var e = k + 1
                    var d = 0
                    while e < body.count {
                        if body[e].isSymbol("(") { d += 1 } else if body[e].isSymbol(")") { d -= 1 }
                        else if d == 0, Self.clauseEnds.contains(body[e].keyword) { break }
                        e += 1
                    }
                    whereRange = (k + 1)..<e
                    break
                }
            }
        }
        var sources: [Source] = []
        var conditions: [SQLToken] = []
        var k = fromIndex + 1
        let joinWords: Set<String> = ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "NATURAL"]
        while k < end {
            let t = body[k]
            if t.isSymbol(",") || joinWords.contains(t.keyword) { k += 1; continue }
            if t.isKeyword("ON") {
                var e = k + 1
                var d = 0
                while e < end {
                    if body[e].isSymbol("(") { d += 1 } else if body[e].isSymbol(")") { d -= 1 }
                    else if d == 0, body[e].isSymbol(",") || joinWords.contains(body[e].keyword) { break }
                    e += 1
                }
                conditions += body[(k + 1)..<e] + [.word("AND")]
                k = e; continue
            }
            var name: String
            var schema: String?
            if t.isSymbol("(") {
                k = DialectRewriter.matchingParen(body, k) + 1
                name = "subquery"
            } else {
                name = t.identifierName ?? t.text
                k += 1
                if k + 1 < end, body[k].isSymbol(".") {
                    schema = name
                    name = body[k + 1].identifierName ?? body[k + 1].text
                    k += 2
                }
            }
            if k < end, body[k].isKeyword("AS") { k += 1 }
            var alias = name
            if k < end, body[k].kind == .word || body[k].kind == .quotedIdentifier, !joinWords.contains(body[k].keyword), !body[k].isKeyword("ON") {
                alias = body[k].identifierName ?? name; k += 1
            }
            if schema == "public" { schema = nil }
            let external = schema.flatMap { database.externalTables["\($0).\(name)"] }
            sources.append(Source(name: name, alias: alias, table: schema == nil ? database.tables[name] : nil, external: external))
        }
        let whereTokens = whereRange.map { Array(body[$0]) } ?? []
        var equalities: [Equality] = []
        let all = conditions + whereTokens
        func ref(at i: Int) -> ((String?, String), Int)? {
            guard i < all.count, let n = all[i].identifierName, all[i].kind != .string else { return nil }
            if i + 2 < all.count, all[i + 1].isSymbol("."), let c = all[i + 2].identifierName { return ((n, c), i + 3) }
            return ((nil, n), i + 1)
        }
        var i = 0
        while i < all.count {
            if let (l, next) = ref(at: i), next < all.count, all[next].isSymbol("="), let (r, after) = ref(at: next + 1) {
                equalities.append(Equality(left: l, right: r))
                i = after; continue
            }
            i += 1
        }
        return (sources, equalities, whereTokens)
    }
}

/// `s3://bucket/prefix` split into its parts.
public struct S3Location: Sendable {
    public let bucket: String
    public let prefix: String

    public init?(_ uri: String) {
        guard uri.hasPrefix("s3://") else { return nil }
        let rest = uri.dropFirst(5)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let b = parts.first, !b.isEmpty else { return nil }
        bucket = String(b)
        prefix = parts.count > 1 ? String(parts[1]) : ""
    }
}
