import Foundation
import Testing

/// The warehouse leader on the PostgreSQL wire protocol, driven by the real psql.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote),
       .enabled(if: Tools.psql != nil, "needs psql (.ci/run installs postgresql-client)"))
struct ServePostgresTests {
    /// `psql -X -A -F, -c SQL` against the served leader: status and everything it printed.
    func psql(_ served: ServedEstate, _ sql: String, tuplesOnly: Bool = false) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        environment["PGSSLMODE"] = "prefer"
        return try ChildProcess.run(try #require(Tools.psql),
                                    ["-X", "-A", "-F", ",", "-h", "127.0.0.1", "-p", String(served.pgPort), "-U", "awsuser", "-d", "dev",
                                     "-v", "ON_ERROR_STOP=1"] + (tuplesOnly ? ["-t"] : []) + ["-c", sql],
                                    environment: environment)
    }

    @Test func psqlCreatesInsertsAndSelectsWithTypedColumns() throws {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let served = try ServedEstate(config: config.path)
        defer { _ = try? served.stop() }

        let created = try psql(served, "CREATE TABLE t (id INT, name VARCHAR(20), price DECIMAL(8,2))")
        #expect(created.status == 0, "\(created.output)")
        #expect(created.output.contains("CREATE TABLE"), "the CommandComplete tag: \(created.output)")
        let inserted = try psql(served, "INSERT INTO t VALUES (1, 'a', 9.5), (2, NULL, 10)")
        #expect(inserted.output.contains("INSERT 0 2"), "\(inserted.output)")

        let selected = try psql(served, "SELECT id, name, price FROM t ORDER BY id")
        #expect(selected.status == 0, "\(selected.output)")
        let lines = selected.output.split(separator: "\n").map(String.init)
        // Header, two rows (NULL prints as nothing), and psql's footer from the SELECT 2 tag.
        #expect(lines.first == "id,name,price", "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("1,a,9.5") == true, "\(lines)")
        #expect(lines.dropFirst(2).first?.hasPrefix("2,,10") == true, "\(lines)")
        #expect(lines.contains("(2 rows)"), "\(lines)")
    }

    @Test func errorsCarrySQLSTATEAndThePositionOfASyntaxError() throws {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let served = try ServedEstate(config: config.path)
        defer { _ = try? served.stop() }

        let missing = try psql(served, "SELECT nope FROM missing_table")
        #expect(missing.status != 0)
        #expect(missing.output.contains("ERROR:"), "\(missing.output)")
        #expect(missing.output.contains("missing_table"), "\(missing.output)")

        // psql draws a caret under the position the server names.
        let syntax = try psql(served, "SELEC 1")
        #expect(syntax.status != 0)
        #expect(syntax.output.contains("LINE 1: SELEC 1") && syntax.output.contains("^"), "\(syntax.output)")

        // The connection is still usable after an error, and every statement is in STL_QUERY.
        let logged = try psql(served, "SELECT COUNT(*) FROM stl_query WHERE querytxt LIKE '%missing_table%'", tuplesOnly: true)
        #expect(logged.status == 0, "\(logged.output)")
        #expect(Int(logged.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 1, "\(logged.output)")
    }
}
