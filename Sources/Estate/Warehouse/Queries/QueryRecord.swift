/// One query's life in the warehouse, as the WLM and the system tables see it.
public struct QueryRecord: Sendable {
    public enum State: String, Sendable {
        /// Waiting for a WLM slot.
        case queued = "Queued"
        case running = "Running"
        case finished = "Completed"
        case failed = "Failed"
        case aborted = "Aborted"

        public var isDone: Bool { self == .finished || self == .failed || self == .aborted }
    }

    /// STL_QUERY.query: the query id.
    public var query: Int
    public var pid: Int
    public var xid: Int
    public var userName: String
    public var database: String
    public var text: String
    public var state: State
    /// The WLM service class (queue): 6 is the first user queue, 5 the superuser queue.
    public var serviceClass: Int
    public var queueName: String
    public var submittedAt: SimInstant
    public var startedAt: SimInstant?
    public var endedAt: SimInstant?
    /// The execution time the cost model gave this query.
    public var plannedDuration: SimDuration
    /// Cost model steps, for SVL_QUERY_SUMMARY.
    public var steps: [QueryStep]
    public var error: SQLError?
    public var result: [StatementResult]

    /// µs spent waiting for a slot, so far or in all.
    public func queueMicroseconds(now: SimInstant) -> Int64 {
        ((startedAt ?? now) - submittedAt).milliseconds * 1000
    }

    public func execMicroseconds(now: SimInstant) -> Int64 {
        guard let s = startedAt else { return 0 }
        return ((endedAt ?? now) - s).milliseconds * 1000
    }
}

/// One step of a query plan with its cost, as SVL_QUERY_SUMMARY lists them.
public struct QueryStep: Equatable, Sendable {
    public var stream: Int
    public var segment: Int
    public var step: Int
    /// `scan`, `hjoin`, `bcast`, `dist`, `aggr`, `return`, …
    public var label: String
    public var rows: Int
    public var bytes: Int
    /// µs the slowest slice spent.
    public var maxTimeMicroseconds: Int64
    public var avgTimeMicroseconds: Int64
}

/// A line COPY rejected: STL_LOAD_ERRORS.
public struct LoadErrorRecord: Sendable {
    public var query: Int
    public var tableID: Int
    public var fileName: String
    public var lineNumber: Int
    public var columnName: String
    public var rawLine: String
    public var rawFieldValue: String
    public var errorCode: Int
    public var reason: String
    public var startTime: SimInstant
}

/// Read and write access to objects, for COPY, UNLOAD and Spectrum; S3 provides it.
public protocol ObjectStore: AnyObject {
    /// Objects under `s3://bucket/prefix`, by key order: (key, bytes).
    func objects(bucket: String, prefix: String) throws(SQLError) -> [(key: String, body: [UInt8])]
    func putObject(bucket: String, key: String, body: [UInt8]) throws(SQLError)
}

/// A Spectrum table: its columns and where its files live.
public struct ExternalTable: Sendable {
    public var schema: String
    public var name: String
    public var columns: [ColumnDefinition]
    public var location: String
    public var delimiter: Character
    public var skipHeaderLines: Int
}
