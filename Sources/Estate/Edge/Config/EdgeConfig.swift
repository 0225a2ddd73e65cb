import Yams

/// The `edge:` section of `estate.yaml`: the session secret, the function files (under
/// `Config/edge/`), the distributions that use them, and the traffic that keeps them busy.
///
/// Everything is parsed and checked before the estate is touched, so a mistake is reported at its
/// file and line and nothing is half-created.
public struct EdgeConfig: Sendable {
    public var sessionSecret: String?
    public var functions: [EdgeFunctionFile] = []
    public var distributions: [DistributionEntry] = []
    public var traffic: EdgeTraffic.Settings?
    public var trafficLine: Int?

    public struct DistributionEntry: Sendable {
        public var spec: EdgeService.DistributionSpec
        /// Associations whose function needs a runtime this machine may lack, with the rule
        /// function to attach instead (`fallback:`).
        public var fallbacks: [Fallback]
        public var line: Int?
    }

    public struct Fallback: Sendable {
        public var pathPattern: String
        public var eventType: EdgeEventType
        public var function: String
    }

    public init() {}

    static let keys = ["session-secret", "functions", "distributions", "traffic"]
    static let distributionKeys = ["name", "origins", "behaviors"]
    static let originKeys = ["id", "static-site", "api"]
    static let siteKeys = ["sections", "pages-per-section", "cache-control"]
    static let apiKeys = ["latency-p50", "latency-p99", "error-rate"]
    static let behaviorKeys = ["path", "origin", "ttl", "cache-key", "functions"]
    static let trafficKeys = ["distribution", "rate", "log-stream"]

    /// Parses the section; `read` gives the text of a file named relative to the config folder.
    static func parse(_ node: Node, reader: YAMLReader, read: (String) -> String?) throws(ConfigError) -> EdgeConfig {
        var config = EdgeConfig()
        let pairs = try reader.mapping(node, what: "edge", allowed: keys)
        for (key, _, value) in pairs {
            switch key {
            case "session-secret":
                let secret = try reader.string(value, what: "session-secret")
                guard secret.utf8.count >= 16 else { throw reader.fail(value, "session-secret must be at least 16 characters") }
                config.sessionSecret = secret
            case "functions":
                for item in try reader.sequence(value, what: "functions") {
                    let path = try reader.string(item, what: "a function file")
                    guard let text = read(path) else { throw reader.fail(item, "cannot read function file '\(path)'") }
                    let folder = path.split(separator: "/").dropLast().joined(separator: "/")
                    let file = try EdgeFunctionFile.parse(text, file: path) { read(folder.isEmpty ? $0 : folder + "/" + $0) }
                    guard !config.functions.contains(where: { $0.name == file.name }) else { throw reader.fail(item, "function '\(file.name)' is defined twice") }
                    config.functions.append(file)
                }
            default: break
            }
        }
        for (key, _, value) in pairs {
            switch key {
            case "distributions":
                for item in try reader.sequence(value, what: "distributions") {
                    let entry = try distribution(item, reader: reader, functions: config.functions)
                    guard !config.distributions.contains(where: { $0.spec.name == entry.spec.name }) else {
                        throw reader.fail(item, "distribution '\(entry.spec.name)' is defined twice")
                    }
                    config.distributions.append(entry)
                }
            default: break
            }
        }
        if let value = pairs.first(where: { $0.key == "traffic" })?.value {
            var name: String?, rate = 5.0, stream: String?
            for (key, _, v) in try reader.mapping(value, what: "traffic", allowed: trafficKeys) {
                switch key {
                case "distribution": name = try reader.string(v, what: "distribution")
                case "rate": rate = try reader.double(v, what: "rate", range: 0.01...10_000)
                default: stream = try reader.string(v, what: "log-stream")
                }
            }
            // A distribution of a listed stack is checked once the stacks are known (`checkTraffic`).
            guard let name else {
                throw reader.fail(value, "traffic needs distribution: one of \(config.distributions.map(\.spec.name).joined(separator: ", "))")
            }
            config.traffic = EdgeTraffic.Settings(distribution: name, requestsPerSecond: rate, logStream: stream)
            config.trafficLine = value.mark?.line
        }
        return config
    }

