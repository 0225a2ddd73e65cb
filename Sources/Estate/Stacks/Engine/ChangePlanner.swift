/// Works out what an update would do to each resource, for `DescribeChangeSet`.
///
/// A property whose new value can be computed now (literals, parameters, resources that keep
/// their physical id) is a `Static` change; one that depends on a resource being added or
/// replaced can only be known while the update runs, so it is `Dynamic` and its replacement
/// `Conditional`, as CloudFormation reports it.
struct ChangePlanner {
    let service: StacksService
    /// The deployed stack, or nil when the change set creates it.
    let stack: Stack?
    /// The stack whose name and id the template's pseudo parameters see.
    let target: Stack
    let template: StackTemplate
    let refs: [String: JSONValue]

    func changes() throws(AWSError) -> [JSONValue] {
        let graph = try DependencyGraph(template)
        var context = service.intrinsicContext(target, parameters: refs)
        context.mappings = template.mappings
        let conditions = try ConditionTable.evaluate(template, context: context)
        context.conditions = conditions
        let evaluator = IntrinsicEvaluator(context: context)
        let oldParameters = Dictionary(uniqueKeysWithValues: (stack?.parameterValues ?? []).map { ($0.key, $0.value) })
        var unsettled: Set<String> = []  // added or (possibly) replaced: their Ref and attributes are unknown yet
        var out: [JSONValue] = []
        for id in graph.order {
            guard let resource = template.resource(id), resource.condition.map({ conditions[$0] ?? false }) ?? true else { continue }
            guard let existing = stack?.resource(id), existing.status != StackStatus.deleteComplete, existing.physicalID != nil else {
                unsettled.insert(id)
                out.append(change(action: "Add", id: id, physicalID: nil, type: resource.type, replacement: nil, details: []))
                continue
            }
            let provisioner = ProvisionerRegistry.provisioner(for: resource.type)
            var details: [JSONValue] = []
            var replacement = "False"
            if existing.resourceType != resource.type { replacement = "True" }
            let newPairs = resource.properties.objectValue ?? []
            var names = newPairs.map(\.0)
            for (key, _) in existing.appliedProperties.objectValue ?? [] where !names.contains(key) { names.append(key) }
            for name in names {
                let raw = resource.properties[name]
                let requires = provisioner?.replacement(for: name) ?? .always
                let referenced = raw.map(TemplateReferences.names) ?? []
                if let cause = referenced.first(where: unsettled.contains) {
                    details.append(detail(name, requires == .never ? "Never" : "Conditionally", evaluation: "Dynamic",
                                          source: "ResourceReference", cause: cause))
                    if requires != .never && replacement == "False" { replacement = "Conditional" }
                    continue
                }
                let newValue = raw.flatMap { try? evaluator.evaluate($0) }
                guard PropertyDiff.normalized(newValue) != PropertyDiff.normalized(existing.appliedProperties[name]) else { continue }
                let parameter = referenced.first { refs[$0] != nil && oldParameters[$0] != nil }
                details.append(detail(name, requires.rawValue, evaluation: "Static",
                                      source: parameter == nil ? "DirectModification" : "ParameterReference", cause: parameter))
                if requires == .always { replacement = "True" }
                if requires == .conditionally && replacement == "False" { replacement = "Conditional" }
            }
            // A change to Metadata alone updates the resource with no interruption, as AWS does
            // today (cfn-hup applies instance configuration through exactly such updates).
            let newSimulation = try? SimulationMetadata(resource.simulation.flatMap { try? evaluator.evaluate($0) }, type: resource.type,
                                                        logicalID: id, streamName: resource.type == KinesisStreamProvisioner.type ? existing.physicalID : nil)
            let newMetadata = resource.metadata.flatMap { try? evaluator.evaluate($0) }
            let metadataChanged = PropertyDiff.normalized(newMetadata) != PropertyDiff.normalized(existing.metadata)
            if metadataChanged || newSimulation.map({ $0 != (existing.simulation ?? SimulationMetadata()) }) == true {
                details.append(["Target": ["Attribute": "Metadata", "RequiresRecreation": "Never"], "Evaluation": "Static",
                                "ChangeSource": "DirectModification"])
            }
            guard !details.isEmpty || replacement == "True" else { continue }
            if replacement != "False" { unsettled.insert(id) }
            out.append(change(action: "Modify", id: id, physicalID: existing.physicalID, type: resource.type, replacement: replacement,
                              details: details))
        }
        for existing in stack?.resources ?? [] where existing.status != StackStatus.deleteComplete {
            let keeps = template.resource(existing.logicalID).map { r in r.condition.map { conditions[$0] ?? false } ?? true } ?? false
            guard !keeps else { continue }
            out.append(change(action: "Remove", id: existing.logicalID, physicalID: existing.physicalID, type: existing.resourceType,
                              replacement: nil, details: [], policy: existing.deletionPolicy == "Retain" ? "Retain" : "Delete"))
        }
        return out
    }

    private func detail(_ name: String, _ requires: String, evaluation: String, source: String, cause: String?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("Target", ["Attribute": "Properties", "Name": .string(name), "RequiresRecreation": .string(requires)]),
            ("Evaluation", .string(evaluation)),
            ("ChangeSource", .string(source)),
        ]
        if let cause { pairs.append(("CausingEntity", .string(cause))) }
        return .object(pairs)
    }

    private func change(action: String, id: String, physicalID: String?, type: String, replacement: String?, details: [JSONValue],
                        policy: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let policy { pairs.append(("PolicyAction", .string(policy))) }
        pairs.append(("Action", .string(action)))
        pairs.append(("LogicalResourceId", .string(id)))
        if let physicalID { pairs.append(("PhysicalResourceId", .string(physicalID))) }
        pairs.append(("ResourceType", .string(type)))
        if let replacement { pairs.append(("Replacement", .string(replacement))) }
        // Which of the resource's attributes the change touches (Properties, Metadata), as AWS lists them.
        var scope: [JSONValue] = []
        for detail in details {
            if let attribute = detail["Target"]?["Attribute"], !scope.contains(attribute) { scope.append(attribute) }
        }
        pairs.append(("Scope", .array(scope)))
        pairs.append(("Details", .array(details)))
        return ["Type": "Resource", "ResourceChange": .object(pairs)]
    }
}
