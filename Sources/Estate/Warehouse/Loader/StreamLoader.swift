import GRDB

/// Delivers a stream's JSON records into a warehouse table in micro-batches, as Kinesis Data
/// Firehose does: records are buffered and loaded every `bufferInterval` (Firehose's buffering
/// hint) or as soon as `bufferRecords` are waiting, with JSON keys matched to column names like
/// `COPY … JSON 'auto'`. Records that do not fit land in STL_LOAD_ERRORS.
///
/// It reads the stream through Kinesis' live tail (what the dashboard's tail reads) once a virtual
/// second, so the tail's ring never overflows at the rates the simulator produces.
///
/// `sampleOneIn` above 1 stands for a Firehose record transformation that keeps one record in N
/// and marks the rest Dropped (a transformation Lambda may drop records): the default estate
/// samples its busy streams so that fast-forwarding a day does not load millions of rows.
public final class StreamLoader {
    public let name: String
    public let streamName: String
    public let clusterIdentifier: String
    public let table: String
    public let bufferInterval: SimDuration
    public let bufferRecords: Int
    /// Keeps arrival 0, N, 2N, … of the stream; 1 keeps every record.
    public let sampleOneIn: Int
    public private(set) var recordsLoaded = 0
    /// Records the transformation dropped (not sampled).
    public private(set) var recordsDropped = 0
    public private(set) var recordsFailed = 0
    /// Records the tail had dropped before the loader read them.
    public private(set) var recordsMissed = 0
    public private(set) var batches = 0
    public private(set) var isRunning = true

    /// Reads arrivals from a cursor, one in `sampleOneIn`: (records, next cursor, missed).
    let read: (UInt64) -> SampledPage
    let database: WarehouseDatabase
    let scheduler: Scheduler
    private var cursor: UInt64
    /// Arrivals accounted for as kept, dropped or missed.
    private var counted: UInt64
    private var buffer: [LoaderRecord] = []
    /// Reads a synthetic record's fields from its generator; off, every record's JSON is written
    /// and parsed, as a user's is (tests compare the two).
    var readsSyntheticFields = true
    /// A synthetic record's field texts, reused from record to record.
    private var fieldScratch: [String] = []
    private var lastFlush: SimInstant
    private var task: Scheduler.TaskID?

    init(name: String, streamName: String, clusterIdentifier: String, table: String, bufferInterval: SimDuration, bufferRecords: Int,
         sampleOneIn: Int = 1, database: WarehouseDatabase, scheduler: Scheduler, startCursor: UInt64,
         read: @escaping (UInt64) -> SampledPage) {
        self.name = name
        self.streamName = streamName
        self.clusterIdentifier = clusterIdentifier
        self.table = table
        self.bufferInterval = bufferInterval
        self.bufferRecords = bufferRecords
        self.sampleOneIn = max(1, sampleOneIn)
        self.database = database
        self.scheduler = scheduler
        self.read = read
        cursor = startCursor
        counted = startCursor
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
        let page = read(cursor)
        // Every arrival since the last read was kept, missed or dropped by the sampling.
        recordsDropped += Int(page.arrivals - min(counted, page.arrivals)) - page.records.count - page.missed
        counted = max(counted, page.arrivals)
        recordsMissed += page.missed
        cursor = page.next
        buffer += page.records
        if buffer.count >= bufferRecords || scheduler.now - lastFlush >= bufferInterval { flush() }
        schedulePoll()
    }

    /// Loads the buffered records now.
    ///
    /// A synthetic record's fields come from its generator (`PayloadTemplate.fields`) rather than
    /// from writing its JSON and parsing it back; each column still goes through the same match of
    /// keys and the same conversion, so the rows and the load errors are those of the JSON path.
    public func flush() {
        lastFlush = scheduler.now
        guard !buffer.isEmpty, let state = database.tables[table] else { return }
        let columns = state.definition.columns.filter { $0.identity == nil }
        var options = WarehouseDatabase.TransferOptions()
        options.format = "JSON"
        var keyOfColumn: [PayloadTemplate: [Int?]] = [:]
        var rows: [[DatabaseValue]] = []
        rows.reserveCapacity(buffer.count)
        var fields: [String?] = []
        for (n, record) in buffer.enumerated() {
            let result: Result<[DatabaseValue], LoadRowParser.Problem>
            switch record.content {
            case let .synthetic(source, keyIndex, position) where readsSyntheticFields:
                let template = source.template
                let keys = keyOfColumn[template] ?? {
                    let names = template.fieldNames
                    let found = columns.map { c in LoadRowParser.matchingKey(c.name, count: names.count, key: { names[$0] }) }
                    keyOfColumn[template] = found
                    return found
                }()
                source.fields(keyIndex: keyIndex, at: record.arrival, position: position, into: &fieldScratch)
                fields.removeAll(keepingCapacity: true)
                for k in keys { fields.append(k.map { fieldScratch[$0] }) }
                result = LoadRowParser.row(fields, columns: columns, options: options)
            default:
                result = LoadRowParser.parse(String(decoding: record.data, as: UTF8.self), columns: columns, options: options)
            }
            switch result {
            case let .success(values): rows.append(values)
            case let .failure(p):
                recordsFailed += 1
                let line = String(decoding: record.data, as: UTF8.self)
                database.recordLoadError(LoadErrorRecord(query: 0, tableID: state.tableID,
                                                         fileName: "kinesis://\(streamName)/\(record.shardID)/\(record.sequenceNumber)", lineNumber: n + 1,
                                                         columnName: p.column, rawLine: String(line.prefix(1024)), rawFieldValue: p.value,
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
         "Table": .string(table), "BufferIntervalSeconds": .int(bufferInterval.milliseconds / 1000), "BufferRecords": .int(Int64(bufferRecords)), "SampleOneIn": .int(Int64(sampleOneIn)),
         "RecordsLoaded": .int(Int64(recordsLoaded)), "RecordsDropped": .int(Int64(recordsDropped)), "RecordsFailed": .int(Int64(recordsFailed)), "RecordsMissed": .int(Int64(recordsMissed)),
         "Batches": .int(Int64(batches)), "Running": .bool(isRunning)]
    }
}
