import GRDB

/// SQL run straight on SQLite, with no leader layer: the baseline `cloudtop bench warehouse`
/// measures the warehouse's overhead against, and the reference its tests compare answers with.
public final class SQLiteBaseline {
    let queue: DatabaseQueue

    public init() {
        queue = try! DatabaseQueue()
    }

    /// Runs statements; returns the last one's rows as text.
    @discardableResult
    public func execute(_ sql: String) throws -> [[String?]] {
        try queue.inDatabase { db in
            var last: [[String?]] = []
            let statements = try db.allStatements(sql: sql)
            while let statement = try statements.next() {
                if statement.columnCount == 0 {
                    try statement.execute()
                    last = []
                } else {
                    last = try Row.fetchAll(statement).map { row in
                        row.databaseValues.map { v -> String? in
                            switch v.storage {
                            case .null: return nil
                            case let .int64(i): return String(i)
                            case let .double(d): return String(d)
                            case let .string(s): return s
                            case .blob: return "<blob>"
                            }
                        }
                    }
                }
            }
            return last
        }
    }
}
