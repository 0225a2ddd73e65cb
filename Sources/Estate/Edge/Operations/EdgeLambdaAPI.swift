/// The `lambda` operations over the edge's functions (botocore's lambda 2015-03-31 model).
///
/// A separate service so the command language finds `lambda list-functions` like any other; its
/// state lives in `EdgeService` and is dumped under `Edge`, so its own dump key is empty.
public final class EdgeLambdaAPI: EstateService {
    public let serviceName = "lambda"
    public let dumpKey = ""
    unowned let edge: EdgeService

    init(edge: EdgeService) { self.edge = edge }

    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "lambda", name: name, parameters: parameters, summary: summary)
    }
    static let functionName = ParameterSpec("FunctionName", .string, required: true, help: "the function's name or ARN")

    public static let operationSpecs: [OperationSpec] = [
        op("ListFunctions", [ParameterSpec("Marker", .string, help: "from a previous page"), ParameterSpec("MaxItems", .integer, help: "1–50")],
           "List Lambda@Edge functions"),
        op("GetFunction", [functionName, ParameterSpec("Qualifier", .string, help: "a version number or $LATEST")], "Describe a function"),
        op("ListVersionsByFunction", [functionName, ParameterSpec("Marker", .string, help: "from a previous page"),
                                      ParameterSpec("MaxItems", .integer, help: "1–50")], "List a function's versions"),
        op("PublishVersion", [functionName, ParameterSpec("Description", .string, help: "the version's description"),
                              ParameterSpec("CodeSha256", .string, help: "publish only if $LATEST has this hash")], "Freeze $LATEST as a numbered version"),
    ]

    public var operations: [OperationSpec] { Self.operationSpecs + Self.lifecycleSpecs + Self.updateSpecs + Self.invokeSpecs }

    public func dump() -> JSONValue { .null }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "ListFunctions":
            let all = edge.functions.filter { !$0.isCloudFrontFunction }
            let (page, next) = try paginate(all.map { configuration($0, version: nil) }, p)
            var pairs: [(String, JSONValue)] = [("Functions", .array(page))]
            if let next { pairs.append(("NextMarker", .string(next))) }
            return .object(pairs)
        case "GetFunction":
            let function = try require(try p.requiredString("FunctionName"))
            let qualifier = try p.string("Qualifier")
            var version: EdgeFunctionVersion?
            if let qualifier, qualifier != "$LATEST" {
                guard let n = Int(qualifier), let v = function.version(n) else {
                    throw AWSError("ResourceNotFoundException", "Function not found: \(function.arn(accountID: edge.context.accountID, region: edge.context.region, qualifier: qualifier))")
                }
                version = v
            }
            return ["Configuration": configuration(function, version: version),
                    "Code": ["RepositoryType": "S3", "Location": .string("https://awslambda-\(edge.context.region)-tasks.s3.\(edge.context.region).amazonaws.com/snapshots/\(edge.context.accountID)/\(function.name)")]]
        case "ListVersionsByFunction":
            let function = try require(try p.requiredString("FunctionName"))
            let items = [configuration(function, version: nil, qualifiedLatest: true)] + function.versions.map { configuration(function, version: $0) }
            let (page, next) = try paginate(items, p)
            var pairs: [(String, JSONValue)] = [("Versions", .array(page))]
            if let next { pairs.append(("NextMarker", .string(next))) }
            return .object(pairs)
        case "CreateFunction": return try createFunctionOperation(p)
        case "DeleteFunction": return try deleteFunctionOperation(p)
        case "UpdateFunctionCode": return try updateFunctionCodeOperation(p)
        case "UpdateFunctionConfiguration": return try updateFunctionConfigurationOperation(p)
        case "Invoke": return try invokeOperation(p)
        case "PublishVersion":
            let function = try require(try p.requiredString("FunctionName"))
            if let expected = try p.string("CodeSha256"), expected != CodeDigest.base64SHA256(function.latest.sourceText) {
                throw AWSError("InvalidParameterValueException", "CodeSHA256 (\(expected)) is different from current CodeSHA256 in $LATEST. Please try again with the CodeSHA256 in $LATEST.")
            }
            let version = try edge.publishVersion(function.name, description: try p.string("Description"))
            return configuration(function, version: version)
        default:
            throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }

    /// A Lambda function by name or ARN (CloudFront Functions are not Lambda's).
    func require(_ nameOrARN: String) throws(AWSError) -> EdgeFunction {
        var name = nameOrARN
        if name.hasPrefix("arn:") {
            let parts = name.split(separator: ":")
            if parts.count >= 7 { name = String(parts[6]) }
        }
        guard let function = edge.function(named: name), !function.isCloudFrontFunction else { throw edge.functionNotFound(name) }
        return function
    }

    private func paginate(_ items: [JSONValue], _ p: Parameters) throws(AWSError) -> ([JSONValue], String?) {
        let start = Int(try p.string("Marker") ?? "0") ?? 0
        let size = try p.int("MaxItems") ?? 50
        guard (1...10_000).contains(size) else { throw .validation("1 validation error detected: Value '\(size)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000") }
        let page = Array(items.dropFirst(start).prefix(size))
        return (page, start + page.count < items.count ? String(start + page.count) : nil)
    }

    /// `FunctionConfiguration` of `$LATEST` or of one version. Rule functions report the runtime
    /// `cloudtop-rules`, our own extension (they have no Lambda runtime). `$LATEST`'s ARN is
    /// unqualified, as Lambda answers it, except in a list of versions (`qualifiedLatest`).
    func configuration(_ f: EdgeFunction, version: EdgeFunctionVersion?, qualifiedLatest: Bool = false) -> JSONValue {
        let body = version?.body ?? f.latest
        let qualifier = version.map { String($0.number) } ?? "$LATEST"
        let arnQualifier = version == nil && !qualifiedLatest ? nil : qualifier
        let source = body.sourceText
        return .object([
            ("FunctionName", .string(f.name)),
            ("FunctionArn", .string(f.arn(accountID: edge.context.accountID, region: edge.context.region, qualifier: arnQualifier))),
            ("Runtime", .string(body.runtime.rawValue)),
            ("Role", .string("arn:aws:iam::\(edge.context.accountID):role/edge-function-role")),
            ("Handler", .string(body.handlerName)),
            ("CodeSize", .int(Int64(source.utf8.count))),
            ("Description", .string(version?.description ?? f.description)),
            ("Timeout", .int(Int64(version?.timeoutSeconds ?? f.timeoutSeconds))),
            ("MemorySize", .int(Int64(f.memoryMB))),
            ("LastModified", .string(SimCalendar.iso8601(version?.publishedAt ?? f.lastModified))),
            ("CodeSha256", .string(CodeDigest.base64SHA256(source))),
            ("Version", .string(qualifier)),
            ("TracingConfig", ["Mode": "PassThrough"]),
            ("State", "Active"),
            ("PackageType", "Zip"),
            ("Architectures", ["x86_64"]),
        ])
    }
}
