import HeapModule

/// Virtual time and the work due in it.
///
/// Modelled on SwiftNIO's `EmbeddedEventLoop`: tasks wait in a priority queue ordered by due time
/// and then by insertion order, and time moves only when someone advances it. Advancing runs every
/// task due up to the target, each with the clock set to that task's own due time, so a task that
/// schedules another within the window sees it run in the same advance.
public final class Scheduler {
    /// A handle for cancelling a scheduled task.
    public struct TaskID: Hashable, Sendable { let sequence: UInt64 }

    private struct Entry: Comparable {
        let due: SimInstant
        let sequence: UInt64
        static func < (a: Entry, b: Entry) -> Bool { (a.due, a.sequence) < (b.due, b.sequence) }
        static func == (a: Entry, b: Entry) -> Bool { a.sequence == b.sequence }
    }

    public private(set) var now: SimInstant
    private var queue = Heap<Entry>()
    private var actions: [UInt64: () -> Void] = [:]
    private var nextSequence: UInt64 = 0

    public init(start: SimInstant = .zero) { now = start }

    /// Number of tasks still waiting.
    public var pendingCount: Int { actions.count }

    /// The due time of the next task, if any.
    public var nextDue: SimInstant? {
        while let top = queue.min, actions[top.sequence] == nil { _ = queue.popMin() }
        return queue.min?.due
    }

    @discardableResult
    public func schedule(at due: SimInstant, _ action: @escaping () -> Void) -> TaskID {
        let sequence = nextSequence
        nextSequence += 1
        // A task can never be due in the past: it would break the order everyone else saw.
        queue.insert(Entry(due: max(due, now), sequence: sequence))
        actions[sequence] = action
        return TaskID(sequence: sequence)
    }

    @discardableResult
    public func schedule(after delay: SimDuration, _ action: @escaping () -> Void) -> TaskID {
        schedule(at: now + delay, action)
    }

    public func cancel(_ id: TaskID) {
        actions[id.sequence] = nil
    }

    /// Runs every task due at or before `target`, then leaves the clock at `target`.
    public func advance(to target: SimInstant) {
        while let top = queue.min, top.due <= target {
            _ = queue.popMin()
            guard let action = actions.removeValue(forKey: top.sequence) else { continue }
            now = top.due
            action()
        }
        if target > now { now = target }
    }

    public func advance(by duration: SimDuration) {
        advance(to: now + duration)
    }
}
