@testable import Estate
import Testing

/// Each Redshift function SQLite lacks, with values from Redshift's documentation semantics.
@Suite struct RedshiftFunctionTests {
    /// A database whose virtual clock reads 2026-01-01 00:01:30.250 (90.25 s after the epoch).
    func db() -> WarehouseDatabase {
        let db = warehouseDatabase()
        db.session.now = SimInstant(milliseconds: 90_250)
        return db
    }

    @Test func timeFunctionsReadTheVirtualClock() {
        let d = db()
        #expect(d.value("SELECT GETDATE()") == "2026-01-01 00:01:30")
        #expect(d.value("SELECT SYSDATE") == "2026-01-01 00:01:30.25")
        #expect(d.value("SELECT CURRENT_DATE") == "2026-01-01")
        d.session.now = SimInstant(milliseconds: 86_400_000)
        #expect(d.value("SELECT getdate()") == "2026-01-02 00:00:00")
    }

    @Test func dateArithmetic() {
        let d = db()
        #expect(d.value("SELECT DATEADD(day, 3, '2026-01-30')") == "2026-02-02 00:00:00")
        #expect(d.value("SELECT DATEADD(month, 1, '2026-01-31 10:00:00')") == "2026-02-28 10:00:00")
        #expect(d.value("SELECT DATEADD('hour', -2, '2026-01-01 01:00:00')") == "2025-12-31 23:00:00")
        #expect(d.value("SELECT DATEDIFF(day, '2026-01-01 23:59:00', '2026-01-02 00:01:00')") == "1")
        #expect(d.value("SELECT DATEDIFF(month, '2025-12-31', '2026-02-01')") == "2")
        #expect(d.value("SELECT DATEDIFF(week, '2026-01-04', '2026-01-05')") == "1", "Sunday to Monday crosses a week boundary")
        #expect(d.value("SELECT DATE_TRUNC('month', '2026-05-17 08:09:10')") == "2026-05-01 00:00:00")
        #expect(d.value("SELECT DATE_TRUNC('week', '2026-01-01')") == "2025-12-29 00:00:00", "weeks start on Monday")
        #expect(d.value("SELECT EXTRACT(year FROM '2026-05-17 08:09:10')") == "2026")
        #expect(d.value("SELECT EXTRACT(dow FROM '2026-01-01'::date)") == "4")
        #expect(d.value("SELECT DATE_PART(hour, '2026-05-17 08:09:10')") == "8")
    }

    @Test func nullHandlingAndDecode() {
        let d = db()
        #expect(d.value("SELECT NVL(NULL, 'b')") == "b")
        #expect(d.value("SELECT NVL('a', 'b')") == "a")
        #expect(d.value("SELECT NVL2(NULL, 'set', 'unset')") == "unset")
        #expect(d.value("SELECT NVL2(1, 'set', 'unset')") == "set")
        #expect(d.value("SELECT DECODE(2, 1, 'one', 2, 'two', 'other')") == "two")
        #expect(d.value("SELECT DECODE(9, 1, 'one', 'other')") == "other")
        #expect(d.value("SELECT DECODE(9, 1, 'one')") == nil)
    }

    @Test func stringFunctions() {
        let d = db()
        #expect(d.value("SELECT LEN('abc  ')") == "3")
        #expect(d.value("SELECT CONVERT(integer, '12') + 1") == "13")
        #expect(d.value("SELECT TO_CHAR('2026-03-04 15:06:07'::timestamp, 'YYYY-MM-DD HH24:MI:SS')") == "2026-03-04 15:06:07")
        #expect(d.value("SELECT TO_CHAR('2026-03-04'::date, 'Mon DD, YYYY (Dy) Q')") == "Mar 04, 2026 (Wed) 1")
        #expect(d.value("SELECT TO_CHAR(1234.5, '9,999.00')") == " 1,234.50")
        #expect(d.value("SELECT version()")?.hasPrefix("PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.") == true)
        #expect(d.value("SELECT current_user") == "awsuser")
        #expect(d.value("SELECT current_database()") == "dev")
        #expect(d.value("SELECT current_schema()") == "public")
    }

    @Test func aggregates() throws {
        let d = db()
        _ = try d.execute("CREATE TABLE v (g VARCHAR(2), x INT, name VARCHAR(5)); INSERT INTO v VALUES ('a', 5, 'e'), ('a', 1, 'c'), ('a', 3, 'd'), ('b', 2, 'z'), ('b', 8, 'y')")
        #expect(d.rows("SELECT g, MEDIAN(x) FROM v GROUP BY g ORDER BY g") == [["a", "3.0"], ["b", "5.0"]])
        #expect(d.rows("SELECT g, LISTAGG(name, ',') WITHIN GROUP (ORDER BY x) FROM v GROUP BY g ORDER BY g") == [["a", "c,d,e"], ["b", "z,y"]])
        #expect(d.value("SELECT LISTAGG(name, '-') WITHIN GROUP (ORDER BY x DESC) FROM v") == "y-e-d-z-c")
        #expect(d.value("SELECT APPROXIMATE COUNT(DISTINCT g) FROM v") == "2")
    }
}
