/// `CreateChangeSet`, `DescribeChangeSet`, `ExecuteChangeSet`, `ListChangeSets`, `DeleteChangeSet`.
extension StacksService {
    func createChangeSet(stackName: String, name: String, body: String, parameters supplied: [SuppliedParameter], type: String,
                         description: String?) throws(AWSError) -> ChangeSet {
        try checkStackName(stackName)
        guard TemplatePattern.matches("[a-zA-Z][-a-zA-Z0-9]*", name), name.count <= 128 else {
            throw StackError.validation("1 validation error detected: Value '\(name)' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")
        }
        guard ["CREATE", "UPDATE"].contains(type) else {
            throw StackError.validation("1 validation error detected: Value '\(type)' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [UPDATE, CREATE, IMPORT]")
        }
        let existing = stack(stackName)
        if type == "CREATE", let existing, existing.status != StackStatus.reviewInProgress { throw StackError.alreadyExists(stackName) }
        if type == "UPDATE" {
            guard let existing, existing.status != StackStatus.reviewInProgress else { throw StackError.stackNotFound(stackName) }
            guard StackStatus.updatable.contains(existing.status) else {
                throw StackError.validation("Stack:\(existing.stackID) is in \(existing.status) state and can not be updated.")
            }
        }
        let template = try StackTemplate(body: body)
        let (values, refs) = try SuppliedParameter.resolve(template, supplied, previous: existing?.parameterValues)
        var target = existing
        if type == "CREATE" && target == nil {
            let created = newStack(name: stackName, template: template, body: body, parameters: values, disableRollback: false, tags: [],
                                   status: StackStatus.reviewInProgress)
            allStacks.append(created)
            setStackStatus(created, StackStatus.reviewInProgress, reason: "User Initiated")
            target = created
        }
        guard let stack = target else { throw StackError.stackNotFound(stackName) }
        if changeSets.contains(where: { $0.stackID == stack.stackID && $0.name == name }) {
            throw AWSError("AlreadyExistsException", "ChangeSet \(name) already exists")
        }
        let id = "arn:aws:cloudformation:\(context.region):\(context.accountID):changeSet/\(name)/\(seededUUID())"
        let planned = try ChangePlanner(service: self, stack: type == "CREATE" ? nil : stack, target: stack, template: template, refs: refs).changes()
        let unchangedParameters = values.map { "\($0.key)=\($0.value)" } == stack.parameterValues.map { "\($0.key)=\($0.value)" }
        let changes = type == "UPDATE" && planned.isEmpty && !unchangedParameters ? [] : planned
        let changeSet = ChangeSet(id: id, name: name, stackID: stack.stackID, stackName: stack.stackName, type: type, template: template,
                                  body: body, parameters: values, refs: refs, changes: changes, creationTime: scheduler.now,
                                  description: description)
        changeSets.append(changeSet)
        return changeSet
    }

    func changeSet(_ nameOrID: String, stackName: String?) throws(AWSError) -> ChangeSet {
        let match = changeSets.last { set in
            set.id == nameOrID || (set.name == nameOrID && (stackName == nil || set.stackName == stackName || set.stackID == stackName))
        }
        guard let match else { throw AWSError("ChangeSetNotFound", "ChangeSet [\(nameOrID)] does not exist") }
        return match
    }

    func executeChangeSet(_ changeSet: ChangeSet) throws(AWSError) {
        guard changeSet.executionStatus == "AVAILABLE" else {
            throw AWSError("InvalidChangeSetStatus", "ChangeSet [\(changeSet.id)] cannot be executed in its current execution status of [\(changeSet.executionStatus)]")
        }
        guard let stack = stack(changeSet.stackID) else { throw StackError.stackNotFound(changeSet.stackName) }
        if changeSet.type == "CREATE" {
            try start(stack, mode: .create(rollback: true), refs: changeSet.refs, previous: nil)
            stack.run?.begin()
        } else {
            guard StackStatus.updatable.contains(stack.status) else {
                throw StackError.validation("Stack:\(stack.stackID) is in \(stack.status) state and can not be updated.")
            }
            try beginUpdate(stack, template: changeSet.template, body: changeSet.body, values: changeSet.parameters, refs: changeSet.refs)
        }
        changeSet.executionStatus = "EXECUTE_COMPLETE"
        for other in changeSets where other.stackID == stack.stackID && other !== changeSet && other.executionStatus == "AVAILABLE" {
            other.executionStatus = "OBSOLETE"
        }
    }

    func createChangeSetOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stackName = try p.requiredString("StackName")
        let usePrevious = try p.bool("UsePreviousTemplate") ?? false
        guard let body = try templateBody(p) ?? (usePrevious ? stack(stackName)?.templateBody : nil) else {
            throw StackError.validation("Either Template URL or Template Body must be specified.")
        }
        let set = try createChangeSet(stackName: stackName, name: try p.requiredString("ChangeSetName"), body: body,
                                      parameters: try SuppliedParameter.list(p), type: try p.string("ChangeSetType") ?? "UPDATE",
                                      description: try p.string("Description"))
        return ["Id": .string(set.id), "StackId": .string(set.stackID)]
    }

    func describeChangeSetOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let set = try changeSet(try p.requiredString("ChangeSetName"), stackName: try p.string("StackName"))
        var pairs: [(String, JSONValue)] = [
            ("ChangeSetName", .string(set.name)), ("ChangeSetId", .string(set.id)), ("StackId", .string(set.stackID)),
            ("StackName", .string(set.stackName)),
        ]
        if let d = set.description { pairs.append(("Description", .string(d))) }
        pairs.append(("Parameters", .array(set.parameters.map { p in
            ["ParameterKey": .string(p.key), "ParameterValue": .string(set.template.parameter(p.key)?.noEcho == true ? "****" : p.value)]
        })))
        pairs.append(("CreationTime", StacksJSON.time(set.creationTime)))
        pairs.append(("ExecutionStatus", .string(set.executionStatus)))
        pairs.append(("Status", .string(set.status)))
        if let r = set.statusReason { pairs.append(("StatusReason", .string(r))) }
        pairs.append(("NotificationARNs", []))
        pairs.append(("RollbackConfiguration", [:]))
        pairs.append(("Capabilities", []))
        pairs.append(("Changes", .array(set.changes)))
        pairs.append(("IncludeNestedStacks", false))
        return .object(pairs)
    }

    func executeChangeSetOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        try executeChangeSet(try changeSet(try p.requiredString("ChangeSetName"), stackName: try p.string("StackName")))
        return [:]
    }

    func listChangeSetsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack = try liveStack(try p.requiredString("StackName"))
        return ["Summaries": .array(changeSets.filter { $0.stackID == stack.stackID }.map { set in
            var pairs: [(String, JSONValue)] = [
                ("StackId", .string(set.stackID)), ("StackName", .string(set.stackName)), ("ChangeSetId", .string(set.id)),
                ("ChangeSetName", .string(set.name)), ("ExecutionStatus", .string(set.executionStatus)), ("Status", .string(set.status)),
            ]
            if let r = set.statusReason { pairs.append(("StatusReason", .string(r))) }
            pairs.append(("CreationTime", StacksJSON.time(set.creationTime)))
            if let d = set.description { pairs.append(("Description", .string(d))) }
            return .object(pairs)
        })]
    }

    func deleteChangeSetOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let set = try changeSet(try p.requiredString("ChangeSetName"), stackName: try p.string("StackName"))
        changeSets.removeAll { $0 === set }
        return [:]
    }
}
