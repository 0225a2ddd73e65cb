import DequeModule

/// A WLM queue (service class) and its concurrency slots.
public struct WLMQueue: Equatable, Sendable {
    public var name: String
    public var slots: Int
    /// STV_WLM_QUERY_STATE.service_class: user queues are numbered from 6.
    public var serviceClass: Int

    /// Manual WLM's default: one queue of five slots (AWS's Redshift documentation).
    public static let defaultQueues = [WLMQueue(name: "default", slots: 5, serviceClass: 6)]
}

/// Runs a cluster's queries through WLM in virtual time.
///
/// A submitted query waits *queued* until its queue has a free slot, then *runs* for the time the
/// cost model gives it, then executes for real on the cluster's database and is *completed* or
/// *failed* with SQLite's answer. Executing at the end means a cancelled query changes nothing.
/// Catalog-only queries run on the leader and take no slot, as on Redshift.
public final class WorkloadManager {
    public let queues: [WLMQueue]
    let scheduler: Scheduler
    let database: WarehouseDatabase
    let publish: (WarehouseEvent.Kind) -> Void
    var nodeType: NodeType
    public private(set) var records: [QueryRecord] = []
    private var indexByQuery: [Int: Int] = [:]
    private var waiting: [Int: Deque<Int>] = [:]
    private var runningCount: [Int: Int] = [:]
    private var finishTasks: [Int: Scheduler.TaskID] = [:]
    /// Queries holding a WLM slot (catalog-only ones run on the leader without one).
    private var slotHolders: Set<Int> = []
    /// The transaction block a query runs in, for queries a connection sent inside one.
    private var blockByQuery: [Int: Int] = [:]
    private var nextQuery = 1000
    private var nextPid = 30_000
    private var nextXid = 5_000
    /// Finished queries kept for the system tables; older ones are dropped.
    public static let historyLimit = 2_000

    init(queues: [WLMQueue], scheduler: Scheduler, database: WarehouseDatabase, nodeType: NodeType,
         publish: @escaping (WarehouseEvent.Kind) -> Void) {
        self.queues = queues
        self.scheduler = scheduler
        self.database = database
        self.nodeType = nodeType
        self.publish = publish
        database.queryLog = { [unowned self] in self.records }
        database.cancelHandler = { [unowned self] pid in self.cancel(pid: pid) }
    }

    public func record(_ query: Int) -> QueryRecord? { indexByQuery[query].map { records[$0] } }

    public var active: [QueryRecord] { records.filter { !$0.state.isDone } }

    /// Queues a statement; it starts as soon as a slot is free (maybe at once). `block`: the
    /// connection's transaction block it belongs to, whose undo log captures what it changes.
    @discardableResult
    public func submit(_ sql: String, user: String, queue: String? = nil, block: Int? = nil) -> Int {
        let q = queues.first { $0.name == queue } ?? queues[0]
        nextQuery += 1; nextPid += 1; nextXid += 1
        let record = QueryRecord(query: nextQuery, pid: nextPid, xid: nextXid, userName: user, database: "dev", text: sql,
                                 state: .queued, serviceClass: q.serviceClass, queueName: q.name, submittedAt: scheduler.now,
                                 startedAt: nil, endedAt: nil, plannedDuration: .zero, steps: [], error: nil, result: [])
        indexByQuery[record.query] = records.count
        records.append(record)
        if let block { blockByQuery[record.query] = block }
        let tokens = (try? SQLLexer.tokenize(sql)).map(DialectRewriter.significant) ?? []
        if database.isCatalogOnly(tokens) {
            start(record.query, takesSlot: false)
        } else if runningCount[q.serviceClass, default: 0] < q.slots {
            start(record.query, takesSlot: true)
        } else {
            waiting[q.serviceClass, default: []].append(record.query)
            publish(.queryStateChanged(query: record.query, state: "Queued"))
        }
        return record.query
    }

    private func start(_ query: Int, takesSlot: Bool) {
        guard let i = indexByQuery[query] else { return }
        if takesSlot { runningCount[records[i].serviceClass, default: 0] += 1; slotHolders.insert(query) }
        records[i].state = .running
        records[i].startedAt = scheduler.now
        let (duration, steps) = price(records[i].text)
        records[i].plannedDuration = duration
        records[i].steps = steps
        publish(.queryStateChanged(query: query, state: "Running"))
        finishTasks[query] = scheduler.schedule(after: duration) { [weak self] in self?.finish(query) }
    }

    /// The cost model's duration for every statement in the text.
    func price(_ sql: String) -> (SimDuration, [QueryStep]) {
        guard let tokens = try? SQLLexer.tokenize(sql) else { return (.milliseconds(1), []) }
        var micro: Int64 = 0
        var steps: [QueryStep] = []
        var planner = QueryPlanner(database: database)
        planner.scanRowsPerSecondPerSlice = nodeType.scanRowsPerSecondPerSlice
        for statement in SQLLexer.statements(tokens) {
            let s = DialectRewriter.significant(statement)
            if let plan = try? planner.plan(s) {
                micro += plan.durationMicroseconds
                steps += plan.steps
            } else {
                micro += QueryPlanner.leaderMicroseconds
            }
        }
        return (.milliseconds(max(1, (micro + 999) / 1000)), steps)
    }

    private func finish(_ query: Int) {
        guard let i = indexByQuery[query], records[i].state == .running else { return }
        finishTasks[query] = nil
        database.session.now = scheduler.now
        database.session.user = records[i].userName
        database.currentQuery = query
        database.runningBlock = blockByQuery.removeValue(forKey: query)
        do {
            records[i].result = try database.execute(records[i].text)
            records[i].state = .finished
        } catch {
            records[i].error = error
            records[i].state = .failed
        }
        database.runningBlock = nil
        records[i].endedAt = scheduler.now
        publish(.queryStateChanged(query: query, state: records[i].state.rawValue))
        if slotHolders.remove(query) != nil { release(serviceClass: records[i].serviceClass) }
        trimHistory()
    }

    private func release(serviceClass: Int) {
        runningCount[serviceClass, default: 1] -= 1
        if let next = waiting[serviceClass]?.popFirst() { start(next, takesSlot: true) }
    }

    /// Aborts a queued or running query (`CANCEL pid`, `cancel-statement`).
    @discardableResult
    public func cancel(query: Int) -> Bool {
        guard let i = indexByQuery[query], !records[i].state.isDone else { return false }
        let wasRunning = records[i].state == .running
        if let task = finishTasks.removeValue(forKey: query) { scheduler.cancel(task) }
        blockByQuery[query] = nil
        if !wasRunning { waiting[records[i].serviceClass]?.removeAll { $0 == query } }
        records[i].state = .aborted
        records[i].endedAt = scheduler.now
        records[i].error = SQLError(SQLError.cancelled, "Query (\(query)) cancelled on user's request")
        publish(.queryStateChanged(query: query, state: "Aborted"))
        if wasRunning, slotHolders.remove(query) != nil { release(serviceClass: records[i].serviceClass) }
        return true
    }

    public func cancel(pid: Int) -> Bool {
        guard let r = records.last(where: { $0.pid == pid && !$0.state.isDone }) else { return false }
        return cancel(query: r.query)
    }

    private func trimHistory() {
        let done = records.filter(\.state.isDone).count
        guard done > Self.historyLimit else { return }
        var drop = done - Self.historyLimit
        records.removeAll { r in
            if drop > 0, r.state.isDone { drop -= 1; return true }
            return false
        }
        indexByQuery = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.query, $0) })
    }
}
