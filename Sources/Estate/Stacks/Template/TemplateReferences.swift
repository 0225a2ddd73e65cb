/// Finds what a piece of template refers to, and refuses references to nothing.
///
/// `Ref`, `Fn::GetAtt`, the `${…}` of `Fn::Sub` and `DependsOn` name other resources; those names
/// are the edges of the dependency graph, and a name that is neither a resource, a parameter nor
/// a pseudo parameter fails validation with CloudFormation's message.
enum TemplateReferences {
    static let pseudoParameters = ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
                                   "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]

    /// Every name a value refers to through `Ref`, `Fn::GetAtt` or `Fn::Sub`, in order of appearance.
    static func names(in value: JSONValue) -> [String] {
        var out: [String] = []
        collect(value, into: &out)
        return out
    }

    private static func collect(_ value: JSONValue, into out: inout [String]) {
        switch value {
        case let .array(items): for item in items { collect(item, into: &out) }
        case let .object(pairs):
            if pairs.count == 1 {
                let (key, argument) = pairs[0]
                switch key {
                case "Ref":
                    if let name = argument.stringValue { out.append(name) }
                    return
                case "Fn::GetAtt":
                    if let name = getAttTarget(argument) { out.append(name) }
                    if case let .array(parts) = argument, parts.count == 2 { collect(parts[1], into: &out) }
                    return
                case "Fn::Sub":
                    let (text, variables) = subParts(argument)
                    let bound = Set(variables?.map(\.0) ?? [])
                    if let text {
                        for name in SubTemplate.variables(in: text) where !bound.contains(name) {
                            out.append(String(name.split(separator: ".", maxSplits: 1).first ?? Substring(name)))
                        }
                    }
                    if let variables { for (_, v) in variables { collect(v, into: &out) } }
                    return
                default: break
                }
            }
            for (_, v) in pairs { collect(v, into: &out) }
        default: return
        }
    }

    static func getAttTarget(_ argument: JSONValue) -> String? {
        switch argument {
        case let .array(parts): return parts.first?.stringValue
        case let .string(s): return s.split(separator: ".", maxSplits: 1).first.map(String.init)
        default: return nil
        }
    }

    static func subParts(_ argument: JSONValue) -> (String?, [(String, JSONValue)]?) {
        switch argument {
        case let .string(s): return (s, nil)
        case let .array(parts) where parts.count == 2: return (parts[0].stringValue, parts[1].objectValue)
        default: return (nil, nil)
        }
    }

    /// The resources a resource waits for: its references to other resources and its `DependsOn`.
    static func dependencies(of resource: TemplateResource, in template: StackTemplate) -> [String] {
        var seen: [String] = []
        // The simulation's metadata may name resources too (a web server's producer writes to a stream).
        for name in names(in: resource.properties) + names(in: resource.simulation ?? .null) + resource.dependsOn
            where template.resource(name) != nil && name != resource.logicalID && !seen.contains(name) {
            seen.append(name)
        }
        return seen
    }

    static func check(_ template: StackTemplate) throws(AWSError) {
        let known = Set(template.resources.map(\.logicalID) + template.parameters.map(\.name) + pseudoParameters)
        let conditionNames = Set(template.conditions.map(\.name))
        var unresolved: [String] = []
        for resource in template.resources {
            try checkGetAtts(resource.properties, template)
            for name in names(in: resource.properties) + names(in: resource.simulation ?? .null) + resource.dependsOn where !known.contains(name) && !unresolved.contains(name) {
                unresolved.append(name)
            }
            for name in resource.dependsOn where template.resource(name) == nil && !unresolved.contains(name) {
                unresolved.append(name)
            }
            if let condition = resource.condition, !conditionNames.contains(condition) {
                throw StackError.format("Unresolved dependencies [\(condition)]. Cannot reference resources in the Conditions block of the template")
            }
        }
        if !unresolved.isEmpty {
            throw StackError.format("Unresolved resource dependencies [\(unresolved.joined(separator: ", "))] in the Resources block of the template")
        }
        for output in template.outputs {
            try checkGetAtts(output.value, template)
            let missing = names(in: output.value).filter { !known.contains($0) }
            if !missing.isEmpty {
                throw StackError.format("Unresolved resource dependencies [\(missing.joined(separator: ", "))] in the Outputs block of the template")
            }
        }
        for condition in template.conditions {
            let resourceRefs = names(in: condition.expression).filter { template.resource($0) != nil || !known.contains($0) }
            if !resourceRefs.isEmpty {
                throw StackError.format("Unresolved dependencies [\(resourceRefs.joined(separator: ", "))]. Cannot reference resources in the Conditions block of the template")
            }
        }
    }

    /// A `Fn::GetAtt` must name a resource of this template, as AWS says it.
    private static func checkGetAtts(_ value: JSONValue, _ template: StackTemplate) throws(AWSError) {
        switch value {
        case let .array(items): for item in items { try checkGetAtts(item, template) }
        case let .object(pairs):
            if pairs.count == 1, pairs[0].0 == "Fn::GetAtt" {
                guard let target = getAttTarget(pairs[0].1) else {
                    throw StackError.format("Template error: every Fn::GetAtt object requires two non-empty parameters.")
                }
                guard let resource = template.resource(target) else {
                    throw StackError.validation("Template error: instance of Fn::GetAtt references undefined resource \(target)")
                }
                // An attribute the type does not have is refused here, as AWS refuses it before
                // creating anything; types without a provisioner fail with their own reason later.
                let attribute = pairs[0].1.arrayValue?.dropFirst().first?.stringValue
                    ?? pairs[0].1.stringValue?.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init)
                if let name = attribute,
                   let provisioner = ProvisionerRegistry.provisioner(for: resource.type), !provisioner.attributes.contains(name) {
                    throw StackError.validation("Template error: resource \(target) does not support attribute type \(name) in Fn::GetAtt")
                }
            }
            for (_, v) in pairs { try checkGetAtts(v, template) }
        default: return
        }
    }
}
