import GRDB
import GRDBSQLite

extension Statement {
    /// Binds `values` and steps this prepared statement once through SQLite's own calls; returns
    /// the first column of the row it produced as an integer, or nil when it produced none.
    ///
    /// For the few statements run many times in a row (a load's INSERT, indexing a document's
    /// fields): GRDB's per-execution bookkeeping (argument validation, observation, regions) cost
    /// several times SQLite's own work there. A statement stepped this way is only ever stepped
    /// this way, so GRDB's idea of its arguments is never relied on.
    @discardableResult
    func stepOnce(_ values: [DatabaseValue], in db: Database) throws -> Int64? {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        for (k, value) in values.enumerated() { _ = value.bind(to: handle, at: CInt(k + 1)) }
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
