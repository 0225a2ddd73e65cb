/// Rolling objects of newline-delimited JSON, one per completed checkpoint (Flink's file sink
/// rolls part files on checkpoint), named `PREFIX/YYYY-MM-DD--HH/part-RUN-N.json`.
final class ObjectsJobSink: JobSink {
    let bucket: String
    let prefix: String
    let target: ObjectSinkTarget
    let runLabel: String
    private var staged: [String] = []
    private var partNumber = 0

    init(bucket: String, prefix: String, target: ObjectSinkTarget, runLabel: String) {
        self.bucket = bucket
        self.prefix = prefix
        self.target = target
        self.runLabel = runLabel
    }

    var label: String { "Sink: Objects(s3://\(bucket)/\(prefix))" }
    var isTransactional: Bool { true }

    func write(_ records: ArraySlice<JobOutputRecord>, at now: SimInstant) -> Int {
        staged.append(contentsOf: records.map { $0.value.serialized() })
        return records.count
    }

    func commit(at now: SimInstant) {
        guard !staged.isEmpty else { return }
        let hour = String(SimCalendar.iso8601(now).prefix(13)).replacingOccurrences(of: "T", with: "--")
        let key = "\(prefix)\(prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/")\(hour)/part-\(runLabel)-\(partNumber).json"
        partNumber += 1
        target.putObject(bucket: bucket, key: key, body: staged.joined(separator: "\n") + "\n", at: now)
        staged.removeAll()
    }

    func abort() { staged.removeAll() }
}

/// Rows of a warehouse table, inserted when the checkpoint covering them completes.
final class TableJobSink: JobSink {
    let table: String
    let target: TableSinkTarget
    private var staged: [JSONValue] = []

    init(table: String, target: TableSinkTarget) {
        self.table = table
        self.target = target
    }

    var label: String { "Sink: Table(\(table))" }
    var isTransactional: Bool { true }

    func write(_ records: ArraySlice<JobOutputRecord>, at now: SimInstant) -> Int {
        staged.append(contentsOf: records.map(\.value))
        return records.count
    }

    func commit(at now: SimInstant) {
        guard !staged.isEmpty else { return }
        target.insert(table: table, rows: staged, at: now)
        staged.removeAll()
    }

    func abort() { staged.removeAll() }
}

/// Documents of a search index, upserted by id when the checkpoint covering them completes.
final class SearchJobSink: JobSink {
    let indexName: String
    let target: DocumentSinkTarget
    private var staged: [(id: String?, source: JSONValue)] = []

    init(index: String, retention: SimDuration?, target: DocumentSinkTarget) {
        self.indexName = index
        self.target = target
        if let retention { target.setRetention(retention, of: index) }
    }

    var label: String { "Sink: Search(\(indexName))" }
    var isTransactional: Bool { true }

    func write(_ records: ArraySlice<JobOutputRecord>, at now: SimInstant) -> Int {
        staged.append(contentsOf: records.map { ($0.id, $0.value) })
        return records.count
    }

    func commit(at now: SimInstant) {
        guard !staged.isEmpty else { return }
        target.index(indexName, documents: staged, at: now)
        staged.removeAll()
    }

    func abort() { staged.removeAll() }
}
