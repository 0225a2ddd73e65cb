/// `lambda update-function-code` and `update-function-configuration`: both change `$LATEST`
/// only. Published versions are immutable, and Lambda@Edge runs only published versions, so a
/// distribution keeps running the code it has until a new version is published and associated.
extension EdgeLambdaAPI {
    static let updateSpecs: [OperationSpec] = [
        op("UpdateFunctionCode", [
            functionName,
            ParameterSpec("ZipFile", .blob, help: "the handler's new source text"),
            ParameterSpec("Publish", .boolean, help: "publish a version of the new code as well"),
        ], "Replace $LATEST's code"),
        op("UpdateFunctionConfiguration", [
            functionName,
            ParameterSpec("Runtime", .string, help: "nodejs20.x|python3.11"),
            ParameterSpec("Role", .string, help: "the execution role's ARN"),
            ParameterSpec("Handler", .string, help: "file.export, e.g. index.handler"),
            ParameterSpec("Description", .string, help: "what the function does"),
            ParameterSpec("Timeout", .integer, help: "seconds, 1–900"),
            ParameterSpec("MemorySize", .integer, help: "MB, 128–10240"),
        ], "Change $LATEST's settings"),
    ]

    func updateFunctionCodeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let function = try require(try p.requiredString("FunctionName"))
        guard let source = try p.string("ZipFile") else {
            throw AWSError("InvalidParameterValueException", "ZipFile must hold the handler's new source; the estate has no S3 deployment packages.")
        }
        guard case let .code(runtime, handler, fileName, _) = function.latest else { throw notCode(function) }
        function.latest = .code(runtime: runtime, handler: handler, fileName: fileName, source: source)
        function.lastModified = edge.context.scheduler.now
        if try p.bool("Publish") == true {
            return configuration(function, version: try edge.publishVersion(function.name))
        }
        return configuration(function, version: nil)
    }

    func updateFunctionConfigurationOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let function = try require(try p.requiredString("FunctionName"))
        guard case let .code(oldRuntime, oldHandler, _, source) = function.latest else { throw notCode(function) }
        var runtime = oldRuntime
        if let name = try p.string("Runtime") {
            guard let chosen = EdgeRuntime(rawValue: name), chosen == .nodejs20 || chosen == .python311 else {
                throw AWSError("InvalidParameterValueException", "The runtime parameter of \(name) is not supported here; use nodejs20.x or python3.11.")
            }
            runtime = chosen
        }
        let handler = try p.string("Handler") ?? oldHandler
        guard !handler.isEmpty else { throw AWSError("InvalidParameterValueException", "Handler must not be empty.") }
        let timeout = try p.int("Timeout")
        if let timeout, !(1...900).contains(timeout) {
            throw .validation("1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900")
        }
        let memory = try p.int("MemorySize")
        if let memory, !(128...10_240).contains(memory) {
            throw .validation("1 validation error detected: Value '\(memory)' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240")
        }
        // Everything is checked before anything changes.
        let fileName = "index" + (runtime == .python311 ? ".py" : ".js")
        function.latest = .code(runtime: runtime, handler: handler, fileName: fileName, source: source)
        if let description = try p.string("Description") { function.description = description }
        if let timeout { function.timeoutSeconds = timeout }
        if let memory { function.memoryMB = memory }
        function.lastModified = edge.context.scheduler.now
        return configuration(function, version: nil)
    }

    private func notCode(_ function: EdgeFunction) -> AWSError {
        AWSError("InvalidParameterValueException", "\(function.name) is one of the estate's rule functions, which have no code or runtime to update.")
    }
}
