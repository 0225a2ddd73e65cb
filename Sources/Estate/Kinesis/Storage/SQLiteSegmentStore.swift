import Foundation
import GRDB

/// The cold tier in SQLite: one table of segments keyed by (stream, tag, shard, first ordinal).
///
/// The estate is rebuilt from its config and seed at every start, so the table is emptied when
/// the store opens and nothing here needs to survive a crash: journaling and fsync are off, which
/// keeps a spill at the cost of a memcpy into the page cache.
public final class SQLiteSegmentStore: SegmentStore {
    private let database: DatabaseQueue

    /// The file `segments.sqlite` in `directory`, or an in-memory database when `directory` is nil.
    public init(directory: String?) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
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
                    records BLOB NOT NULL,
                    PRIMARY KEY (stream, stream_tag, shard, first_ordinal)
                ) WITHOUT ROWID
                """)
        }
    }

    public static let fileName = "segments.sqlite"

    private static func arguments(_ key: SegmentKey) -> StatementArguments {
        [key.streamName, Int64(bitPattern: key.streamTag), key.shardIndex, Int64(bitPattern: key.firstOrdinal)]
    }

    public func write(_ key: SegmentKey, recordCount: Int, firstArrivalMilliseconds: Int64, lastArrivalMilliseconds: Int64,
                      blob: [UInt8]) throws {
        var arguments = Self.arguments(key)
        arguments += [recordCount, firstArrivalMilliseconds, lastArrivalMilliseconds, Data(blob)]
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO segment
                (stream, stream_tag, shard, first_ordinal, record_count, first_arrival_ms, last_arrival_ms, records)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
        }
    }

    public func read(_ key: SegmentKey) throws -> [UInt8]? {
        let arguments = Self.arguments(key)
        let data = try database.read { db in
            try Data.fetchOne(db, sql: "SELECT records FROM segment WHERE stream = ? AND stream_tag = ? AND shard = ? AND first_ordinal = ?",
                              arguments: arguments)
        }
        return data.map { [UInt8]($0) }
    }

    public func delete(_ key: SegmentKey) throws {
        let arguments = Self.arguments(key)
        try database.write { db in
            try db.execute(sql: "DELETE FROM segment WHERE stream = ? AND stream_tag = ? AND shard = ? AND first_ordinal = ?",
                           arguments: arguments)
        }
    }

    public func deleteStream(tag: UInt64) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM segment WHERE stream_tag = ?", arguments: [Int64(bitPattern: tag)])
        }
    }

    public func segmentCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment") ?? 0 }
    }
}
