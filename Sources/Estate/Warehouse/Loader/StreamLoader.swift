import GRDB

/// Delivers a stream's JSON records into a warehouse table in micro-batches, as Kinesis Data
/// Firehose does: records are buffered and loaded every `bufferInterval` (Firehose's buffering
/// hint) or as soon as `bufferRecords` are waiting, with JSON keys matched to column names like
/// `COPY … JSON 'auto'`. Records that do not fit land in STL_LOAD_ERRORS.
///
/// It reads the stream through Kinesis' live tail (the public read API the dashboard uses) once a
/// virtual second, so the tail's ring never overflows at the rates the simulator produces.
public final class StreamLoader {
    public let name: String
    public let streamName: String
    public let clusterIdentifier: String
    public let table: String
    public let bufferInterval: SimDuration
    public let bufferRecords: Int
    public private(set) var recordsLoaded = 0
    public private(set) var recordsFailed = 0
    /// Records the tail had dropped before the loader read them.
    public private(set) var recordsMissed = 0
    public private(set) var batches = 0
    public private(set) var isRunning = true

    let read: (UInt64) -> TailPage
    let database: WarehouseDatabase
    let scheduler: Scheduler
    private var cursor: UInt64
    private var buffer: [(line: String, file: String)] = []
    private var lastFlush: SimInstant
    private var task: Scheduler.TaskID?

    init(name: String, streamName: String, clusterIdentifier: String, table: String, bufferInterval: SimDuration, bufferRecords: Int,
         database: WarehouseDatabase, scheduler: Scheduler, startCursor: UInt64, read: @escaping (UInt64) -> TailPage) {
        self.name = name
        self.streamName = streamName
        self.clusterIdentifier = clusterIdentifier
        self.table = table
        self.bufferInterval = bufferInterval
        self.bufferRecords = bufferRecords
        self.database = database
        self.scheduler = scheduler
        self.read = read
        cursor = startCursor
        lastFlush = scheduler.now
        schedulePoll()
    }

    public func stop() {
        isRunning = false
        if let task { scheduler.cancel(task) }
    }

    private func schedulePoll() {
        task = scheduler.schedule(after: .seconds(1)) { [weak self] in self?.poll() }
    }

    private func poll() {
        guard isRunning else { return }
        while true {
            let page = read(cursor)
            recordsMissed += Int(page.skipped)
            cursor = page.nextCursor
            for r in page.records {
                buffer.append((String(decoding: r.data, as: UTF8.self), "kinesis://\(streamName)/\(r.shardID)/\(r.sequenceNumber)"))
            }
            if page.records.isEmpty || page.records.count < 5_000 { break }
        }
        if buffer.count >= bufferRecords || scheduler.now - lastFlush >= bufferInterval { flush() }
        schedulePoll()
    }

    /// Loads the buffered records now.
    public func flush() {
        lastFlush = scheduler.now
        guard !buffer.isEmpty, let state = database.tables[table] else { return }
        let columns = state.definition.columns.filter { $0.identity == nil }
        var options = WarehouseDatabase.TransferOptions()
        options.format = "JSON"
        var rows: [[DatabaseValue]] = []
        for (n, item) in buffer.enumerated() {
            switch LoadRowParser.parse(item.line, columns: columns, options: options) {
            case let .success(values): rows.append(values)
            case let .failure(p):
                recordsFailed += 1
                database.recordLoadError(LoadErrorRecord(query: 0, tableID: state.tableID, fileName: item.file, lineNumber: n + 1,
                                                         columnName: p.column, rawLine: String(item.line.prefix(1024)), rawFieldValue: p.value,
                                                         errorCode: p.code, reason: p.reason, startTime: scheduler.now))
            }
        }
        buffer.removeAll(keepingCapacity: true)
        database.session.now = scheduler.now
        do {
            try database.bulkLoad(table: table, columns: columns.map(\.name), rows: rows)
            recordsLoaded += rows.count
            batches += 1
        } catch {
            recordsFailed += rows.count
        }
    }

    public var json: JSONValue {
        ["LoaderName": .string(name), "StreamName": .string(streamName), "ClusterIdentifier": .string(clusterIdentifier),
         "Table": .string(table), "BufferIntervalSeconds": .int(bufferInterval.milliseconds / 1000), "BufferRecords": .int(Int64(bufferRecords)),
         "RecordsLoaded": .int(Int64(recordsLoaded)), "RecordsFailed": .int(Int64(recordsFailed)), "RecordsMissed": .int(Int64(recordsMissed)),
         "Batches": .int(Int64(batches)), "Running": .bool(isRunning)]
    }
}
