/// Drives one operation on one stack through virtual time: create, update or delete, and the
/// rollback or cleanup that follows.
///
/// Each phase is a set of `StackJob`s ordered by the template's dependency graph (forwards to
/// create and update, backwards to delete). Nothing polls on a timer: the run looks at its running
/// jobs again whenever a resource's own service publishes a state change on the bus (an instance
/// becoming `running`, a stream `ACTIVE`), so each resource takes exactly its service's time.
final class StackRun {
    enum Mode { case create(rollback: Bool), update, delete }

    enum Phase { case forward, cleanup, rollback, rollbackCleanup, finished }

    unowned let service: StacksService
    let stack: Stack
    let mode: Mode
    let graph: DependencyGraph
    let evaluator: IntrinsicEvaluator
    let conditions: [String: Bool]
    /// The stack as it was before an update, to roll back to.
    let previous: StackSnapshot?
    private(set) var phase: Phase = .forward
    private var jobs: [StackJob] = []
    private var failures: [String] = []
    /// Physical resources an update left behind (replaced or removed), deleted during cleanup.
    var leftovers: [(logicalID: String, physicalID: String, type: String, retain: Bool)] = []
    /// What an update changed, so a rollback can undo exactly that.
    var updated: [String: StackResource] = [:]
    var added: [String] = []
    /// Resources the new template no longer has; deleted in cleanup, kept if the update rolls back.
    var removals: [(logicalID: String, physicalID: String, type: String, retain: Bool)] = []
    /// `DeleteStack --retain-resources`: kept like `DeletionPolicy: Retain`.
    var retained: Set<String> = []
    /// Set while `tick` runs; a state change published meanwhile asks for one more pass instead of re-entering.
    private var ticking = false
    private var tickAgain = false

    init(service: StacksService, stack: Stack, mode: Mode, graph: DependencyGraph, context: IntrinsicContext,
         conditions: [String: Bool], previous: StackSnapshot?) {
        self.service = service
        self.stack = stack
        self.mode = mode
        self.graph = graph
        self.conditions = conditions
        self.previous = previous
        var context = context
        context.conditions = conditions
        evaluator = IntrinsicEvaluator(context: context)
    }

    // MARK: - Running

    func begin() {
        switch mode {
        case .create:
            service.setStackStatus(stack, StackStatus.createInProgress, reason: "User Initiated")
            jobs = forwardJobs()
        case .update:
            service.setStackStatus(stack, StackStatus.updateInProgress, reason: "User Initiated")
            jobs = forwardJobs()
        case .delete:
            service.setStackStatus(stack, StackStatus.deleteInProgress, reason: "User Initiated")
            phase = .cleanup
            jobs = deleteJobs(for: stack.resources.filter { $0.status != StackStatus.deleteComplete }.map(\.logicalID))
        }
        tick()
    }

    /// Creates and updates not started yet, because what they wait for is not done.
    var pendingLogicalIDs: [String] { jobs.filter { $0.state == .waiting && $0.isForward }.map(\.logicalID) }

    private func isActive(_ resource: TemplateResource) -> Bool {
        resource.condition.map { conditions[$0] ?? false } ?? true
    }

    /// Runs everything that can happen at this instant; the bus calls it again on the next state change.
    func tick() {
        guard !ticking else { tickAgain = true; return }
        ticking = true
        defer { ticking = false }
        var changed = true
        while (changed || tickAgain) && phase != .finished {
            changed = false
            tickAgain = false
            for i in jobs.indices where jobs[i].state == .running {
                switch jobs[i].poll() {
                case .running: break
                case .done: jobs[i].state = .done; changed = true
                case .failed: fail(i); changed = true
                }
            }
            if !failures.isEmpty && phase == .forward {
                beginRollback()
                changed = true
                continue
            }
            let finished = Set(jobs.filter { $0.state == .done }.map(\.key))
            for i in jobs.indices where jobs[i].state == .waiting && jobs[i].waitsFor.allSatisfy(finished.contains) {
                jobs[i].state = .running
                switch jobs[i].start() {
                case .running: break
                case .done: jobs[i].state = .done
                case .failed: fail(i)
                }
                changed = true
            }
            if !failures.isEmpty && phase == .forward { continue }
            // A job waiting on one that failed can never start: it is given up, not left hanging.
            if !jobs.contains(where: { $0.state == .running }) {
                let failed = Set(jobs.filter { $0.state == .failed }.map(\.key))
                for i in jobs.indices where jobs[i].state == .waiting && jobs[i].waitsFor.contains(where: failed.contains) {
                    jobs[i].state = .failed
                    changed = true
                }
            }
            if jobs.allSatisfy({ $0.state == .done || $0.state == .failed }) {
                nextPhase()
                if phase == .finished { return }
                changed = true
            }
        }
    }

    private func fail(_ index: Int) {
        jobs[index].state = .failed
        if jobs[index].isForward { failures.append(jobs[index].logicalID) }
    }

