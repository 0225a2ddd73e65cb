/// `lambda create-function` and `lambda delete-function` over the edge's functions, with the
/// checks and error codes AWS applies.
///
/// The estate has no zip files: `Code.ZipFile` holds the handler's source text, as the inline
/// `ZipFile` of a CloudFormation template does (CloudFormation writes it to `index.js` or
/// `index.py`, and so does this).
extension EdgeLambdaAPI {
    static let lifecycleSpecs: [OperationSpec] = [
        op("CreateFunction", [
            functionName,
            ParameterSpec("Runtime", .string, help: "nodejs20.x|python3.11"),
            ParameterSpec("Role", .string, required: true, help: "the execution role's ARN"),
            ParameterSpec("Handler", .string, help: "file.export, e.g. index.handler"),
            ParameterSpec("Code", .structure([("ZipFile", .blob), ("S3Bucket", .string), ("S3Key", .string)]), required: true,
                          help: "ZipFile=<the handler's source text>"),
            ParameterSpec("Description", .string, help: "what the function does"),
            ParameterSpec("Timeout", .integer, help: "seconds (Lambda@Edge: up to 5 at viewer triggers, 30 at origin)"),
            ParameterSpec("MemorySize", .integer, help: "accepted; the estate's functions use 128 MB"),
            ParameterSpec("Publish", .boolean, help: "publish version 1 as well"),
            ParameterSpec("Rules", .string, help: "simulation only: a rule function's YAML (as in Config/edge/), run in place of the handler"),
        ], "Create a function from its source"),
        op("DeleteFunction", [functionName, ParameterSpec("Qualifier", .string, help: "a version number: delete only that version")],
           "Delete a function, or one of its versions"),
    ]

    func createFunctionOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let name = try p.requiredString("FunctionName")
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .validation("1 validation error detected: Value '\(name)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length between 1 and 64")
        }
        _ = try p.requiredString("Role")
        let runtimeName = try p.string("Runtime") ?? ""
        guard let runtime = EdgeRuntime(rawValue: runtimeName), runtime == .nodejs20 || runtime == .python311 else {
            throw AWSError("InvalidParameterValueException", "The runtime parameter of \(runtimeName.isEmpty ? "(none)" : runtimeName) is not supported here; use nodejs20.x or python3.11.")
        }
        guard let handler = try p.string("Handler"), !handler.isEmpty else {
            throw AWSError("InvalidParameterValueException", "Handler is required for a function of runtime \(runtimeName).")
        }
        guard let code = try p.object("Code"), let source = try code.string("ZipFile") else {
            throw AWSError("InvalidParameterValueException", "Code.ZipFile must hold the handler's source; the estate has no S3 deployment packages.")
        }
        let timeout = try p.int("Timeout") ?? 3
        guard (1...900).contains(timeout) else {
            throw .validation("1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900")
        }
        let fileName = "index" + (runtime == .python311 ? ".py" : ".js")
        var file = EdgeFunctionFile(name: name, description: try p.string("Description") ?? "",
                                    body: .code(runtime: runtime, handler: handler, fileName: fileName, source: source),
                                    timeoutSeconds: timeout, reservedConcurrency: nil)
        if let rules = try p.string("Rules") {
            // The rule function takes the handler's place; the function keeps its own name and settings.
            let parsed: EdgeFunctionFile
            do { parsed = try EdgeFunctionFile.parse(rules, file: "Rules") { _ in nil } } catch {
                throw AWSError("InvalidParameterValueException", "Rules: \(error.description)")
            }
            guard case .rules = parsed.body else {
                throw AWSError("InvalidParameterValueException", "Rules must hold a rule function (rules:), not a \(parsed.body.runtime.rawValue) handler.")
            }
            file.body = parsed.body
            if try p.string("Description") == nil { file.description = parsed.description }
        }
        let function = try edge.createFunction(file)
        if try p.bool("Publish") == true {
            return configuration(function, version: try edge.publishVersion(name))
        }
        return configuration(function, version: nil)
    }

    func deleteFunctionOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let nameOrARN = try p.requiredString("FunctionName")
        var name = nameOrARN, qualifier = try p.string("Qualifier")
        if name.hasPrefix("arn:") {
            let parts = name.split(separator: ":")
            if parts.count >= 7 { name = String(parts[6]) }
            if parts.count >= 8 { qualifier = qualifier ?? String(parts[7]) }
        }
        try edge.deleteFunction(name, version: qualifier.flatMap { $0 == "$LATEST" ? nil : Int($0) }, qualifier: qualifier)
        return [:]
    }
}

extension EdgeService {
    /// Deletes a function, or only one version of it. A function or version a distribution still
    /// runs is refused, as Lambda refuses to delete a replicated function.
    func deleteFunction(_ name: String, version: Int?, qualifier: String?) throws(AWSError) {
        guard let function = functionsByName[name], !function.isCloudFrontFunction else { throw functionNotFound(name) }
        if let qualifier, qualifier != "$LATEST", version == nil {
            throw .validation("1 validation error detected: Value '\(qualifier)' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")
        }
        if let version, function.version(version) == nil {
            throw AWSError("ResourceNotFoundException", "Function not found: \(function.arn(accountID: context.accountID, region: context.region, qualifier: String(version)))")
        }
        let inUse = distributions.flatMap { [$0.defaultBehavior] + $0.behaviors }.flatMap(\.associations)
            .filter { $0.functionName == name && (version == nil || $0.version == version) }
        if let association = inUse.first {
            let arn = function.arn(accountID: context.accountID, region: context.region, qualifier: association.version.map(String.init) ?? "$LATEST")
            throw AWSError("InvalidParameterValueException",
                           "Lambda was unable to delete \(arn) because it is a replicated function. Please see our documentation for Deleting Lambda@Edge Functions and Replicas.")
        }
        if let version {
            function.versions.removeAll { $0.number == version }
        } else {
            functionsByName[name] = nil
        }
    }
}