    /// `traffic:` must name a distribution of `distributions:` or one a listed stack creates
    /// (its `Metadata.cloudtop.name`).
    func checkTraffic(stackDistributions: [String], file: String) throws(ConfigError) {
        guard let name = traffic?.distribution else { return }
        let known = distributions.map(\.spec.name) + stackDistributions
        guard known.contains(name) else {
            throw ConfigError(file: file, line: trafficLine,
                              message: "traffic needs distribution: one of \(known.joined(separator: ", "))\(Suggest.didYouMean(name, in: known))")
        }
    }

    private static func distribution(_ node: Node, reader: YAMLReader, functions: [EdgeFunctionFile]) throws(ConfigError) -> DistributionEntry {
        var name = "", origins: [EdgeOrigin] = [], behaviors: [CacheBehavior] = [], fallbacks: [Fallback] = []
        for (key, _, value) in try reader.mapping(node, what: "a distribution", allowed: distributionKeys) {
            switch key {
            case "name": name = try reader.string(value, what: "name")
            case "origins":
                for item in try reader.sequence(value, what: "origins") { origins.append(try origin(item, reader: reader)) }
            default:
                for item in try reader.sequence(value, what: "behaviors") {
                    let (behavior, more) = try behaviorEntry(item, reader: reader, functions: functions, origins: origins)
                    behaviors.append(behavior)
                    fallbacks += more
                }
            }
        }
        guard !name.isEmpty else { throw reader.fail(node, "a distribution needs a name") }
        guard behaviors.contains(where: { $0.pathPattern == "*" }) else { throw reader.fail(node, "distribution \(name) needs a default behavior (path: \"*\")") }
        return DistributionEntry(spec: .init(name: name, origins: origins, behaviors: behaviors), fallbacks: fallbacks, line: node.mark?.line)
    }

    private static func origin(_ node: Node, reader: YAMLReader) throws(ConfigError) -> EdgeOrigin {
        var id = "", kind: EdgeOrigin.Kind?
        for (key, _, value) in try reader.mapping(node, what: "an origin", allowed: originKeys) {
            switch key {
            case "id": id = try reader.string(value, what: "id")
            case "static-site":
                var sections: [String] = ["docs"], perSection = 20, control: String?
                for (k, _, v) in try reader.mapping(value, what: "static-site", allowed: siteKeys) {
                    switch k {
                    case "sections": sections = try reader.sequence(v, what: "sections").map { n throws(ConfigError) in try reader.string(n, what: "a section") }
                    case "pages-per-section": perSection = try reader.int(v, what: "pages-per-section", range: 1...10_000)
                    default: control = try reader.string(v, what: "cache-control")
                    }
                }
                var site = EdgeOrigin.StaticSite.generated(sections: sections, pagesPerSection: perSection)
                site.cacheControl = control
                kind = .staticSite(site)
            default:
                var api = EdgeOrigin.APIBehaviour()
                for (k, _, v) in try reader.mapping(value, what: "api", allowed: apiKeys) {
                    switch k {
                    case "latency-p50": api.latencyP50Milliseconds = Double(try reader.duration(v, what: "latency-p50").milliseconds)
                    case "latency-p99": api.latencyP99Milliseconds = Double(try reader.duration(v, what: "latency-p99").milliseconds)
                    default: api.errorRate = try reader.double(v, what: "error-rate", range: 0...1)
                    }
                }
                guard api.latencyP50Milliseconds > 0, api.latencyP99Milliseconds >= api.latencyP50Milliseconds else {
                    throw reader.fail(value, "api latency needs 0 < latency-p50 ≤ latency-p99")
                }
                kind = .api(api)
            }
        }
        guard !id.isEmpty, let kind else { throw reader.fail(node, "an origin needs id: and static-site: or api:") }
        let domain: String
        switch kind {
        case .staticSite: domain = "\(id).s3.us-east-1.amazonaws.com"
        case .api: domain = "\(id).example.internal"
        }
        return EdgeOrigin(id: id, domainName: domain, kind: kind)
    }

