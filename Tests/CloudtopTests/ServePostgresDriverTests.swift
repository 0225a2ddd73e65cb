import Foundation
import Testing

/// The leader's extended query protocol, driven by the real Python drivers (psycopg 3 over
/// libpq, redshift_connector in pure Python) and by libpq's pgbench in extended mode.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct ServePostgresDriverTests {
    /// python3 when it can import `module`; nil otherwise (the test then says what is missing).
    static func python(with module: String) -> String? {
        guard let python = Tools.find("python3") else { return nil }
        let check = try? ChildProcess.run(python, ["-c", "import \(module)"], environment: ProcessInfo.processInfo.environment)
        return check?.status == 0 ? python : nil
    }

    static let psycopg = python(with: "psycopg")
    static let redshiftConnector = python(with: "redshift_connector")

    /// Runs `script` with `PORT` set to the leader's port; it prints one JSON value last.
    /// `show(v)` prints a value as its repr, decimals normalized: the leader does not pad a
    /// DECIMAL to its declared scale as Redshift does (9.5 rather than 9.50).
    func run(_ python: String?, _ served: ServedEstate, _ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let program = """
        import json, sys, decimal
        PORT = int(sys.argv[1])
        def show(v):
            return "Decimal('%s')" % format(v.normalize(), "f") if isinstance(v, decimal.Decimal) else repr(v)

        """ + script
        let result = try ChildProcess.run(try #require(python), ["-c", program, String(served.pgPort)], environment: ProcessInfo.processInfo.environment)
        try #require(result.status == 0, "python failed:\n\(result.output)", sourceLocation: sourceLocation)
        let last = result.output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any], "\(result.output)", sourceLocation: sourceLocation)
    }

    func serve() throws -> (ServedEstate, URL) {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        return (try ServedEstate(config: config.path), config)
    }

    @Test(.enabled(if: psycopg != nil, "needs psycopg 3 (.ci/run installs it: pip install 'psycopg[binary]')"))
    func psycopgBindsParametersAndReadsTextAndBinaryResults() throws {
        let (served, config) = try serve()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let answer = try run(Self.psycopg, served, """
        import psycopg, decimal, datetime
        conn = psycopg.connect(host="127.0.0.1", port=PORT, user="awsuser", dbname="dev", password="anything", connect_timeout=10)
        cur = conn.cursor()
        cur.execute("CREATE TABLE people (id INT, name VARCHAR(40), score DECIMAL(8,2), active BOOLEAN, born DATE)")
        sly = "O'Brien'); DROP TABLE people; --"
        rows = [(1, "ada", decimal.Decimal("9.50"), True, datetime.date(1815, 12, 10)),
                (2, sly, decimal.Decimal("-0.25"), False, None),
                (3, None, None, None, datetime.date(2000, 1, 1))]
        cur.executemany("INSERT INTO people VALUES (%s, %s, %s, %s, %s)", rows)
        conn.commit()
        cur.execute("SELECT id, name, score, active, born FROM people WHERE id >= %s ORDER BY id", (2,))
        text_rows = [[show(v) for v in r] for r in cur.fetchall()]
        text_types = [d.type_code for d in cur.description]
        binary = conn.cursor(binary=True)
        binary.execute("SELECT id, name, score, active, born FROM people WHERE name = %s", ("ada",))
        binary_rows = [[show(v) for v in r] for r in binary.fetchall()]
        binary.execute("SELECT COUNT(*) FROM people WHERE score > %s AND active = %s", (decimal.Decimal("0"), True))
        count = binary.fetchone()[0]
        try:
            cur.execute("SELECT * FROM missing_table WHERE id = %s", (1,))
            error = None
        except psycopg.Error as e:
            error = [type(e).__name__, e.sqlstate]
        conn.rollback()
        cur.execute("SELECT name FROM people WHERE id = %s", (2,))
        survived = cur.fetchone()[0]
        conn.close()
        print(json.dumps({"text": text_rows, "types": text_types, "binary": binary_rows, "count": count, "error": error, "sly": survived}))
        """)
        // Text results, converted by psycopg from the type OIDs: int4 23, varchar 1043, numeric 1700, bool 16, date 1082.
        #expect(answer["types"] as? [Int] == [23, 1043, 1700, 16, 1082], "\(answer)")
        #expect(answer["text"] as? [[String]] == [
            ["2", "\"O'Brien'); DROP TABLE people; --\"", "Decimal('-0.25')", "False", "None"],
            ["3", "None", "None", "None", "datetime.date(2000, 1, 1)"],
        ], "\(answer)")
        // Binary results: the same values decoded from PostgreSQL's binary layouts.
        #expect(answer["binary"] as? [[String]] == [["1", "'ada'", "Decimal('9.5')", "True", "datetime.date(1815, 12, 10)"]], "\(answer)")
        #expect(answer["count"] as? Int == 1, "\(answer)")
        // 42P01 is undefined_table; psycopg raises its own class for it.
        #expect(answer["error"] as? [String] == ["UndefinedTable", "42P01"], "\(answer)")
        #expect(answer["sly"] as? String == "O'Brien'); DROP TABLE people; --", "a parameter is a value, never SQL: \(answer)")
    }

    @Test(.enabled(if: redshiftConnector != nil, "needs redshift_connector (.ci/run installs it: pip install redshift_connector)"))
    func redshiftConnectorPreparesBindsAndReadsBinaryColumns() throws {
        let (served, config) = try serve()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let answer = try run(Self.redshiftConnector, served, """
        import redshift_connector, decimal, datetime
        # ssl=False: the leader refuses SSLRequest, and redshift_connector asks for TLS by default.
        conn = redshift_connector.connect(host="127.0.0.1", port=PORT, database="dev", user="awsuser", password="anything", timeout=10, ssl=False)
        cur = conn.cursor()
        cur.execute("select version()")
        version = cur.fetchone()[0]
        cur.execute("CREATE TABLE sales (id BIGINT, region VARCHAR(10), amount DECIMAL(10,2), ratio DOUBLE PRECISION, paid BOOLEAN, at TIMESTAMP)")
        cur.executemany("INSERT INTO sales VALUES (%s, %s, %s, %s, %s, %s)", [
            (1, "eu", decimal.Decimal("12.50"), 0.5, True, datetime.datetime(2024, 3, 1, 12, 30, 5)),
            (2, "us", decimal.Decimal("7.25"), 1.5, False, datetime.datetime(1999, 12, 31, 23, 59, 59, 250000)),
            (3, "eu", decimal.Decimal("1.00"), None, None, None)])
        conn.commit()
        cur.execute("SELECT id, region, amount, ratio, paid, at FROM sales WHERE region = %s ORDER BY id", ("eu",))
        eu = [[show(v) for v in r] for r in cur.fetchall()]
        cur.execute("SELECT id, at FROM sales WHERE id = %s", (2,))
        two = [[show(v) for v in r] for r in cur.fetchall()]
        cur.execute("SELECT region, COUNT(*) AS n FROM sales GROUP BY region ORDER BY region")
        totals = [[show(v) for v in r] for r in cur.fetchall()]
        conn.commit()
        conn.close()
        print(json.dumps({"version": version, "eu": eu, "two": two, "totals": totals}))
        """)
        #expect((answer["version"] as? String)?.contains("Redshift") == true, "\(answer)")
        // redshift_connector asks int8, float8, bool, varchar and timestamp in binary and decodes them itself.
        #expect(answer["eu"] as? [[String]] == [
            ["1", "'eu'", "Decimal('12.5')", "0.5", "True", "datetime.datetime(2024, 3, 1, 12, 30, 5)"],
            ["3", "'eu'", "Decimal('1')", "None", "None", "None"],
        ], "\(answer)")
        #expect(answer["two"] as? [[String]] == [["2", "datetime.datetime(1999, 12, 31, 23, 59, 59, 250000)"]], "\(answer)")
        // COUNT is BIGINT on Redshift: int8, sent in binary.
        #expect(answer["totals"] as? [[String]] == [["'eu'", "2"], ["'us'", "1"]], "\(answer)")
    }

    @Test(.enabled(if: Tools.find("pgbench") != nil, "needs pgbench (postgresql-client)"))
    func pgbenchRunsAScriptInExtendedAndPreparedModes() throws {
        let (served, config) = try serve()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-pgbench-\(getpid()).sql")
        defer { try? FileManager.default.removeItem(at: script) }
        // pgbench sends :id as a $1 parameter in these modes.
        try "\\set id random(1, 1000)\nSELECT :id + 1 AS next;\n".write(to: script, atomically: true, encoding: .utf8)
        for mode in ["extended", "prepared"] {
            let result = try ChildProcess.run(try #require(Tools.find("pgbench")),
                                              ["-n", "-M", mode, "-t", "20", "-f", script.path, "-h", "127.0.0.1", "-p", String(served.pgPort), "-U", "awsuser", "dev"],
                                              environment: ProcessInfo.processInfo.environment)
            #expect(result.status == 0, "\(mode): \(result.output)")
            #expect(result.output.contains("number of transactions actually processed: 20/20"), "\(mode): \(result.output)")
        }
    }
}
