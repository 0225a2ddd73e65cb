@testable import Estate
import Testing

/// The leader's PostgreSQL catalog and the PostgreSQL syntax psql's catalog queries use,
/// checked on a cluster database directly; expected values from PostgreSQL's documentation
/// (format_type, atttypmod) and the tables created here.
@Suite struct PGCatalogTests {
    func database() -> WarehouseDatabase {
        let db = warehouseDatabase()
        _ = try? db.execute("CREATE TABLE orders (id INT NOT NULL, name VARCHAR(20), price DECIMAL(8,2), code CHAR(3))")
        _ = try? db.execute("CREATE TABLE events (at TIMESTAMP, seen BOOLEAN, n BIGINT IDENTITY(10, 2))")
        return db
    }

    @Test func pgClassAndPgAttributeDescribeTheUsersTables() throws {
        let db = database()
        let orders = try #require(db.tables["orders"])
        #expect(db.rows("""
            SELECT c.oid, n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner) FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY c.relname
            """) == [[String(db.tables["events"]!.tableID), "public", "events", "r", "awsuser"],
                     [String(orders.tableID), "public", "orders", "r", "awsuser"]])
        // typmod: VARCHAR(20) → 24, DECIMAL(8,2) → (8 << 16 | 2) + 4 = 524294, CHAR(3) → 7.
        #expect(db.rows("""
            SELECT attnum, attname, atttypid, atttypmod, format_type(atttypid, atttypmod), attnotnull
            FROM pg_attribute WHERE attrelid = \(orders.tableID) ORDER BY attnum
            """) == [["1", "id", "23", "-1", "integer", "t"], ["2", "name", "1043", "24", "character varying(20)", "f"],
                     ["3", "price", "1700", "524294", "numeric(8,2)", "f"], ["4", "code", "1042", "7", "character(3)", "f"]])
        #expect(db.rows("SELECT a.attname, d.adsrc FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum")
                == [["n", "\"identity\"(10, 2)"]])
        #expect(db.value("SELECT datname FROM pg_database") == "dev")
    }

    @Test func informationSchemaListsTablesAndColumns() {
        let db = database()
        #expect(db.rows("SELECT table_schema, table_name, table_type FROM information_schema.tables ORDER BY table_name")
                == [["public", "events", "BASE TABLE"], ["public", "orders", "BASE TABLE"]])
        #expect(db.rows("""
            SELECT column_name, ordinal_position, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale
            FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position
            """) == [["id", "1", "NO", "integer", nil, nil, nil], ["name", "2", "YES", "character varying", "20", nil, nil],
                     ["price", "3", "YES", "numeric", nil, "8", "2"], ["code", "4", "YES", "character", "3", nil, nil]])
        // psql's \d finds the views in their own schema.
        #expect(db.rows("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname IN ('tables', 'columns') ORDER BY 2
            """) == [["information_schema", "columns"], ["information_schema", "tables"]])
    }

    @Test func regularExpressionOperatorsMatchAsPostgreSQLs() {
        let db = database()
        #expect(db.rows("SELECT relname FROM pg_class WHERE relname ~ '^ord' ") == [["orders"]])
        #expect(db.rows("SELECT relname FROM pg_class WHERE relname OPERATOR(pg_catalog.~) '^(events)$'") == [["events"]])
        #expect(db.value("SELECT COUNT(*) FROM pg_class WHERE relnamespace = 2200 AND relname !~ 'e'") == "0")
        #expect(db.value("SELECT 'ABC' ~* 'b'") == "1")
        #expect(db.value("SELECT 'ABC' ~ 'b'") == "0")
        #expect(db.value("SELECT 'ABC' !~* 'b'") == "0")
        // A prefix ~ is still bitwise not.
        #expect(db.value("SELECT ~5") == "-6")
        #expect(db.error("SELECT 'a' ~ '('")?.code == "2201B")
    }

    @Test func escapeStringsAndObjectIDCasts() throws {
        let db = database()
        #expect(db.value("SELECT E'a\\nb\\tc''d'") == "a\nb\tc'd")
        let orders = try #require(db.tables["orders"])
        #expect(db.value("SELECT 'orders'::regclass") == String(orders.tableID))
        #expect(db.value("SELECT \(orders.tableID)::pg_catalog.regclass::pg_catalog.text") == "orders")
        #expect(db.value("SELECT 1043::regtype") == "character varying")
        #expect(db.value("SELECT '23'::oid + 1") == "24")
    }
}
