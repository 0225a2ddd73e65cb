/// `AWS::Lambda::Function` through `lambda create-function`, `get-function`, `update-function-code`,
/// `update-function-configuration` and `delete-function`.
///
/// `Ref` is the function name (generated when `FunctionName` is absent); `Fn::GetAtt Arn` its
/// ARN. The code is the template's inline `Code.ZipFile`; the estate runs Node.js and Python
/// handlers, which is what Lambda@Edge allows; `Metadata.cloudtop.rules` runs a rule function of
/// `Config/edge/` in the handler's place. A function is active as soon as it is created.
struct LambdaFunctionProvisioner: ResourceProvisioner {
    let resourceType = "AWS::Lambda::Function"
    /// Creating and deleting a function finish within the operation.
    let attributes: [String] = ["Arn"]
    let stateEvents: Set<String> = []

    func replacement(for property: String) -> UpdateRequirement {
        property == "FunctionName" ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let name = properties["FunctionName"].flatMap(TemplateScalar.text) ?? context.generatedName(limit: 64)
        var request: [(String, JSONValue)] = [("FunctionName", .string(name))]
        for key in ["Runtime", "Role", "Handler", "Description"] {
            if let value = properties[key] { request.append((key, value)) }
        }
        if let timeout = properties["Timeout"].flatMap(TemplateScalar.text).flatMap({ Int64($0) }) { request.append(("Timeout", .int(timeout))) }
        if let code = properties["Code"] {
            guard let source = code["ZipFile"] else {
                throw AWSError("InvalidParameterValueException", "Code must give the handler inline as ZipFile; the estate has no S3 deployment packages (S3Bucket/S3Key).")
            }
            request.append(("Code", ["ZipFile": source]))
        }
        // Simulation only: a rule function of Config/edge/ runs in place of the inline handler.
        if let path = context.simulation.rules, let text = EdgeDefaults.files[path] { request.append(("Rules", .string(text))) }
        _ = try context.run("lambda", "CreateFunction", .object(request))
        return name
    }

    /// Settings Lambda changes with `UpdateFunctionConfiguration`, with their defaults when a new
    /// template leaves one out; `Code` goes through `UpdateFunctionCode`. Each is "Update
    /// requires: No interruption".
    static let configuration: [(property: String, absent: JSONValue?)] = [
        ("Runtime", nil), ("Role", nil), ("Handler", nil), ("Description", ""), ("Timeout", 3), ("MemorySize", 128),
    ]

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        let settings = Self.configuration.map(\.property)
        if let property = changed.first(where: { $0 != "Code" && !settings.contains($0) }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::Lambda::Function cannot be simulated: \(Self.unmodelled(property)); take it out of the update")
        }
        var request: [(String, JSONValue)] = [("FunctionName", .string(physicalID))]
        for (property, absent) in Self.configuration where changed.contains(property) {
            guard var value = new[property] ?? absent else { continue }
            if property == "Timeout" || property == "MemorySize", let number = TemplateScalar.text(value).flatMap({ Int64($0) }) { value = .int(number) }
            request.append((property, value))
        }
        if request.count > 1 { _ = try context.run("lambda", "UpdateFunctionConfiguration", .object(request)) }
        if changed.contains("Code") {
            guard let source = new["Code"]?["ZipFile"] else {
                throw AWSError("InvalidParameterValueException", "Code must give the handler inline as ZipFile; the estate has no S3 deployment packages (S3Bucket/S3Key).")
            }
            _ = try context.run("lambda", "UpdateFunctionCode", ["FunctionName": .string(physicalID), "ZipFile": source])
        }
    }

    /// Why a property has no in-place update here. The estate's functions are Lambda@Edge
    /// functions, and Lambda@Edge refuses what a regional function alone can have.
    static func unmodelled(_ property: String) -> String {
        switch property {
        case "Environment", "Layers", "VpcConfig", "DeadLetterConfig", "TracingConfig", "FileSystemConfigs", "EphemeralStorage",
             "ImageConfig", "SnapStartConfig", "Architectures":
            return "the estate's functions are Lambda@Edge functions, and Lambda@Edge does not support \(property)"
        default: return "the estate's functions have no \(property)"
        }
    }

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard describe(physicalID, context) != nil else { return }
        _ = try context.run("lambda", "DeleteFunction", ["FunctionName": .string(physicalID)])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard describe(physicalID, context) != nil else { return .gone }
        return desired == nil ? .inProgress : .ready
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard name == "Arn" else {
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
        return .string("arn:aws:lambda:\(context.region):\(context.accountID):function:\(physicalID)")
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let configuration = describe(physicalID, context) else { return nil }
        // A rule function (Metadata.cloudtop.rules) stands in for the template's runtime and handler.
        let isRules = configuration["Runtime"]?.stringValue == EdgeRuntime.rules.rawValue
        return .object((expected.objectValue ?? []).map { key, value in
            switch key {
            case "Runtime" where isRules, "Handler" where isRules: return (key, value)
            case "Runtime", "Handler", "Description": return (key, configuration[key] ?? .null)
            case "Timeout": return (key, configuration["Timeout"] ?? .null)
            default: return (key, value)
            }
        })
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func describe(_ name: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "lambda", operation: "GetFunction",
                                                                           parameters: ["FunctionName": .string(name)])) else { return nil }
        return reply["Configuration"]
    }
}
