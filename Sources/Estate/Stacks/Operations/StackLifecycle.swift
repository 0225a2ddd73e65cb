/// Creating, updating and deleting stacks: checks first (so bad input changes nothing), then a
/// `StackRun` that plays the operation out in virtual time.
extension StacksService {
    static let stackNamePattern = "[a-zA-Z][-a-zA-Z0-9]*"

    func checkStackName(_ name: String) throws(AWSError) {
        guard (1...128).contains(name.count), TemplatePattern.matches(Self.stackNamePattern, name) else {
            throw StackError.validation("1 validation error detected: Value '\(name)' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(Self.stackNamePattern)")
        }
    }

    func liveStack(_ nameOrID: String) throws(AWSError) -> Stack {
        guard let stack = stack(nameOrID), !stack.isDeleted || stack.stackID == nameOrID else { throw StackError.stackNotFound(nameOrID) }
        return stack
    }

    /// A body from `TemplateBody` (inline or `file://`), or an error naming what is missing.
    func templateBody(_ p: Parameters) throws(AWSError) -> String? {
        if try p.string("TemplateURL") != nil {
            throw StackError.validation("TemplateURL is not supported by this estate: there is no S3 to fetch it from; pass TemplateBody")
        }
        guard let body = try p.string("TemplateBody") else { return nil }
        if body.hasPrefix("file://") { return try readFile(body).get() }
        return body
    }

    /// Registers a new stack in `status` without starting anything (create, or a CREATE change set).
    func newStack(name: String, template: StackTemplate, body: String, parameters: [(key: String, value: String)],
                  disableRollback: Bool, tags: [(key: String, value: String)], status: String) -> Stack {
        let id = "arn:aws:cloudformation:\(context.region):\(context.accountID):stack/\(name)/\(seededUUID())"
        return Stack(name: name, id: id, at: scheduler.now, template: template, body: body, parameters: parameters,
                     disableRollback: disableRollback, tags: tags, status: status)
    }

    @discardableResult
    public func createStack(name: String, body: String, parameters supplied: [SuppliedParameter] = [], onFailure: String = "ROLLBACK",
                            tags: [(key: String, value: String)] = []) throws(AWSError) -> Stack {
        try checkStackName(name)
        guard ["ROLLBACK", "DO_NOTHING", "DELETE"].contains(onFailure) else {
            throw StackError.validation("1 validation error detected: Value '\(onFailure)' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]")
        }
        if stack(name) != nil { throw StackError.alreadyExists(name) }
        let template = try StackTemplate(body: body)
        let (values, refs) = try SuppliedParameter.resolve(template, supplied, previous: nil)
        let stack = newStack(name: name, template: template, body: body, parameters: values, disableRollback: onFailure == "DO_NOTHING",
                             tags: tags, status: StackStatus.createInProgress)
        try start(stack, mode: .create(rollback: onFailure != "DO_NOTHING"), refs: refs, previous: nil)
        allStacks.append(stack)
        stack.run?.begin()
        return stack
    }

    /// Prepares the run: conditions and the graph are checked before anything changes.
    func start(_ stack: Stack, mode: StackRun.Mode, refs: [String: JSONValue], previous: StackSnapshot?) throws(AWSError) {
        let base = intrinsicContext(stack, parameters: refs)
        let conditions = try ConditionTable.evaluate(stack.template, context: base)
        let graph = try DependencyGraph(stack.template)
        if case .create = mode {
            stack.graph = graph
        }
        stack.run = StackRun(service: self, stack: stack, mode: mode, graph: graph, context: base, conditions: conditions, previous: previous)
    }

    @discardableResult
    public func updateStack(name: String, body newBody: String?, usePreviousTemplate: Bool = false,
                            parameters supplied: [SuppliedParameter] = [], tags: [(key: String, value: String)]? = nil) throws(AWSError) -> Stack {
        let stack = try liveStack(name)
        guard StackStatus.updatable.contains(stack.status) else {
            throw StackError.validation("Stack:\(stack.stackID) is in \(stack.status) state and can not be updated.")
        }
        guard newBody != nil || usePreviousTemplate else {
            throw StackError.validation("Either Template URL or Template Body must be specified.")
        }
        let body = newBody ?? stack.templateBody
        let template = try StackTemplate(body: body)
        let (values, refs) = try SuppliedParameter.resolve(template, supplied, previous: stack.parameterValues)
        let sameTags = tags.map { new in new.map { "\($0.key)=\($0.value)" } == stack.tags.map { "\($0.key)=\($0.value)" } } ?? true
        if body == stack.templateBody && sameTags
            && values.map({ "\($0.key)=\($0.value)" }) == stack.parameterValues.map({ "\($0.key)=\($0.value)" }) {
            throw StackError.validation("No updates are to be performed.")
        }
        try beginUpdate(stack, template: template, body: body, values: values, refs: refs)
        if let tags { stack.tags = tags }
        return stack
    }