    private func beginRollback() {
        for i in jobs.indices where jobs[i].isForward && jobs[i].state == .running {
            jobs[i].cancel()
            jobs[i].state = .failed
        }
        let names = failures.joined(separator: ", ")
        switch mode {
        case let .create(rollback):
            let reason = "The following resource(s) failed to create: [\(names)]. "
            guard rollback else {
                service.setStackStatus(stack, StackStatus.createFailed, reason: reason)
                finish()
                return
            }
            service.setStackStatus(stack, StackStatus.rollbackInProgress, reason: reason + "Rollback requested by user.")
            phase = .rollback
            jobs = deleteJobs(for: stack.resources.filter { $0.status != StackStatus.deleteComplete }.map(\.logicalID))
        case .update:
            service.setStackStatus(stack, StackStatus.updateRollbackInProgress, reason: "The following resource(s) failed to update: [\(names)]. ")
            phase = .rollback
            leftovers = []
            jobs = restoreJobs()
        case .delete:
            break
        }
        failures = []
    }

    private func nextPhase() {
        switch (mode, phase) {
        case (.create, .forward):
            service.recordOutputs(stack, evaluator: evaluator, conditions: conditions)
            service.setStackStatus(stack, StackStatus.createComplete, reason: nil)
            finish()
        case (.create, _):
            let failed = failedDeletions
            service.setStackStatus(stack, failed.isEmpty ? StackStatus.rollbackComplete : StackStatus.rollbackFailed,
                                   reason: failed.isEmpty ? nil : "The following resource(s) failed to delete: [\(failed.joined(separator: ", "))]. ")
            finish()
        case (.update, .forward):
            service.recordOutputs(stack, evaluator: evaluator, conditions: conditions)
            service.setStackStatus(stack, StackStatus.updateCleanup, reason: nil)
            phase = .cleanup
            stack.graph = graph
            stack.resourceOrder = StacksService.order(graph, plus: stack.resourceOrder)
            // Replaced resources go newest-dependent first, then resources the template dropped.
            leftovers = leftovers.reversed() + removals
            jobs = leftoverJobs()
        case (.update, .cleanup):
            service.setStackStatus(stack, StackStatus.updateComplete, reason: nil)
            finish()
        case (.update, .rollback):
            if let previous { previous.restore(into: stack) }
            service.setStackStatus(stack, StackStatus.updateRollbackCleanup, reason: nil)
            phase = .rollbackCleanup
            jobs = leftoverJobs()
        case (.update, _):
            service.setStackStatus(stack, StackStatus.updateRollbackComplete, reason: nil)
            finish()
        case (.delete, _):
            let failed = failedDeletions
            if !failed.isEmpty {
                service.setStackStatus(stack, StackStatus.deleteFailed, reason: "The following resource(s) failed to delete: [\(failed.joined(separator: ", "))]. ")
            } else {
                service.finishDeletion(stack)
            }
            finish()
        }
    }

    /// Resources whose deletion failed in this run (those behind them were never attempted).
    private var failedDeletions: [String] {
        jobs.filter { $0.state == .failed && stack.resource($0.logicalID)?.status == StackStatus.deleteFailed }.map(\.logicalID)
    }

    private func finish() {
        phase = .finished
        jobs = []
        stack.run = nil
    }

    // MARK: - Building jobs

    /// Create or update every active resource of the template, in dependency order.
    private func forwardJobs() -> [StackJob] {
        let active = Set(stack.template.resources.filter(isActive).map(\.logicalID))
        return graph.order.compactMap { id -> StackJob? in
            guard active.contains(id), let resource = stack.template.resource(id) else { return nil }
            let waits = graph.dependencies[id, default: []].filter(active.contains)
            if let existing = stack.resource(id), existing.status != StackStatus.deleteComplete, existing.physicalID != nil {
                return ResourceJobs.update(self, resource, existing: existing, waitsFor: waits)
            }
            return ResourceJobs.create(self, resource, waitsFor: waits)
        }
    }

    /// Delete the named resources, each after everything that depends on it.
    func deleteJobs(for logicalIDs: [String]) -> [StackJob] {
        let targets = Set(logicalIDs)
        let order = stack.resourceOrder.filter(targets.contains)
        return order.reversed().map { id in
            let dependents = order.filter { other in stack.graph.dependencies[other, default: []].contains(id) }
            return ResourceJobs.delete(self, logicalID: id, waitsFor: dependents)
        }
    }

    /// Delete what an update left behind: replaced physical resources and removed resources.
    private func leftoverJobs() -> [StackJob] {
        let items = leftovers
        leftovers = []
        return items.enumerated().map { index, item in
            ResourceJobs.deleteLeftover(self, item, key: "leftover-\(index)", waitsFor: index > 0 ? ["leftover-\(index - 1)"] : [])
        }
    }

    /// Undo an update: put back each updated resource, delete what it added.
    private func restoreJobs() -> [StackJob] {
        var out: [StackJob] = []
        for id in stack.resourceOrder.reversed() {
            if added.contains(id) {
                if let resource = stack.resource(id), let physical = resource.physicalID {
                    leftovers.append((id, physical, resource.resourceType, false))
                }
                continue
            }
            guard let before = updated[id] else { continue }
            out.append(ResourceJobs.restore(self, before: before))
        }
        return out
    }
}
