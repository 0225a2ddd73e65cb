/// One stack: its template, parameters, resources, events and outputs.
///
/// A class because the engine's scheduled steps change it in place while views and operations
/// read it; it is changed only by `StacksService` and the `StackRun` it starts.
public final class Stack {
    public let stackName: String
    public let stackID: String
    public let creationTime: SimInstant
    public internal(set) var status: String
    public internal(set) var statusReason: String?
    public internal(set) var lastUpdatedTime: SimInstant?
    public internal(set) var deletionTime: SimInstant?
    public internal(set) var template: StackTemplate
    public internal(set) var templateBody: String
    /// Supplied or default parameter values, in template order.
    public internal(set) var parameterValues: [(key: String, value: String)]
    /// Resources keyed by logical id; `resourceOrder` is their dependency order.
    var resourcesByID: [String: StackResource] = [:]
    public internal(set) var resourceOrder: [String] = []
    /// Oldest first; `events` gives them newest first, as DescribeStackEvents does.
    var eventLog: [StackEvent] = []
    public internal(set) var outputs: [StackOutput] = []
    public let disableRollback: Bool
    public internal(set) var tags: [(key: String, value: String)]
    public internal(set) var driftStatus = "NOT_CHECKED"
    public internal(set) var lastDriftCheck: SimInstant?
    /// The run in progress, if any; only one operation runs on a stack at a time.
    var run: StackRun?
    /// The dependency graph of the template the resources were last deployed with.
    var graph: DependencyGraph

    init(name: String, id: String, at now: SimInstant, template: StackTemplate, body: String,
         parameters: [(key: String, value: String)], disableRollback: Bool, tags: [(key: String, value: String)], status: String) {
        stackName = name
        stackID = id
        creationTime = now
        self.status = status
        self.template = template
        templateBody = body
        parameterValues = parameters
        self.disableRollback = disableRollback
        self.tags = tags
        graph = (try? DependencyGraph(template)) ?? DependencyGraph.empty
    }

    // MARK: - The read API a view uses

    /// Resources in dependency order (what each waits for comes first).
    public var resources: [StackResource] { resourceOrder.compactMap { resourcesByID[$0] } }

    public func resource(_ logicalID: String) -> StackResource? { resourcesByID[logicalID] }

    /// Newest first.
    public var events: [StackEvent] { eventLog.reversed() }

    /// Logical id → the logical ids it waits for, in the template last deployed.
    public var dependencies: [String: [String]] { graph.dependencies }

    /// Every resource of that template, dependencies first.
    public var dependencyOrder: [String] { graph.order }

    /// Resources the operation in progress has yet to start, so a view can show them forming.
    public var pendingLogicalIDs: [String] { run?.pendingLogicalIDs ?? [] }

    public var isDeleted: Bool { status == StackStatus.deleteComplete }

    /// Whether an operation is still running on this stack.
    public var isInProgress: Bool { status.hasSuffix("_IN_PROGRESS") }

    /// Parameters as `DescribeStacks` shows them: `NoEcho` values masked.
    public var parameters: [(key: String, value: String)] {
        parameterValues.map { p in
            (p.key, template.parameter(p.key)?.noEcho == true ? "****" : p.value)
        }
    }
}

/// A resource of a stack: what the template says and what exists.
public struct StackResource: Sendable {
    public let logicalID: String
    public internal(set) var resourceType: String
    public internal(set) var physicalID: String?
    public internal(set) var status: String
    public internal(set) var statusReason: String?
    public internal(set) var lastUpdated: SimInstant
    /// Properties as last applied, with every intrinsic resolved: what drift compares against.
    public internal(set) var appliedProperties: JSONValue = .object([])
    public internal(set) var deletionPolicy: String
    public internal(set) var drift: ResourceDrift?
    /// What `Metadata.cloudtop` attached once the resource was complete, to stop when it is deleted.
    var simulation: SimulationMetadata?
    /// The rest of its `Metadata` as last applied, intrinsics resolved, to tell a change to it.
    var metadata: JSONValue?
}

/// One line of `DescribeStackEvents`.
public struct StackEvent: Sendable {
    public let eventID: String
    public let logicalID: String
    public let physicalID: String?
    public let resourceType: String
    public let timestamp: SimInstant
    public let status: String
    public let reason: String?
}

/// One output, with its export name when it has one.
public struct StackOutput: Sendable {
    public let key: String
    public let value: String
    public let description: String?
    public let exportName: String?
}

/// The result of the last drift check of one resource.
public struct ResourceDrift: Sendable {
    /// `IN_SYNC`, `MODIFIED`, `DELETED` or `NOT_CHECKED`.
    public let status: String
    public let expected: JSONValue
    public let actual: JSONValue?
    public let differences: [PropertyDifference]
    public let checkedAt: SimInstant
}

public struct PropertyDifference: Sendable {
    public let path: String
    public let expected: String
    public let actual: String
    /// `ADD`, `REMOVE` or `NOT_EQUAL`.
    public let kind: String
}

/// Stack and resource statuses by name, so no status is spelt twice.
public enum StackStatus {
    public static let createInProgress = "CREATE_IN_PROGRESS"
    public static let createComplete = "CREATE_COMPLETE"
    public static let createFailed = "CREATE_FAILED"
    public static let rollbackInProgress = "ROLLBACK_IN_PROGRESS"
    public static let rollbackComplete = "ROLLBACK_COMPLETE"
    public static let rollbackFailed = "ROLLBACK_FAILED"
    public static let updateInProgress = "UPDATE_IN_PROGRESS"
    public static let updateCleanup = "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"
    public static let updateComplete = "UPDATE_COMPLETE"
    public static let updateFailed = "UPDATE_FAILED"
    public static let updateRollbackInProgress = "UPDATE_ROLLBACK_IN_PROGRESS"
    public static let updateRollbackCleanup = "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"
    public static let updateRollbackComplete = "UPDATE_ROLLBACK_COMPLETE"
    public static let deleteInProgress = "DELETE_IN_PROGRESS"
    public static let deleteComplete = "DELETE_COMPLETE"
    public static let deleteFailed = "DELETE_FAILED"
    public static let deleteSkipped = "DELETE_SKIPPED"
    public static let reviewInProgress = "REVIEW_IN_PROGRESS"

    /// Statuses in which a stack accepts an update.
    static let updatable: Set<String> = [createComplete, updateComplete, updateRollbackComplete]
}

/// A stack's deployed template and values before an update, to roll back to.
struct StackSnapshot {
    let template: StackTemplate
    let body: String
    let parameters: [(key: String, value: String)]
    let outputs: [StackOutput]
    let graph: DependencyGraph

    init(_ stack: Stack) {
        template = stack.template
        body = stack.templateBody
        parameters = stack.parameterValues
        outputs = stack.outputs
        graph = stack.graph
    }

    func restore(into stack: Stack) {
        stack.template = template
        stack.templateBody = body
        stack.parameterValues = parameters
        stack.outputs = outputs
        stack.graph = graph
    }
}
