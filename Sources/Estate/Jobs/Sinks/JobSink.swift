/// A record leaving a job for a sink.
public struct JobOutputRecord: Sendable, Equatable {
    /// Stable identity (window results: output, key and window start), so a sink that upserts
    /// turns a late re-firing into a replacement rather than a second row.
    public var id: String?
    public var key: String
    public var value: JSONValue
}

/// Where a job writes. Sinks are behind this protocol so each can be pointed at the real service
/// (S3, the warehouse) as those appear, without touching the runtime.
///
/// Exactly-once sinks are transactional, like Flink's two-phase-commit sinks: writes are staged
/// and become visible only when the checkpoint covering them completes; a failure aborts them and
/// the restored job writes them again. The Kinesis sink is at-least-once, as AWS's own connector.
public protocol JobSink: AnyObject {
    /// The operator name in the graph: `Sink: Search(page-views)`.
    var label: String { get }
    var isTransactional: Bool { get }
    /// Hands over records in order; returns how many the target took now. The rest stay in the
    /// job's output buffer, which is what backpressures the source.
    func write(_ records: ArraySlice<JobOutputRecord>, at now: SimInstant) -> Int
    /// Makes staged writes visible (checkpoint complete).
    func commit(at now: SimInstant)
    /// Drops staged writes (task failure).
    func abort()
}

/// A place to put objects, the S3 part a rolling-object sink needs.
public protocol ObjectSinkTarget: AnyObject {
    func putObject(bucket: String, key: String, body: String, at now: SimInstant)
}

/// A place to append rows, the warehouse part a table sink needs.
public protocol TableSinkTarget: AnyObject {
    func insert(table: String, rows: [JSONValue], at now: SimInstant)
}

/// A place to index documents, the search part a search sink needs.
public protocol DocumentSinkTarget: AnyObject {
    func index(_ index: String, documents: [(id: String?, source: JSONValue)], at now: SimInstant)
    /// Keeps the index's documents for `retention` after they were indexed (nil: for ever).
    func setRetention(_ retention: SimDuration?, of index: String)
}
