@testable import Estate
import Testing

/// Redshift enforces NOT NULL and nothing else: primary key, unique and foreign key constraints
/// are informational, kept for the planner (AWS's Redshift Database Developer Guide, "Table
/// constraints"); a primary key's columns are NOT NULL.
@Suite struct ConstraintTests {
    @Test func keyConstraintsAreRecordedButNotEnforced() throws {
        let db = warehouseDatabase()
        _ = db.rows("CREATE TABLE p (id INT PRIMARY KEY, code VARCHAR(4) UNIQUE, parent INT REFERENCES p(id))")
        _ = db.rows("INSERT INTO p VALUES (1, 'a', 1), (1, 'a', 99)")
        #expect(db.value("SELECT COUNT(*) FROM p WHERE id = 1") == "2", "a duplicate key and a dangling reference both load")
        let definition = try #require(db.tables["p"]?.definition)
        #expect(definition.primaryKey == "id")
        #expect(definition.foreignKeys.map { "\($0.column)->\($0.table)" } == ["parent->p"])

        _ = db.rows("CREATE TABLE q (a INT, b INT, note VARCHAR(8), CONSTRAINT q_pk PRIMARY KEY (a, b), UNIQUE (note))")
        _ = db.rows("INSERT INTO q VALUES (1, 2, 'x'), (1, 2, 'x')")
        #expect(db.value("SELECT COUNT(*) FROM q") == "2")
    }

    @Test func notNullIsEnforcedWithRedshiftsError() {
        let db = warehouseDatabase()
        _ = db.rows("CREATE TABLE p (id INT PRIMARY KEY, v INT NOT NULL, w INT)")
        let missing = db.error("INSERT INTO p (id, w) VALUES (1, 1)")
        #expect(missing?.code == "23502")
        #expect(missing?.message == "Cannot insert a NULL value into column v")
        // The primary key's column is NOT NULL too; before, SQLite numbered such a row itself.
        #expect(db.error("INSERT INTO p VALUES (NULL, 1, 1)")?.message == "Cannot insert a NULL value into column id")
        _ = db.rows("CREATE TABLE q (a INT, b INT, PRIMARY KEY (a, b))")
        #expect(db.error("INSERT INTO q VALUES (1, NULL)")?.code == "23502")
        #expect(db.value("SELECT COUNT(*) FROM p") == "0")
        #expect(db.rows("SELECT \"column\", \"notnull\" FROM pg_table_def WHERE tablename = 'p'").map { $0[1] } == ["1", "1", "0"])
    }
}
