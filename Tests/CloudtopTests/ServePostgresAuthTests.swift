import Foundation
import Testing

/// Password authentication on the leader (`serve --pg-password`, `--pg-auth`): psql, psycopg and
/// redshift_connector with the right password get in, with a wrong one get PostgreSQL's FATAL
/// `password authentication failed` (SQLSTATE 28P01). Without a password the leader trusts.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote),
       .enabled(if: Tools.psql != nil, "needs psql (.ci/run installs postgresql-client)"))
struct ServePostgresAuthTests {
    static let password = "s3cret-pw!"

    func serve(_ extra: [String]) throws -> (ServedEstate, URL) {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        return (try ServedEstate(config: config.path, extra: extra), config)
    }

    /// `psql -c 'SELECT 1'` with PGPASSWORD set to `password`.
    func selectOne(_ served: ServedEstate, password: String?, user: String = "awsuser") throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        environment["PGSSLMODE"] = "prefer"
        environment["PGPASSWORD"] = password
        if password == nil { environment.removeValue(forKey: "PGPASSWORD") }
        return try ChildProcess.run(try #require(Tools.psql),
                                    ["-X", "-A", "-t", "-w", "-h", "127.0.0.1", "-p", String(served.pgPort), "-U", user, "-d", "dev", "-c", "SELECT 1"],
                                    environment: environment)
    }

    func expectRefused(_ result: ChildProcess.Result, user: String = "awsuser", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.output.contains("FATAL:  password authentication failed for user \"\(user)\""), "\(result.output)", sourceLocation: sourceLocation)
    }

    @Test func scramIsTheDefaultWithAPassword() throws {
        let (served, config) = try serve(["--pg-password", Self.password])
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let right = try selectOne(served, password: Self.password)
        #expect(right.status == 0, "\(right.output)")
        #expect(right.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(right.output)")
        expectRefused(try selectOne(served, password: "wrong"))
        expectRefused(try selectOne(served, password: Self.password + "x", user: "analyst"), user: "analyst")
        // No password at all: psql -w does not prompt, and the server asked for one.
        let none = try selectOne(served, password: nil)
        #expect(none.status != 0)
        #expect(none.output.contains("password"), "\(none.output)")
    }

    @Test func md5WhenAsked() throws {
        let (served, config) = try serve(["--pg-password", Self.password, "--pg-auth", "md5"])
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let right = try selectOne(served, password: Self.password)
        #expect(right.status == 0, "\(right.output)")
        #expect(right.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(right.output)")
        expectRefused(try selectOne(served, password: "wrong"))
    }

    @Test func trustWithoutAPassword() throws {
        let (served, config) = try serve([])
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let any = try selectOne(served, password: "whatever")
        #expect(any.status == 0, "\(any.output)")
    }

    @Test(.enabled(if: ServePostgresDriverTests.psycopg != nil, "needs psycopg 3"))
    func psycopgAuthenticatesWithScramAndSeesTheSQLSTATE() throws {
        let (served, config) = try serve(["--pg-password", Self.password])
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let answer = try ServePostgresDriverTests().run(ServePostgresDriverTests.psycopg, served, """
        import psycopg
        def connect(pw):
            return psycopg.connect(host="127.0.0.1", port=PORT, user="awsuser", dbname="dev", password=pw, connect_timeout=10)
        with connect("\(Self.password)") as conn:
            ok = conn.execute("SELECT 40 + 2").fetchone()[0]
        try:
            connect("nope")
            refused = None
        except psycopg.OperationalError as e:
            refused = str(e)
        print(json.dumps({"ok": ok, "refused": refused}))
        """)
        #expect(answer["ok"] as? Int == 42)
        #expect((answer["refused"] as? String)?.contains("password authentication failed for user \"awsuser\"") == true, "\(answer)")
    }

    @Test(.enabled(if: ServePostgresDriverTests.redshiftConnector != nil, "needs redshift_connector"))
    func redshiftConnectorGetsTheSQLSTATEOfAWrongPassword() throws {
        let (served, config) = try serve(["--pg-password", Self.password, "--pg-auth", "md5"])
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let answer = try ServePostgresDriverTests().run(ServePostgresDriverTests.redshiftConnector, served, """
        import redshift_connector
        def connect(pw):
            return redshift_connector.connect(host="127.0.0.1", port=PORT, user="awsuser", database="dev", password=pw, ssl=False, timeout=10)
        conn = connect("\(Self.password)")
        cur = conn.cursor(); cur.execute("SELECT 7"); ok = cur.fetchone()[0]; conn.close()
        try:
            connect("nope")
            fields = None
        except redshift_connector.Error as e:
            fields = e.args[0] if e.args and isinstance(e.args[0], dict) else {"text": str(e)}
        print(json.dumps({"ok": ok, "fields": fields}))
        """)
        #expect(answer["ok"] as? Int == 7)
        let fields = answer["fields"] as? [String: Any]
        #expect(fields?["C"] as? String == "28P01", "\(String(describing: fields))")
        #expect(fields?["S"] as? String == "FATAL", "\(String(describing: fields))")
        #expect(fields?["M"] as? String == "password authentication failed for user \"awsuser\"", "\(String(describing: fields))")
    }

    @Test func badAuthenticationOptionsAreRefusedBeforeListening() throws {
        let binary = try #require(BuiltBinary.url?.path)
        let cases: [([String], String)] = [
            (["--pg-auth", "md5"], "--pg-auth md5 needs --pg-password"),
            (["--pg-password", "x", "--pg-auth", "sha1"], "--pg-auth sha1: expected md5 or scram-sha-256"),
            (["--pg-password", ""], "--pg-password: the password is empty"),
        ]
        for (arguments, message) in cases {
            let result = try ChildProcess.run(binary, ["serve", "--port", "0", "--pg-port", "0"] + arguments,
                                              environment: ProcessInfo.processInfo.environment)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.output.contains(message), "\(arguments): \(result.output)")
            #expect(!result.output.contains("endpoint"), "nothing listened: \(result.output)")
        }
    }
}
