/// The simulated CloudFormation: stacks built from templates by provisioning resources through
/// the estate's own operations, in virtual time.
///
/// The service owns stacks, their events, change sets and exports; the resources themselves
/// live in their own services (an instance in EC2, a stream in Kinesis), so every view sees them.
public final class StacksService: EstateService {
    public let serviceName = "cloudformation"
    public let dumpKey = "Stacks"

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    var bus: EventBus { context.bus }
    /// Stack ids, event ids, change set ids and generated physical-name suffixes.
    var idRandom: SeededRandom
    /// Runs another service's operation; the estate sets it, so provisioners use the CLI's own path.
    var execute: (OperationRequest) -> Result<JSONValue, AWSError> = { _ in .failure(AWSError("InternalFailure", "not attached")) }
    /// Starts and stops what a resource's `Metadata.cloudtop` attaches (producers, loaders…); the estate sets it.
    weak var estate: Estate?
    /// Reads a template file for `deploy --template-file` and `file://` bodies.
    public var readFile: (String) -> Result<String, AWSError> = TemplateFiles.read

    /// Every stack ever created, in creation order; deleted ones stay, as AWS lists them.
    public internal(set) var allStacks: [Stack] = []
    var changeSets: [ChangeSet] = []
    var driftDetections: [(id: String, stackID: String, at: SimInstant)] = []

    public init(context: ServiceContext) {
        self.context = context
        idRandom = context.random.fork("ids")
        context.bus.subscribe { [weak self] delivered in self?.observe(delivered.event) }
    }

    /// A resource's service changed something: every running stack looks at its jobs again.
    private func observe(_ event: any ServiceEvent) {
        guard ProvisionerRegistry.stateEvents.contains("\(event.service)/\(event.name)") else { return }
        for stack in allStacks { stack.run?.tick() }
    }

    // MARK: - The read API a view uses

    /// Live stacks (not deleted), in creation order.
    public var stacks: [Stack] { allStacks.filter { !$0.isDeleted } }

    /// The live stack with this name, or any stack (deleted too) with this id.
    public func stack(_ nameOrID: String) -> Stack? {
        allStacks.last { $0.stackID == nameOrID } ?? allStacks.last { $0.stackName == nameOrID && !$0.isDeleted }
    }

    /// How many drift checks have run: a check changes resources without an event on the bus.
    public var driftCheckCount: Int { driftDetections.count }

    /// Every export of every live stack, by name.
    public var exports: [(name: String, value: String, stackID: String)] {
        stacks.flatMap { stack in stack.outputs.compactMap { o in o.exportName.map { ($0, o.value, stack.stackID) } } }
            .sorted { $0.name < $1.name }
    }

    // MARK: - Used by runs and jobs

    /// A UUID-shaped id drawn from the service's seeded generator, so ids repeat with the seed.
    func seededUUID() -> String {
        let h = idRandom.hex(32)
        func part(_ from: Int, _ count: Int) -> Substring { h.dropFirst(from).prefix(count) }
        let variant = ["8", "9", "a", "b"][Int(idRandom.next() % 4)]
        return "\(part(0, 8))-\(part(8, 4))-4\(part(12, 3))-\(variant)\(part(15, 3))-\(part(18, 12))"
    }

