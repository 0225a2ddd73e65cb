import ArgumentParser
import Estate
import Foundation

/// `cloudtop warehouse …`: tools around the simulated warehouse.
struct WarehouseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "Tools for the Redshift-style warehouse.",
        subcommands: [WarehouseConvertCommand.self]
    )
}

/// `cloudtop warehouse convert --from PATH.sqlite [--load]`: proposes Redshift DDL for a SQLite
/// database, with the reason for each choice, and optionally loads it into a simulated cluster.
struct WarehouseConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Propose Redshift DDL (distribution, sort keys, encodings) for a SQLite database.",
        discussion: """
        Prints one CREATE TABLE per table with the reasons as comments. With --load, creates the \
        tables on a fresh simulated ra3.4xlarge cluster, copies every row in, and prints what \
        SVV_TABLE_INFO then reports (distribution, rows, skew, size).
        """
    )

    @Option(help: "The SQLite database file to read.")
    var from: String

    @Flag(help: "Create the tables on a simulated cluster and copy the data in.")
    var load = false

    @Option(help: "Compute nodes of the cluster used by --load.")
    var nodes: Int = 2

    func validate() throws {
        guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("--from \(from): no such file") }
        guard (1...128).contains(nodes) else { throw ValidationError("--nodes must be 1…128") }
    }

    func run() throws {
        let reader: SQLiteSchemaReader
        let tables: [SchemaAdvisor.SourceTable]
        do {
            reader = try SQLiteSchemaReader(path: from)
            tables = try reader.tables()
        } catch {
            throw ValidationError("--from \(from): not a readable SQLite database (\(error))")
        }
        let proposals = SchemaAdvisor().propose(tables)
        for p in proposals {
            for reason in p.reasons { print("-- \(reason)") }
            print(p.ddl)
            print()
        }
        guard load else { return }
        let estate = Estate(name: "convert")
        let cluster = try estate.warehouse.createCluster(Parameters([
            "ClusterIdentifier": "convert", "NodeType": "ra3.4xlarge", "MasterUsername": "awsuser",
            "NumberOfNodes": .int(Int64(nodes)), "ClusterType": .string(nodes > 1 ? "multi-node" : "single-node"),
        ]))
        estate.advance(by: WarehouseService.creationTime)
        for p in proposals {
            _ = try cluster.database.execute(p.ddl)
            try cluster.database.bulkLoad(table: p.table, columns: p.columns, rows: try reader.rows(of: p.table, columns: p.columns))
        }
        _ = try cluster.database.execute("ANALYZE")
        let info = try cluster.database.execute("SELECT \"table\", diststyle, sortkey1, tbl_rows, skew_rows, size FROM svv_table_info ORDER BY \"table\"")
        print("-- loaded into a simulated \(nodes)-node ra3.4xlarge cluster; SVV_TABLE_INFO:")
        print("-- table | diststyle | sortkey1 | tbl_rows | skew_rows | size (MB)")
        for row in info.last?.rows ?? [] { print("-- " + row.map { $0.text ?? "" }.joined(separator: " | ")) }
    }
}