    private static func behaviorEntry(_ node: Node, reader: YAMLReader, functions: [EdgeFunctionFile], origins: [EdgeOrigin]) throws(ConfigError) -> (CacheBehavior, [Fallback]) {
        var path = "", originID = ""
        var behavior = CacheBehavior(pathPattern: "", targetOriginId: "")
        var fallbacks: [Fallback] = []
        var functionsNode: Node?
        for (key, _, value) in try reader.mapping(node, what: "a behavior", allowed: behaviorKeys) {
            switch key {
            case "path": path = try reader.string(value, what: "path")
            case "origin":
                originID = try reader.string(value, what: "origin")
                guard origins.contains(where: { $0.id == originID }) else {
                    throw reader.fail(value, "unknown origin '\(originID)'; origins: \(origins.map(\.id).joined(separator: ", ")) (list origins first)")
                }
            case "ttl":
                for (k, _, v) in try reader.mapping(value, what: "ttl", allowed: ["min", "default", "max"]) {
                    let seconds = Int64(try reader.duration(v, what: "ttl \(k)").milliseconds / 1000)
                    switch k {
                    case "min": behavior.minTTLSeconds = seconds
                    case "default": behavior.defaultTTLSeconds = seconds
                    default: behavior.maxTTLSeconds = seconds
                    }
                }
                guard behavior.minTTLSeconds <= behavior.defaultTTLSeconds, behavior.defaultTTLSeconds <= behavior.maxTTLSeconds else {
                    throw reader.fail(value, "ttl must satisfy min ≤ default ≤ max")
                }
            case "cache-key":
                for (k, _, v) in try reader.mapping(value, what: "cache-key", allowed: ["headers", "cookies", "query-strings"]) {
                    func list() throws(ConfigError) -> [String] {
                        if v.scalar != nil { return [try reader.string(v, what: k)] }
                        return try reader.sequence(v, what: k).map { n throws(ConfigError) in try reader.string(n, what: k) }
                    }
                    switch k {
                    case "headers": behavior.cacheKeyHeaders = try list().map { $0.lowercased() }
                    case "cookies": behavior.cacheKeyCookies = try list().map { $0 == "all" ? "*" : $0 }
                    default:
                        let names = try list()
                        behavior.queryStrings = names == ["all"] ? .all : names == ["none"] ? .none : .only(names)
                    }
                }
            default: functionsNode = value
            }
        }
        guard !path.isEmpty, !originID.isEmpty else { throw reader.fail(node, "a behavior needs path: and origin:") }
        behavior.pathPattern = path
        behavior.targetOriginId = originID
        if let functionsNode {
            for (k, keyNode, v) in try reader.mapping(functionsNode, what: "functions", allowed: EdgeEventType.allCases.map(\.rawValue)) {
                let event = EdgeEventType(rawValue: k)!
                var reference: String, fallback: String?
                if v.scalar != nil {
                    reference = try reader.string(v, what: k)
                } else {
                    reference = ""
                    for (fk, _, fv) in try reader.mapping(v, what: k, allowed: ["function", "fallback"]) {
                        if fk == "function" { reference = try reader.string(fv, what: "function") } else { fallback = try reader.string(fv, what: "fallback") }
                    }
                }
                let (name, version) = try parseReference(reference, node: v, reader: reader)
                for candidate in [name] + (fallback.map { [$0] } ?? []) {
                    guard let file = functions.first(where: { $0.name == candidate }) else {
                        throw reader.fail(v, "unknown function '\(candidate)'\(Suggest.didYouMean(candidate, in: functions.map(\.name))); list its file under functions:")
                    }
                    if file.isCloudFrontFunction, !event.isViewer { throw reader.fail(keyNode, "CloudFront Function \(candidate) can only run at viewer-request or viewer-response") }
                    if !file.isCloudFrontFunction, Int64(file.timeoutSeconds) * 1000 > event.timeoutMilliseconds {
                        throw reader.fail(v, "function \(candidate) has a \(file.timeoutSeconds) s timeout; \(k) allows at most \(event.timeoutMilliseconds / 1000) s")
                    }
                }
                let isCFF = functions.first(where: { $0.name == name })!.isCloudFrontFunction
                behavior.associations.append(FunctionAssociation(eventType: event, functionName: name, version: isCFF ? nil : version ?? 1))
                if let fallback { fallbacks.append(Fallback(pathPattern: path, eventType: event, function: fallback)) }
            }
            behavior.associations.sort { $0.eventType < $1.eventType }
        }
        return (behavior, fallbacks)
    }