    /// 13 upper-case letters and digits, like the suffix of CloudFormation's generated names.
    func physicalSuffix() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<13).map { _ in alphabet[Int(idRandom.next() % UInt64(alphabet.count))] })
    }

    func provisioningContext(_ stack: Stack, _ logicalID: String) -> ProvisioningContext {
        ProvisioningContext(stackName: stack.stackName, logicalID: logicalID, region: context.region, accountID: context.accountID,
                            execute: execute, randomSuffix: { [unowned self] in self.physicalSuffix() },
                            simulation: stack.resource(logicalID)?.simulation ?? SimulationMetadata())
    }

    func setStackStatus(_ stack: Stack, _ status: String, reason: String?) {
        stack.status = status
        stack.statusReason = reason
        if status == StackStatus.updateInProgress { stack.lastUpdatedTime = scheduler.now }
        addEvent(stack, stack.stackName, physicalID: stack.stackID, type: "AWS::CloudFormation::Stack", status: status, reason: reason)
    }

    func addEvent(_ stack: Stack, _ logicalID: String, physicalID: String?, type: String, status: String, reason: String?) {
        let now = scheduler.now
        let isStack = type == "AWS::CloudFormation::Stack"
        let eventID = isStack ? seededUUID() : "\(logicalID)-\(status)-\(SimCalendar.iso8601(now))"
        let event = StackEvent(eventID: eventID, logicalID: logicalID, physicalID: physicalID, resourceType: type, timestamp: now,
                               status: status, reason: reason)
        stack.eventLog.append(event)
        bus.publish(StacksEvent(stackName: stack.stackName, stackID: stack.stackID, event: event))
    }

    /// Records a resource's new status and emits its event.
    func setResource(_ stack: Stack, _ logicalID: String, type: String, physicalID: String?, status: String, reason: String?,
                     policy: String, applied: JSONValue? = nil) {
        var resource = stack.resourcesByID[logicalID]
            ?? StackResource(logicalID: logicalID, resourceType: type, physicalID: nil, status: status, statusReason: nil,
                             lastUpdated: scheduler.now, deletionPolicy: policy)
        resource.resourceType = type
        resource.physicalID = physicalID
        resource.status = status
        resource.statusReason = reason
        resource.lastUpdated = scheduler.now
        resource.deletionPolicy = policy
        if let applied { resource.appliedProperties = applied }
        if stack.resourcesByID[logicalID] == nil, !stack.resourceOrder.contains(logicalID) {
            stack.resourceOrder = Self.order(stack.graph, plus: stack.resourceOrder + [logicalID])
        }
        stack.resourcesByID[logicalID] = resource
        addEvent(stack, logicalID, physicalID: physicalID, type: type, status: status, reason: reason)
    }

    func dropResource(_ stack: Stack, _ logicalID: String) {
        stack.resourcesByID[logicalID] = nil
        stack.resourceOrder.removeAll { $0 == logicalID }
    }

    /// Known ids in the graph's order first, then any the graph no longer has, as they were.
    static func order(_ graph: DependencyGraph, plus ids: [String]) -> [String] {
        let known = Set(ids)
        return graph.order.filter(known.contains) + ids.filter { !graph.order.contains($0) }
    }

    func recordOutputs(_ stack: Stack, evaluator: IntrinsicEvaluator, conditions: [String: Bool]) {
        var outputs: [StackOutput] = []
        for output in stack.template.outputs {
            if let condition = output.condition, conditions[condition] != true { continue }
            guard let value = try? evaluator.evaluate(output.value) else { continue }
            let text = value.arrayValue.map { $0.compactMap(TemplateScalar.text).joined(separator: ",") } ?? TemplateScalar.text(value) ?? value.serializedCompact()
            let exportName = output.exportName.flatMap { try? evaluator.evaluate($0) }.flatMap(TemplateScalar.text)
            outputs.append(StackOutput(key: output.name, value: text, description: output.description, exportName: exportName))
        }
        stack.outputs = outputs
    }

    func finishDeletion(_ stack: Stack) {
        stack.deletionTime = scheduler.now
        setStackStatus(stack, StackStatus.deleteComplete, reason: nil)
        stack.outputs = []
    }

    /// What intrinsic functions see for this stack: its parameters and its resources so far.
    func intrinsicContext(_ stack: Stack, parameters: [String: JSONValue]) -> IntrinsicContext {
        IntrinsicContext(
            parameters: parameters,
            pseudo: PseudoParameters(region: context.region, accountID: context.accountID, stackName: stack.stackName, stackID: stack.stackID),
            mappings: stack.template.mappings,
            conditions: [:],
            resourceRef: { [unowned stack] (id: String) throws(AWSError) -> JSONValue in
                guard let resource = stack.resource(id), let physical = resource.physicalID else {
                    throw StackError.validation("Resource \(id) has no physical id yet in stack \(stack.stackName)")
                }
                return ProvisionerRegistry.provisioner(for: resource.resourceType)?.ref(physical) ?? .string(physical)
            },
            resourceAttribute: { [unowned self, unowned stack] (id: String, name: String) throws(AWSError) -> JSONValue in
                guard let resource = stack.resource(id), let physical = resource.physicalID,
                      let provisioner = ProvisionerRegistry.provisioner(for: resource.resourceType) else {
                    throw StackError.validation("Resource \(id) has no attributes yet in stack \(stack.stackName)")
                }
                return try provisioner.attribute(name, of: physical, self.provisioningContext(stack, id))
            },
            importValue: { [unowned self] (name: String) throws(AWSError) -> JSONValue in
                guard let export = self.exports.first(where: { $0.name == name }) else {
                    throw StackError.validation("No export named \(name) found.")
                }
                return .string(export.value)
            })
    }
}
