/// The objects rolling-object sinks wrote, kept by the Jobs service until an S3 service exists
/// (then `ObjectSinkTarget` is pointed at it instead).
public final class JobObjectStore: ObjectSinkTarget {
    public struct StoredObject: Sendable, Equatable {
        public let bucket: String
        public let key: String
        public let body: String
        public let lastModified: SimInstant
        public var size: Int { body.utf8.count }
    }

    public private(set) var objects: [StoredObject] = []

    public func putObject(bucket: String, key: String, body: String, at now: SimInstant) {
        objects.removeAll { $0.bucket == bucket && $0.key == key }
        objects.append(StoredObject(bucket: bucket, key: key, body: body, lastModified: now))
    }

    /// Objects of a bucket in key order, as ListObjectsV2 lists them.
    public func objects(in bucket: String) -> [StoredObject] {
        objects.filter { $0.bucket == bucket }.sorted { $0.key < $1.key }
    }
}

/// The rows table sinks wrote, kept by the Jobs service until the warehouse takes them
/// (then `TableSinkTarget` is pointed at it instead).
public final class JobTableStore: TableSinkTarget {
    public private(set) var tables: [String: [JSONValue]] = [:]
    /// Rows kept per table; older rows are dropped first so memory stays bounded.
    public static let rowBudget = 10_000

    public func insert(table: String, rows: [JSONValue], at now: SimInstant) {
        var existing = tables[table] ?? []
        existing.append(contentsOf: rows)
        if existing.count > Self.rowBudget { existing.removeFirst(existing.count - Self.rowBudget) }
        tables[table] = existing
    }

    public func rows(of table: String) -> [JSONValue] { tables[table] ?? [] }
}
