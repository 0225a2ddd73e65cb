import Foundation
import Testing

/// psql's own describe commands (`\dt`, `\d table`, `\l`) against the served leader: psql sends
/// its catalog queries (the forms it uses for a server that says it is 8.0.2) and prints what the
/// leader's pg_catalog answers from the tables the test created.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote),
       .enabled(if: Tools.psql != nil, "needs psql (.ci/run installs postgresql-client)"))
struct ServePostgresCatalogTests {
    /// The catalog answers come from these tables, created through the leader.
    static let setup = [
        "CREATE TABLE orders (id INT NOT NULL, name VARCHAR(20), price DECIMAL(8,2))",
        "CREATE TABLE customers (id BIGINT IDENTITY(1,1), email CHAR(10), joined TIMESTAMP, vip BOOLEAN, score REAL)",
    ]

    func served() throws -> (ServedEstate, URL) {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        let served = try ServedEstate(config: config.path)
        for sql in Self.setup {
            let created = try ServePostgresTests().psql(served, sql)
            try #require(created.status == 0, "\(created.output)")
        }
        return (served, config)
    }

    /// psql's output lines for one backslash command, unaligned with `,` between fields.
    func lines(_ served: ServedEstate, _ command: String) throws -> (status: Int32, lines: [String]) {
        let result = try ServePostgresTests().psql(served, command)
        return (result.status, result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty })
    }

    @Test func backslashDtListsTheTablesInPublicWithTheirOwner() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let listed = try lines(served, "\\dt")
        #expect(listed.status == 0, "\(listed.lines)")
        // Sorted by schema and name; the master user created both; the system tables in pg_catalog are left out.
        #expect(listed.lines == [
            "List of relations",
            "Schema,Name,Type,Owner",
            "public,customers,table,awsuser",
            "public,orders,table,awsuser",
            "(2 rows)",
        ])
        // A pattern is a regular expression psql anchors: only `orders`.
        let one = try lines(served, "\\dt ord*")
        #expect(one.lines == ["List of relations", "Schema,Name,Type,Owner", "public,orders,table,awsuser", "(1 row)"], "\(one.lines)")
    }

    @Test func backslashDDescribesColumnsTypesNullabilityAndDefaults() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let orders = try lines(served, "\\d orders")
        #expect(orders.status == 0, "\(orders.lines)")
        // PostgreSQL's type names with their modifiers (format_type), NOT NULL as psql words it.
        #expect(orders.lines == [
            "Table \"public.orders\"",
            "Column,Type,Collation,Nullable,Default",
            "id,integer,,not null,",
            "name,character varying(20),,,",
            "price,numeric(8,2),,,",
        ])
        let customers = try lines(served, "\\d customers")
        #expect(customers.lines == [
            "Table \"public.customers\"",
            "Column,Type,Collation,Nullable,Default",
            "id,bigint,,,\"identity\"(1, 1)",
            "email,character(10),,,",
            "joined,timestamp without time zone,,,",
            "vip,boolean,,,",
            "score,real,,,",
        ], "\(customers.lines)")

        // A table that is not there: psql's own message and a failing status.
        let missing = try ServePostgresTests().psql(served, "\\d nope")
        #expect(missing.status != 0)
        #expect(missing.output.contains("Did not find any relation named \"nope\"."), "\(missing.output)")
    }

    @Test func backslashLListsTheClustersDatabase() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let listed = try lines(served, "\\l")
        #expect(listed.status == 0, "\(listed.lines)")
        // The database the cluster was created with (DBName, `dev` by default), owned by rdsdb as on Redshift.
        #expect(listed.lines == [
            "List of databases",
            "Name,Owner,Encoding,Collate,Ctype,ICU Locale,Locale Provider,Access privileges",
            "dev,rdsdb,UTF8,C,C,,libc,",
            "(1 row)",
        ])
    }

    @Test func catalogQueriesWorkAsPlainSQLToo() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        // The regular-expression operators and an oid cast, as a script would write them.
        let names = try ServePostgresTests().psql(served, """
            SELECT c.relname, c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE n.nspname = 'public' AND c.relname ~ '^c' AND c.relname !~ 'x' ORDER BY 1
            """, tuplesOnly: true)
        #expect(names.status == 0, "\(names.output)")
        #expect(names.output.trimmingCharacters(in: .whitespacesAndNewlines) == "customers,customers", "\(names.output)")
        let columns = try ServePostgresTests().psql(served, """
            SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute \
            WHERE attrelid = 'orders'::regclass AND attnum > 0 ORDER BY attnum
            """, tuplesOnly: true)
        #expect(columns.output.split(separator: "\n").map(String.init) == ["id,integer,t", "name,character varying(20),f", "price,numeric(8,2),f"],
                "\(columns.output)")
        let standard = try ServePostgresTests().psql(served, """
            SELECT table_name, column_name, data_type FROM information_schema.columns \
            WHERE table_schema = 'public' AND ordinal_position = 1 ORDER BY table_name
            """, tuplesOnly: true)
        #expect(standard.output.split(separator: "\n").map(String.init) == ["customers,id,bigint", "orders,id,integer"], "\(standard.output)")
    }
}
