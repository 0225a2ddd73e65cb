/// The simulation-only parameters of `create-distribution` and `update-distribution`, as the
/// `Workload` of `run-instances`: what a real distribution gets from the world outside.
///
/// `SimulatedOrigins` says what each origin is (a static site of generated pages, or an API with
/// a latency distribution and an error rate); an origin it does not name keeps what it was, or
/// gets a small default. `LambdaFallbacks` attaches a rule function's version in place of a
/// handler's wherever the handler's runtime is not installed on this machine, so an estate
/// behaves the same with or without Node.js, only without the handler's own code.
extension EdgeService {
    static let simulatedOrigins = ParameterSpec("SimulatedOrigins", .list(.structure([
        ("Id", .string),
        ("StaticSite", .structure([("Sections", .list(.string)), ("PagesPerSection", .integer), ("CacheControl", .string)])),
        ("Api", .structure([("LatencyP50Ms", .integer), ("LatencyP99Ms", .integer), ("ErrorRate", .string)])),
    ])), help: "simulation only: Id=site,StaticSite={Sections=[docs],PagesPerSection=20} or Id=api,Api={LatencyP50Ms=40,…}")

    static let lambdaFallbacks = ParameterSpec("LambdaFallbacks", .list(.structure([
        ("LambdaFunctionARN", .string), ("FallbackFunctionARN", .string),
    ])), help: "simulation only: the version to attach where a version's runtime is not installed")

    /// `SimulatedOrigins` by origin id.
    func simulatedOriginKinds(_ p: Parameters) throws(AWSError) -> [String: EdgeOrigin.Kind] {
        var kinds: [String: EdgeOrigin.Kind] = [:]
        for item in try p.objects("SimulatedOrigins") ?? [] {
            let id = try item.requiredString("Id")
            if let site = try item.object("StaticSite") {
                let perSection = try site.int("PagesPerSection") ?? 20
                guard (1...10_000).contains(perSection) else { throw AWSError("InvalidArgument", "PagesPerSection of origin \(id) must be 1 to 10000.") }
                var generated = EdgeOrigin.StaticSite.generated(sections: try site.strings("Sections") ?? ["docs"], pagesPerSection: perSection)
                generated.cacheControl = try site.string("CacheControl")
                kinds[id] = .staticSite(generated)
            } else if let api = try item.object("Api") {
                var behaviour = EdgeOrigin.APIBehaviour()
                behaviour.latencyP50Milliseconds = Double(try api.int("LatencyP50Ms") ?? 40)
                behaviour.latencyP99Milliseconds = Double(try api.int("LatencyP99Ms") ?? 400)
                if let rate = api.value["ErrorRate"], rate != .null {
                    let number: Double?
                    switch rate {
                    case let .double(d): number = d
                    case let .int(i): number = Double(i)
                    case let .string(s): number = Double(s)
                    default: number = nil
                    }
                    guard let value = number, (0...1).contains(value) else {
                        throw AWSError("InvalidArgument", "ErrorRate of origin \(id) must be a number from 0 to 1.")
                    }
                    behaviour.errorRate = value
                }
                guard behaviour.latencyP50Milliseconds > 0, behaviour.latencyP99Milliseconds >= behaviour.latencyP50Milliseconds else {
                    throw AWSError("InvalidArgument", "The API origin \(id) needs 0 < LatencyP50Ms ≤ LatencyP99Ms.")
                }
                kinds[id] = .api(behaviour)
            } else {
                throw AWSError("InvalidArgument", "Simulated origin \(id) needs StaticSite or Api.")
            }
        }
        return kinds
    }

    /// Puts each fallback's version in place of its function's, in every behaviour, where that
    /// function's runtime needs a process this machine cannot start.
    func applyFallbacks(_ p: Parameters, to behaviors: inout [CacheBehavior]) throws(AWSError) {
        for item in try p.objects("LambdaFallbacks") ?? [] {
            let (name, version) = try Self.versionARN(try item.requiredString("LambdaFunctionARN"))
            let (fallbackName, fallbackVersion) = try Self.versionARN(try item.requiredString("FallbackFunctionARN"))
            guard let runtime = functionsByName[name]?.version(version ?? 0)?.body.runtime ?? functionsByName[name]?.latest.runtime,
                  runtime.needsProcess, !codeRunner.isAvailable(runtime) else { continue }
            for index in behaviors.indices {
                behaviors[index].associations = behaviors[index].associations.map { a in
                    guard a.functionName == name, a.version == version else { return a }
                    return FunctionAssociation(eventType: a.eventType, functionName: fallbackName, version: fallbackVersion)
                }
            }
        }
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:VERSION]` → (NAME, VERSION).
    static func versionARN(_ arn: String) throws(AWSError) -> (String, Int?) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "lambda" else {
            throw AWSError("InvalidLambdaFunctionAssociation", "The function ARN \(arn) is not a Lambda function ARN.")
        }
        return (String(parts[6]), parts.count >= 8 ? Int(parts[7]) : nil)
    }
}
