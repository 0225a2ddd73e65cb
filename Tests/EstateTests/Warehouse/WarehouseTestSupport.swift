@testable import Estate
import Foundation
import Testing

/// A cluster database on its own (no WLM, no clock), for dialect and catalog tests.
func warehouseDatabase(nodes: Int = 2, slicesPerNode: Int = 2) -> WarehouseDatabase {
    WarehouseDatabase(topology: SliceTopology(computeNodes: nodes, slicesPerNode: slicesPerNode))
}

extension WarehouseDatabase {
    /// The last statement's rows as text (NULL as nil), failing the test on a SQL error.
    func rows(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[String?]] {
        do {
            return try execute(sql).last?.rows.map { $0.map(\.text) } ?? []
        } catch {
            Issue.record("\(sql) failed: \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// The single value of a one-row, one-column answer.
    func value(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        rows(sql, sourceLocation: sourceLocation).first?.first ?? nil
    }

    func error(_ sql: String) -> SQLError? {
        do { _ = try execute(sql); return nil } catch { return error }
    }
}

/// An estate with one available cluster `wh` (ra3.4xlarge × 2 unless told).
func estateWithCluster(nodeType: String = "ra3.4xlarge", nodes: Int = 2, seed: UInt64 = 7) throws -> (Estate, Cluster) {
    let estate = Estate(name: "test", seed: seed)
    let cluster = try estate.warehouse.createCluster(Parameters([
        "ClusterIdentifier": "wh", "NodeType": .string(nodeType), "MasterUsername": "awsuser",
        "NumberOfNodes": .int(Int64(nodes)), "ClusterType": .string(nodes > 1 ? "multi-node" : "single-node"),
    ]))
    estate.advance(by: WarehouseService.creationTime)
    return (estate, cluster)
}

/// Runs SQL with the `sqlite3` command on a file built from the same statements.
func sqlite3Rows(setup: String, query: String) throws -> [[String?]] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wh-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("t.sqlite").path
    let script = dir.appendingPathComponent("s.sql")
    try (setup + ";\n.mode list\n.separator \"\\t\"\n.nullvalue NULLMARK\n" + query + ";\n").write(to: script, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [db]
    process.standardInput = try FileHandle(forReadingFrom: script)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false).map { $0 == "NULLMARK" ? nil : String($0) }
    }
}

/// An estate with the stream `orders` (two shards) fed at 20 records a second by `checkout`, and
/// the cluster `lab`; `cluster` adds lines under the cluster's entry (its loaders, say).
func loaderEstateYAML(name: String, cluster: String = "") -> String {
    """
    name: \(name)
    seed: 5
    warmup: 0s
    streams:
      - name: orders
        shards: 2
    producers:
      - name: checkout
        stream: orders
        rate: 20
        keys: 50
        template: orders
    warehouse:
      - cluster: lab
        node-type: ra3.xlplus
        nodes: 2

    """ + cluster
}
