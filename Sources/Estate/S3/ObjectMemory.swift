import DequeModule

/// S3's memory tier: object bodies stay in memory until they pass a budget, then the oldest move
/// to the state folder, as stream records do (see `RecordStore`).
///
/// Bodies are spilled in the order they were put, so what is on disk depends only on the order of
/// operations, never on timing; nothing a reader can observe changes.
final class ObjectMemory {
    /// 64 MiB: COPY inputs, UNLOAD outputs and job sinks' rolling files are kilobytes to megabytes.
    static let defaultBudgetBytes = 64 << 20

    var budgetBytes: Int
    private(set) var memoryBytes = 0
    /// Bodies moved to disk so far.
    private(set) var spilled = 0
    /// The last disk failure; after one, bodies stay in memory.
    private(set) var lastError: String?
    private let store: (any ObjectBodyStore)?
    private var nextID: Int64 = 1
    private var order: Deque<Weak> = []

    private struct Weak {
        weak var body: ObjectBody?
    }

    init(store: (any ObjectBodyStore)?, budgetBytes: Int = ObjectMemory.defaultBudgetBytes) {
        self.store = store
        self.budgetBytes = budgetBytes
    }

    /// A new body, counted against the budget; older bodies spill if it is passed.
    func body(_ bytes: [UInt8]) -> ObjectBody {
        let body = ObjectBody(id: nextID, bytes: bytes)
        nextID += 1
        memoryBytes += body.count
        order.append(Weak(body: body))
        spillOverBudget()
        return body
    }

    /// Its object was deleted or overwritten: it no longer counts, even if a copy lingers.
    func release(_ body: ObjectBody) {
        guard body.counted else { return }
        body.counted = false
        memoryBytes -= body.count
    }

    private func spillOverBudget() {
        guard let store, lastError == nil else { return }
        while memoryBytes > budgetBytes, let next = order.popFirst() {
            guard let body = next.body, body.counted, body.isInMemory, body.count > 0 else { continue }
            do {
                try body.spill(to: store)
            } catch {
                lastError = "\(error)"
                order.prepend(next)
                return
            }
            body.counted = false
            memoryBytes -= body.count
            spilled += 1
        }
    }
}
