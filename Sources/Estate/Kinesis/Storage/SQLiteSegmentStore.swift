import Foundation
import GRDB

/// The cold tier in SQLite: one table of segments keyed by (stream, tag, shard, first ordinal),
/// and one of S3 object bodies that passed S3's memory budget (`SQLiteSegmentStore+Objects`).
///
/// The estate is rebuilt from its config and seed at every start, so the table is emptied when
/// the store opens and nothing here needs to survive a crash: journaling and fsync are off, which
/// keeps a spill at the cost of a memcpy into the page cache. The file is this process's alone, so
/// it holds its lock for good: no statement re-reads the header to check for other writers. Each
/// statement is prepared once and each spill is one statement in autocommit, with no transaction
/// around it to begin and commit. Segments are kilobytes, so they live in an ordinary rowid table
/// under a small unique index: a `WITHOUT ROWID` table keeps whole rows in its interior pages,
/// which rows this large turn into chains of overflow pages.
public final class SQLiteSegmentStore: SegmentStore {
    let database: DatabaseQueue

    /// The file `segments.sqlite` in `directory`, or an in-memory database when `directory` is nil.
    public init(directory: String?) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            _ = try String.fetchOne(db, sql: "PRAGMA locking_mode = EXCLUSIVE")
        }
        if let directory {
            let path = (directory as NSString).appendingPathComponent(Self.fileName)
            database = try DatabaseQueue(path: path, configuration: configuration)
        } else {
            database = try DatabaseQueue(configuration: configuration)
        }
        try database.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS segment")
            try db.execute(sql: """
                CREATE TABLE segment (
                    stream TEXT NOT NULL,
                    stream_tag INTEGER NOT NULL,
                    shard INTEGER NOT NULL,
                    first_ordinal INTEGER NOT NULL,
                    record_count INTEGER NOT NULL,
                    first_arrival_ms INTEGER NOT NULL,
                    last_arrival_ms INTEGER NOT NULL,
                    records BLOB NOT NULL
                )
                """)
            try db.execute(sql: "CREATE UNIQUE INDEX segment_key ON segment (stream, stream_tag, shard, first_ordinal)")
            try db.execute(sql: "DROP TABLE IF EXISTS object_body")
            try db.execute(sql: "CREATE TABLE object_body (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
        }
    }

    public static let fileName = "segments.sqlite"

    private static func arguments(_ key: SegmentKey) -> StatementArguments {
        [key.streamName, Int64(bitPattern: key.streamTag), key.shardIndex, Int64(bitPattern: key.firstOrdinal)]
    }

    private static let insertSQL = """
        INSERT OR REPLACE INTO segment
        (stream, stream_tag, shard, first_ordinal, record_count, first_arrival_ms, last_arrival_ms, records)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let selectSQL = "SELECT records FROM segment WHERE stream = ? AND stream_tag = ? AND shard = ? AND first_ordinal = ?"
    private static let deleteSQL = "DELETE FROM segment WHERE stream = ? AND stream_tag = ? AND shard = ? AND first_ordinal = ?"

    public func write(_ key: SegmentKey, recordCount: Int, firstArrivalMilliseconds: Int64, lastArrivalMilliseconds: Int64,
                      blob: [UInt8]) throws {
        var arguments = Self.arguments(key)
        arguments += [recordCount, firstArrivalMilliseconds, lastArrivalMilliseconds, Data(blob)]
        try database.inDatabase { db in
            let statement = try db.cachedStatement(sql: Self.insertSQL)
            statement.setUncheckedArguments(arguments)
            try statement.execute()
        }
    }

    public func read(_ key: SegmentKey) throws -> [UInt8]? {
        let arguments = Self.arguments(key)
        let data = try database.inDatabase { db in
            let statement = try db.cachedStatement(sql: Self.selectSQL)
            statement.setUncheckedArguments(arguments)
            return try Data.fetchOne(statement)
        }
        return data.map { [UInt8]($0) }
    }

    public func delete(_ key: SegmentKey) throws {
        let arguments = Self.arguments(key)
        try database.inDatabase { db in
            let statement = try db.cachedStatement(sql: Self.deleteSQL)
            statement.setUncheckedArguments(arguments)
            try statement.execute()
        }
    }

    public func deleteStream(tag: UInt64) throws {
        try database.inDatabase { db in
            try db.execute(sql: "DELETE FROM segment WHERE stream_tag = ?", arguments: [Int64(bitPattern: tag)])
        }
    }

    public func segmentCount() throws -> Int {
        try database.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment") ?? 0 }
    }
}
