import Estate
import Terminal

/// One stack as the list and the Overview show it.
public struct StackSummary: Sendable, Equatable {
    public var name: String
    public var status: String
    public var reason: String?
    /// Resources whose own operation is over (complete), and all the stack has or will have.
    public var resourcesDone: Int
    public var resourcesTotal: Int
    public var driftStatus: String
    public var drifted: Int
    public var created: SimInstant
    public var updated: SimInstant?
    public var description: String
}

/// A resource row of the tree: one resource in dependency order, indented by how deep it sits.
public struct StackResourceRow: Sendable {
    public var logicalID: String
    public var type: String
    /// `PENDING` until the stack starts it: the row is there before the resource, so the tree
    /// fills in as the stack forms.
    public var status: String
    public var reason: String?
    public var physicalID: String?
    /// The longest chain of resources it waits for: roots are 0.
    public var depth: Int
    public var dependsOn: [String]
    public var drift: ResourceDrift?
}

/// The open stack: its tree, events, outputs and parameters, as taken when the model was refreshed.
public struct StackDetail: Sendable {
    public var summary: StackSummary
    public var resources: [StackResourceRow]
    /// Newest first, as DescribeStackEvents answers; capped at what a screen could show.
    public var events: [StackEvent]
    public var outputs: [StackOutput]
    public var parameters: [(key: String, value: String)]

    /// The lines of the tree: each resource, then one line per drifted property under it.
    public var lines: [StackTreeLine] {
        resources.indices.flatMap { i -> [StackTreeLine] in
            let differences = resources[i].drift.map { $0.status == "MODIFIED" ? $0.differences : [] } ?? []
            return [.resource(i)] + differences.map { .difference(i, $0) }
        }
    }
}

public enum StackTreeLine: Sendable {
    case resource(Int)
    case difference(Int, PropertyDifference)
}

/// Builds the models from the stacks service; only the view's refresh calls it.
enum StacksModel {
    static let eventLimit = 200

    static func summaries(_ service: StacksService) -> [StackSummary] {
        service.stacks.map(summary)
    }

    static func summary(_ stack: Stack) -> StackSummary {
        let resources = stack.resources
        let done = resources.filter { $0.status.hasSuffix("_COMPLETE") && $0.status != StackStatus.deleteComplete }.count
        return StackSummary(
            name: stack.stackName, status: stack.status, reason: stack.statusReason,
            resourcesDone: done, resourcesTotal: resources.count + stack.pendingLogicalIDs.filter { stack.resource($0) == nil }.count,
            driftStatus: stack.driftStatus, drifted: resources.filter { $0.drift.map { $0.status != "IN_SYNC" } ?? false }.count,
            created: stack.creationTime, updated: stack.lastUpdatedTime, description: stack.template.description ?? "")
    }

    static func detail(_ stack: Stack) -> StackDetail {
        let existing = stack.resources
        let pending = stack.pendingLogicalIDs.filter { stack.resource($0) == nil }
        // Dependency order across what exists and what is still to come; ids the graph no longer
        // has (kept by Retain, or mid-update) follow in the order the stack lists them.
        let present = Set(existing.map(\.logicalID) + pending)
        let ordered = stack.dependencyOrder.filter(present.contains)
        let ids = ordered + existing.map(\.logicalID).filter { !ordered.contains($0) }
        var depth: [String: Int] = [:]
        var rows: [StackResourceRow] = []
        for id in ids {
            let dependsOn = stack.dependencies[id] ?? []
            let d = dependsOn.compactMap { depth[$0] }.max().map { $0 + 1 } ?? 0
            depth[id] = d
            if let r = stack.resource(id) {
                rows.append(StackResourceRow(logicalID: id, type: r.resourceType, status: r.status, reason: r.statusReason,
                                             physicalID: r.physicalID, depth: d, dependsOn: dependsOn, drift: r.drift))
            } else {
                let type = stack.template.resource(id)?.type ?? ""
                rows.append(StackResourceRow(logicalID: id, type: type, status: "PENDING", reason: nil, physicalID: nil,
                                             depth: d, dependsOn: dependsOn, drift: nil))
            }
        }
        return StackDetail(summary: summary(stack), resources: rows, events: Array(stack.events.prefix(eventLimit)),
                           outputs: stack.outputs, parameters: stack.parameters)
    }

    /// The theme role for a stack or resource status: failures and rollbacks red, work in
    /// progress yellow, done green, deleted and not started dim.
    static func role(_ status: String) -> String {
        if status.contains("FAILED") || status.contains("ROLLBACK") { return "error" }
        if status.hasSuffix("IN_PROGRESS") { return "warning" }
        if status == StackStatus.deleteComplete || status == StackStatus.deleteSkipped || status == "PENDING" { return "dim" }
        if status.hasSuffix("COMPLETE") { return "ok" }
        return "dim"
    }

    /// The theme role for a drift status.
    static func driftRole(_ status: String) -> String {
        switch status {
        case "IN_SYNC": return "ok"
        case "MODIFIED", "DELETED", "DRIFTED": return "warning"
        default: return "dim"
        }
    }
}
