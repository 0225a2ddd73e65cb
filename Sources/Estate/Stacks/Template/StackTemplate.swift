/// A parsed and checked template: its sections in the order they are written.
///
/// Built once per create, update or change set; everything that reads a template afterwards
/// (the dependency graph, intrinsic evaluation, provisioners) works from these values.
public struct StackTemplate: Sendable {
    public var formatVersion: String?
    public var description: String?
    public var transforms: [String]
    public var parameters: [TemplateParameter]
    public var mappings: JSONValue
    public var conditions: [(name: String, expression: JSONValue)]
    public var resources: [TemplateResource]
    public var outputs: [TemplateOutput]

    static let sections = ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
                           "Conditions", "Transform", "Resources", "Outputs"]

    public func resource(_ logicalID: String) -> TemplateResource? {
        resources.first { $0.logicalID == logicalID }
    }

    public func parameter(_ name: String) -> TemplateParameter? {
        parameters.first { $0.name == name }
    }

    /// Parses and checks a body: sections, parameters, resources, outputs and every reference.
    public init(body: String) throws(AWSError) {
        guard body.utf8.count <= TemplateDocument.maximumBodyBytes else {
            throw StackError.validation("1 validation error detected: Value '\(body.prefix(40))…' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to \(TemplateDocument.maximumBodyBytes)")
        }
        try self.init(json: try TemplateDocument.parse(body))
    }

    public init(json root: JSONValue) throws(AWSError) {
        let top = root.objectValue ?? []
        let unknown = top.map(\.0).filter { !Self.sections.contains($0) }
        if !unknown.isEmpty {
            throw StackError.format("Invalid template property or properties [\(unknown.joined(separator: ", "))]")
        }
        formatVersion = root["AWSTemplateFormatVersion"].flatMap(TemplateScalar.text)
        if let version = formatVersion, version != "2010-09-09" {
            throw StackError.format("\(version) is not a supported value for AWSTemplateFormatVersion.")
        }
        description = root["Description"].flatMap(TemplateScalar.text)
        switch root["Transform"] {
        case let .string(s)?: transforms = [s]
        case let .array(items)?: transforms = items.compactMap(\.stringValue)
        default: transforms = []
        }
        parameters = try TemplateParameter.parseAll(root["Parameters"])
        mappings = root["Mappings"] ?? .object([])
        if mappings.objectValue == nil { throw StackError.format("Every Mappings member must be an object.") }
        guard case let .object(conditionPairs) = root["Conditions"] ?? .object([]) else {
            throw StackError.format("Every Conditions member must be an object.")
        }
        conditions = conditionPairs.map { (name: $0.0, expression: $0.1) }
        guard let resourcesValue = root["Resources"], case let .object(resourcePairs) = resourcesValue, !resourcePairs.isEmpty else {
            throw StackError.format("At least one Resources member must be defined.")
        }
        var resources: [TemplateResource] = []
        for (logicalID, body) in resourcePairs { resources.append(try TemplateResource(logicalID: logicalID, body)) }
        self.resources = resources
        outputs = try TemplateOutput.parseAll(root["Outputs"])
        try TemplateReferences.check(self)
        _ = try DependencyGraph(self)
    }
}

/// Template values that must be plain text (a description, a version, a type name).
enum TemplateScalar {
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return JSONValue.format(d)
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Logical names in a template may use only letters and digits.
    static func isAlphanumeric(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}

/// One entry of `Resources`.
public struct TemplateResource: Sendable {
    public let logicalID: String
    public let type: String
    public let properties: JSONValue
    public let dependsOn: [String]
    public let condition: String?
    /// `Delete` (the default), `Retain` or `Snapshot`.
    public let deletionPolicy: String
    public let updateReplacePolicy: String
    /// `Metadata.cloudtop`: what the simulation attaches to the resource (a CPU profile, producers,
    /// a loader…), read by `SimulationMetadata`. CloudFormation keeps Metadata for tools; this is one.
    public let simulation: JSONValue?
    /// The rest of the resource's `Metadata` (what tools such as cfn-init read): a change to it
    /// alone is an update with no interruption, as a change to `Metadata.cloudtop` is.
    public let metadata: JSONValue?

    static let attributes = ["Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy",
                             "Metadata", "CreationPolicy", "UpdatePolicy"]
    static let policies = ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]

    init(logicalID: String, _ body: JSONValue) throws(AWSError) {
        self.logicalID = logicalID
        guard TemplateScalar.isAlphanumeric(logicalID) else {
            throw StackError.format("Resource name \(logicalID) is non alphanumeric.")
        }
        guard case let .object(pairs) = body else {
            throw StackError.format("[/Resources/\(logicalID)] Every Resources object must contain a Type member.")
        }
        if let bad = pairs.map(\.0).first(where: { !Self.attributes.contains($0) }) {
            throw StackError.format("Invalid template resource property '\(bad)'")
        }
        guard let type = body["Type"]?.stringValue, !type.isEmpty else {
            throw StackError.format("[/Resources/\(logicalID)] Every Resources object must contain a Type member.")
        }
        self.type = type
        let properties = body["Properties"] ?? .object([])
        guard case .object = properties else {
            throw StackError.format("[/Resources/\(logicalID)/Properties] Every Properties member must be an object.")
        }
        self.properties = properties
        simulation = body["Metadata"]?[SimulationMetadata.key]
        let others = (body["Metadata"]?.objectValue ?? []).filter { $0.0 != SimulationMetadata.key }
        metadata = others.isEmpty ? nil : .object(others)
        switch body["DependsOn"] {
        case nil: dependsOn = []
        case let .string(s)?: dependsOn = [s]
        case let .array(items)?:
            var names: [String] = []
            for item in items {
                guard let s = item.stringValue else { throw StackError.format("DependsOn must be a string or a list of strings.") }
                names.append(s)
            }
            dependsOn = names
        default: throw StackError.format("DependsOn must be a string or a list of strings.")
        }
        condition = body["Condition"]?.stringValue
        deletionPolicy = body["DeletionPolicy"]?.stringValue ?? "Delete"
        updateReplacePolicy = body["UpdateReplacePolicy"]?.stringValue ?? "Delete"
        for policy in [deletionPolicy, updateReplacePolicy] where !Self.policies.contains(policy) {
            throw StackError.format("Unrecognized DeletionPolicy \(policy) for resource \(logicalID)")
        }
    }
}

/// One entry of `Outputs`.
public struct TemplateOutput: Sendable {
    public let name: String
    public let value: JSONValue
    public let description: String?
    public let exportName: JSONValue?
    public let condition: String?

    static func parseAll(_ section: JSONValue?) throws(AWSError) -> [TemplateOutput] {
        guard let section else { return [] }
        guard case let .object(pairs) = section else { throw StackError.format("Every Outputs member must be an object.") }
        var outputs: [TemplateOutput] = []
        for (name, body) in pairs {
            guard TemplateScalar.isAlphanumeric(name) else { throw StackError.format("Output name \(name) is non alphanumeric.") }
            guard case .object = body, let value = body["Value"] else {
                throw StackError.format("Every Outputs member must contain a Value object, the Outputs member \(name) has no Value.")
            }
            outputs.append(TemplateOutput(name: name, value: value, description: body["Description"].flatMap(TemplateScalar.text),
                                          exportName: body["Export"]?["Name"], condition: body["Condition"]?.stringValue))
        }
        return outputs
    }
}
