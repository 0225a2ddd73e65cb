import Foundation
import GRDB

/// S3 object bodies in the same database as the stream segments: the state folder holds all that
/// spilled, under the one lock that keeps a second process out.
extension SQLiteSegmentStore: ObjectBodyStore {
    public func writeBody(_ id: Int64, _ bytes: [UInt8]) throws {
        try database.inDatabase { db in
            try db.execute(sql: "INSERT OR REPLACE INTO object_body (id, bytes) VALUES (?, ?)", arguments: [id, Data(bytes)])
        }
    }

    public func readBody(_ id: Int64) throws -> [UInt8]? {
        let data = try database.inDatabase { db in try Data.fetchOne(db, sql: "SELECT bytes FROM object_body WHERE id = ?", arguments: [id]) }
        return data.map { [UInt8]($0) }
    }

    public func deleteBody(_ id: Int64) throws {
        try database.inDatabase { db in try db.execute(sql: "DELETE FROM object_body WHERE id = ?", arguments: [id]) }
    }

    public func bodyCount() throws -> Int {
        try database.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM object_body") ?? 0 }
    }
}
