import Estate
import Foundation

/// Work handed to the estate's own thread from elsewhere (the HTTP server's threads).
///
/// The estate is confined to one thread (ARCHITECTURE.md). Network requests arrive on many; each
/// becomes a job here, and the thread that owns the estate runs the jobs in the order they came,
/// between its own clock steps. So the estate stays single-threaded, and a given order of
/// requests gives the same state.
public final class EstateMailbox: @unchecked Sendable {
    public typealias Job = @Sendable (Estate) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopRequested = false

    public init() {}

    /// Queues a job; the owner's next `drain` runs it.
    public func post(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `work` on the estate's thread and returns its answer to the caller's task.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (Estate) -> T) async -> T {
        await withCheckedContinuation { continuation in
            post { estate in continuation.resume(returning: work(estate)) }
        }
    }

    /// On the owning thread: runs every queued job, oldest first. Returns how many ran.
    @discardableResult
    public func drain(_ estate: Estate) -> Int {
        condition.lock()
        let batch = jobs
        jobs.removeAll(keepingCapacity: true)
        condition.unlock()
        for job in batch { job(estate) }
        return batch.count
    }

    /// On the owning thread: sleeps until a job arrives, a stop is asked for, or the timeout.
    public func wait(milliseconds: Int) {
        condition.lock()
        if jobs.isEmpty, !stopRequested {
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(max(0, milliseconds)) / 1000))
        }
        condition.unlock()
    }

    /// Asks the owner's loop to finish (from a signal handler's queue, say).
    public func requestStop() {
        condition.lock()
        stopRequested = true
        condition.signal()
        condition.unlock()
    }

    public var isStopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopRequested
    }
}
