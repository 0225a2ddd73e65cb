/// The read and simple write operations: validate, create, update, describe and list.
extension StacksService {
    func validateTemplateOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        guard let body = try templateBody(p) else { throw StackError.validation("Either Template URL or Template Body must be specified.") }
        let template = try StackTemplate(body: body)
        var pairs: [(String, JSONValue)] = [("Parameters", .array(template.parameters.map { parameter in
            var item: [(String, JSONValue)] = [("ParameterKey", .string(parameter.name))]
            if let d = parameter.defaultValue { item.append(("DefaultValue", .string(d))) }
            item.append(("NoEcho", .bool(parameter.noEcho)))
            if let d = parameter.description { item.append(("Description", .string(d))) }
            return .object(item)
        }))]
        if let d = template.description { pairs.append(("Description", .string(d))) }
        if !template.transforms.isEmpty { pairs.append(("DeclaredTransforms", .array(template.transforms.map(JSONValue.string)))) }
        return .object(pairs)
    }

    func createStackOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        guard let body = try templateBody(p) else { throw StackError.validation("Either Template URL or Template Body must be specified.") }
        var onFailure = try p.string("OnFailure") ?? "ROLLBACK"
        if try p.bool("DisableRollback") == true {
            guard !p.has("OnFailure") else {
                throw StackError.validation("You cannot specify both OnFailure and DisableRollback.")
            }
            onFailure = "DO_NOTHING"
        }
        let stack = try createStack(name: try p.requiredString("StackName"), body: body, parameters: try SuppliedParameter.list(p),
                                    onFailure: onFailure, tags: try tagList(p))
        return ["StackId": .string(stack.stackID)]
    }

    func updateStackOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let tags = p.has("Tags") ? try tagList(p) : nil
        let stack = try updateStack(name: try p.requiredString("StackName"), body: try templateBody(p),
                                    usePreviousTemplate: try p.bool("UsePreviousTemplate") ?? false, parameters: try SuppliedParameter.list(p),
                                    tags: tags)
        return ["StackId": .string(stack.stackID)]
    }

    func tagList(_ p: Parameters) throws(AWSError) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for tag in try p.objects("Tags") ?? [] { out.append((try tag.requiredString("Key"), try tag.string("Value") ?? "")) }
        return out
    }

    func describeStacksOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        if let name = try p.string("StackName") {
            return ["Stacks": [StacksJSON.stack(try liveStack(name))]]
        }
        return ["Stacks": .array(stacks.reversed().map(StacksJSON.stack))]
    }

    func describeStackEventsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack = try liveStack(try p.requiredString("StackName"))
        return ["StackEvents": .array(stack.events.map { StacksJSON.event($0, stackName: stack.stackName, stackID: stack.stackID) })]
    }

    func describeStackResourcesOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack: Stack
        if let name = try p.string("StackName") {
            stack = try liveStack(name)
        } else if let physical = try p.string("PhysicalResourceId") {
            guard let owner = stacks.first(where: { $0.resources.contains { $0.physicalID == physical } }) else {
                throw StackError.validation("Stack for \(physical) does not exist")
            }
            stack = owner
        } else {
            throw StackError.validation("At least one of StackName or PhysicalResourceId must be specified")
        }
        let logical = try p.string("LogicalResourceId")
        let physical = try p.string("PhysicalResourceId")
        let resources = stack.resources.filter { r in
            (logical == nil || r.logicalID == logical) && (physical == nil || r.physicalID == physical)
        }
        return ["StackResources": .array(resources.map { StacksJSON.resource($0, in: stack) })]
    }

    /// ListStackResources: one summary per resource, as DescribeStackResources without the stack's
    /// name and id on each, and with `LastUpdatedTimestamp` where that has `Timestamp`.
    func listStackResourcesOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack = try liveStack(try p.requiredString("StackName"))
        return ["StackResourceSummaries": .array(stack.resources.map { StacksJSON.resourceSummary($0) })]
    }

    /// GetTemplate: the body as it was given. No transforms run here, so the Processed stage is the
    /// Original text, and both are listed as available, as AWS lists them once a stack exists.
    func getTemplateOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack = try liveStack(try p.requiredString("StackName"))
        if let stage = try p.string("TemplateStage"), !["Original", "Processed"].contains(stage) {
            throw StackError.validation("1 validation error detected: Value '\(stage)' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]")
        }
        return ["TemplateBody": .string(stack.templateBody), "StagesAvailable": ["Original", "Processed"]]
    }

    func listStacksOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let filter = try p.strings("StackStatusFilter")
        let listed = allStacks.reversed().filter { filter?.contains($0.status) ?? true }
        return ["StackSummaries": .array(listed.map(StacksJSON.summary))]
    }

    // MARK: - Dump

    public func dump() -> JSONValue {
        ["Stacks": .array(allStacks.map { stack in
            var json = StacksJSON.stack(stack)
            if case var .object(pairs) = json {
                pairs.append(("StackResources", .array(stack.resources.map { StacksJSON.resource($0, in: stack) })))
                pairs.append(("StackEvents", .array(stack.events.map { StacksJSON.event($0, stackName: stack.stackName, stackID: stack.stackID) })))
                json = .object(pairs)
            }
            return json
        })]
    }
}