    func beginUpdate(_ stack: Stack, template: StackTemplate, body: String, values: [(key: String, value: String)],
                     refs: [String: JSONValue]) throws(AWSError) {
        let snapshot = StackSnapshot(stack)
        stack.template = template
        stack.templateBody = body
        stack.parameterValues = values
        do { try start(stack, mode: .update, refs: refs, previous: snapshot) } catch {
            snapshot.restore(into: stack)
            throw error
        }
        guard let run = stack.run else { return }
        let active = Set(template.resources.filter { r in r.condition.map { run.conditions[$0] ?? false } ?? true }.map(\.logicalID))
        for resource in stack.resources.reversed() where !active.contains(resource.logicalID) && resource.status != StackStatus.deleteComplete {
            if let physical = resource.physicalID {
                run.removals.append((resource.logicalID, physical, resource.resourceType, resource.deletionPolicy == "Retain"))
            }
        }
        run.begin()
    }

    public func deleteStack(name: String, retaining retained: [String] = []) throws(AWSError) {
        guard let stack = stack(name), !stack.isDeleted else { return }  // AWS answers success for a stack that is gone
        if stack.status == StackStatus.deleteInProgress { return }
        if !retained.isEmpty {
            guard stack.status == StackStatus.deleteFailed else {
                throw StackError.validation("Invalid operation on stack [\(stack.stackID)]. RetainResources can only be specified when the stack is in the DELETE_FAILED state")
            }
            let unknown = retained.filter { stack.resource($0) == nil }
            if !unknown.isEmpty { throw StackError.validation("Resources [\(unknown.joined(separator: ", "))] do not exist in the stack") }
        }
        if stack.isInProgress && stack.status != StackStatus.reviewInProgress {
            throw StackError.validation("Stack [\(stack.stackName)] cannot be deleted while in status \(stack.status)")
        }
        changeSets.removeAll { $0.stackID == stack.stackID }
        if stack.status == StackStatus.reviewInProgress {
            finishDeletion(stack)
            return
        }
        stack.run = StackRun(service: self, stack: stack, mode: .delete, graph: stack.graph,
                             context: intrinsicContext(stack, parameters: [:]), conditions: [:], previous: nil)
        stack.run?.retained = Set(retained)
        stack.run?.begin()
    }

    // MARK: - deploy

    /// `aws cloudformation deploy`: a change set created and executed in one step. The CLI then
    /// waits for the stack; here the stack forms as virtual time advances, like any other.
    public func deploy(stackName: String, body: String, overrides: [String], execute runChangeSet: Bool = true,
                       failOnEmpty: Bool = true) throws(AWSError) -> JSONValue {
        var supplied: [SuppliedParameter] = []
        for item in overrides {
            guard let eq = item.firstIndex(of: "=") else {
                throw AWSError("ParamValidation", "--parameter-overrides must be KEY=VALUE pairs, not '\(item)'")
            }
            supplied.append(SuppliedParameter(key: String(item[..<eq]), value: String(item[item.index(after: eq)...]), usePrevious: false))
        }
        let existing = stack(stackName).flatMap { $0.isDeleted || $0.status == StackStatus.reviewInProgress ? nil : $0 }
        if let existing {
            let template = try StackTemplate(body: body)
            // As the CLI does: every parameter not overridden keeps its previous value.
            for parameter in template.parameters where !supplied.contains(where: { $0.key == parameter.name })
                && existing.parameterValues.contains(where: { $0.key == parameter.name }) {
                supplied.append(SuppliedParameter(key: parameter.name, value: nil, usePrevious: true))
            }
        }
        // The CLI names its change set after the Unix time; a counter keeps two in one second apart.
        let unixSeconds = SimCalendar.epochUnixSeconds + scheduler.now.milliseconds / 1000
        let taken = changeSets.filter { $0.name.hasPrefix("awscli-cloudformation-package-deploy-\(unixSeconds)") }.count
        let name = "awscli-cloudformation-package-deploy-\(unixSeconds)" + (taken > 0 ? "-\(taken)" : "")
        let changeSet = try createChangeSet(stackName: stackName, name: name, body: body, parameters: supplied,
                                            type: existing == nil ? "CREATE" : "UPDATE", description: "Created by AWS CLI deploy")
        if changeSet.status == "FAILED" {
            let message = "No changes to deploy. Stack \(stackName) is up to date"
            changeSets.removeAll { $0 === changeSet }
            if let created = stack(changeSet.stackID), created.status == StackStatus.reviewInProgress { finishDeletion(created) }
            if failOnEmpty { throw StackError.validation(message) }
            return ["Message": .string(message)]
        }
        if runChangeSet { try executeChangeSet(changeSet) }
        return ["ChangeSetId": .string(changeSet.id), "StackId": .string(changeSet.stackID),
                "StackStatus": .string(stack(changeSet.stackID)?.status ?? "")]
    }

    /// Deploys every template in a folder as a stack named after its file (`web-fleet.yaml` → `web-fleet`).
    public func deployDirectory(_ path: String) -> [(stackName: String, result: Result<JSONValue, AWSError>)] {
        switch TemplateFiles.templates(in: path) {
        case let .failure(error): return [(path, .failure(error))]
        case let .success(files):
            return files.map { file in
                let stem = String(file.name.split(separator: ".").first ?? Substring(file.name))
                do throws(AWSError) { return (stem, .success(try deploy(stackName: stem, body: file.body, overrides: []))) } catch {
                    return (stem, .failure(error))
                }
            }
        }
    }
}
