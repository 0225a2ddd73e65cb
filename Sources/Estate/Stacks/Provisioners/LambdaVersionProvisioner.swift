/// `AWS::Lambda::Version` through `lambda publish-version`, `get-function --qualifier` and
/// `delete-function --qualifier`.
///
/// `Ref` is the version's ARN (`arn:aws:lambda:…:function:NAME:N`), what a CloudFront
/// `LambdaFunctionARN` wants; `Fn::GetAtt Version` is the number and `FunctionArn` the ARN of
/// the function, as AWS documents them. Every property change publishes a new version.
struct LambdaVersionProvisioner: ResourceProvisioner {
    let resourceType = "AWS::Lambda::Version"
    let attributes: [String] = ["FunctionArn", "Version"]
    let stateEvents: Set<String> = []

    func replacement(for property: String) -> UpdateRequirement { .always }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        guard let function = properties["FunctionName"].flatMap(TemplateScalar.text) else {
            throw StackError.validation("Property FunctionName is required for AWS::Lambda::Version \(context.logicalID)")
        }
        var request: [(String, JSONValue)] = [("FunctionName", .string(function))]
        if let description = properties["Description"] { request.append(("Description", description)) }
        if let sha = properties["CodeSha256"] { request.append(("CodeSha256", sha)) }
        let reply = try context.run("lambda", "PublishVersion", .object(request))
        guard let arn = reply["FunctionArn"]?.stringValue else { throw AWSError("InternalFailure", "PublishVersion returned no ARN") }
        return arn
    }

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {}

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard let (function, number) = Self.split(physicalID), describe(physicalID, context) != nil else { return }
        _ = try context.run("lambda", "DeleteFunction", ["FunctionName": .string(function), "Qualifier": .string(number)])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard describe(physicalID, context) != nil else { return .gone }
        return desired == nil ? .inProgress : .ready
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard let (function, number) = Self.split(physicalID) else { throw AWSError("ValidationError", "\(physicalID) is not a version ARN") }
        switch name {
        case "Version": return .string(number)
        case "FunctionArn": return .string("arn:aws:lambda:\(context.region):\(context.accountID):function:\(function)")
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        describe(physicalID, context).map { _ in expected }
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME:N` → (NAME, N).
    static func split(_ arn: String) -> (String, String)? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 8 else { return nil }
        return (String(parts[6]), String(parts[7]))
    }

    private func describe(_ arn: String, _ context: ProvisioningContext) -> JSONValue? {
        guard let (function, number) = Self.split(arn),
              case let .success(reply) = context.execute(OperationRequest(service: "lambda", operation: "GetFunction",
                                                                           parameters: ["FunctionName": .string(function), "Qualifier": .string(number)]))
        else { return nil }
        return reply["Configuration"]
    }
}