    /// `name` (version 1, published at load) or `name:N`; `$LATEST` is refused as CloudFront refuses it.
    static func parseReference(_ text: String, node: Node, reader: YAMLReader) throws(ConfigError) -> (String, Int?) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { throw reader.fail(node, "a function reference is NAME or NAME:VERSION, not '\(text)'") }
        guard parts.count == 2 else { return (String(parts[0]), nil) }
        guard parts[1] != "$LATEST" else {
            throw reader.fail(node, "\(parts[0]):$LATEST cannot be attached: CloudFront needs a numbered version (InvalidLambdaFunctionAssociation)")
        }
        guard let n = Int(parts[1]), n >= 1 else { throw reader.fail(node, "version must be a number ≥ 1, not '\(parts[1])'") }
        return (String(parts[0]), n)
    }
}

extension EdgeService {
    /// Creates what an `edge:` section describes: functions (each published as version 1),
    /// distributions, then traffic. Associations whose runtime is missing here use their fallback.
    public func build(_ config: EdgeConfig, file: String) throws(ConfigError) {
        func fail(_ line: Int?, _ error: AWSError) -> ConfigError { ConfigError(file: file, line: line, message: "\(error.code): \(error.message)") }
        if let secret = config.sessionSecret { setSessionSecret(secret) }
        for function in config.functions {
            do {
                try createFunction(function)
                if !function.isCloudFrontFunction { try publishVersion(function.name) }
            } catch { throw fail(nil, error) }
        }
        for entry in config.distributions {
            var spec = entry.spec
            for fallback in entry.fallbacks {
                guard let index = spec.behaviors.firstIndex(where: { $0.pathPattern == fallback.pathPattern }),
                      let current = spec.behaviors[index].association(for: fallback.eventType),
                      let runtime = functionsByName[current.functionName]?.latest.runtime,
                      runtime.needsProcess, !codeRunner.isAvailable(runtime) else { continue }
                spec.behaviors[index].associations.removeAll { $0.eventType == fallback.eventType }
                let isCFF = functionsByName[fallback.function]?.isCloudFrontFunction ?? false
                spec.behaviors[index].associations.append(FunctionAssociation(eventType: fallback.eventType, functionName: fallback.function, version: isCFF ? nil : 1))
                spec.behaviors[index].associations.sort { $0.eventType < $1.eventType }
            }
            do { try createDistribution(spec) } catch { throw fail(entry.line, error) }
        }
        if let traffic = config.traffic {
            // A stack's distribution is not there yet: the traffic waits for it to be Deployed.
            let waiting = !config.distributions.contains { $0.spec.name == traffic.distribution }
            do { try startTraffic(traffic, waiting: waiting) } catch { throw fail(config.trafficLine, error) }
        }
    }
}
