/// The edge's part of `Metadata.cloudtop`: what a Lambda function or a CloudFront distribution
/// needs from the simulator at creation, since a real one gets it from the world outside.
///
/// ```yaml
/// EdgeRouter:                        # AWS::Lambda::Function
///   Metadata:
///     cloudtop: { rules: edge/edge-router.yaml }
/// Distribution:                      # AWS::CloudFront::Distribution
///   Metadata:
///     cloudtop:
///       name: website
///       origins:
///         - { id: site, static-site: { sections: [docs, blog], pages-per-section: 40, cache-control: max-age=300 } }
///         - { id: api, api: { latency-p50: 40ms, latency-p99: 400ms, error-rate: 0.01 } }
///       fallbacks:
///         - { function: !Ref HandlerVersion, fallback: !Ref RulesVersion }
/// ```
///
/// A rule function (the estate's own deterministic rule language, in a file of `Config/edge/`)
/// runs in place of the function's inline handler. Origins are simulated: a static site of
/// generated pages, or an API with a latency distribution and an error rate, with the keys of
/// `estate.yaml`'s `edge:` section. A fallback attaches a rule function's version wherever the
/// handler's runtime is not installed on this machine.
struct EdgeOriginSimulation: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case staticSite(sections: [String], pagesPerSection: Int, cacheControl: String?)
        case api(latencyP50Milliseconds: Int64, latencyP99Milliseconds: Int64, errorRate: Double)
    }

    var id: String
    var kind: Kind

    /// One item of `CreateDistribution`'s simulation-only `SimulatedOrigins`.
    var parameter: JSONValue {
        switch kind {
        case let .staticSite(sections, pages, control):
            var site: [(String, JSONValue)] = [("Sections", .array(sections.map(JSONValue.string))), ("PagesPerSection", .int(Int64(pages)))]
            if let control { site.append(("CacheControl", .string(control))) }
            return ["Id": .string(id), "StaticSite": .object(site)]
        case let .api(p50, p99, errorRate):
            return ["Id": .string(id), "Api": ["LatencyP50Ms": .int(p50), "LatencyP99Ms": .int(p99), "ErrorRate": .double(errorRate)]]
        }
    }
}

/// Where the runtime of `function` (a version ARN) is missing, `fallback` is attached instead.
struct EdgeFallback: Sendable, Equatable {
    var function: String
    var fallback: String

    var parameter: JSONValue { ["LambdaFunctionARN": .string(function), "FallbackFunctionARN": .string(fallback)] }
}

extension SimulationMetadata {
    static let siteKeys = ["sections", "pages-per-section", "cache-control"]
    static let apiKeys = ["latency-p50", "latency-p99", "error-rate"]

    /// A rule-function file compiled into the binary (`edge/NAME.yaml`), checked to hold rules.
    static func rulesFile(_ value: JSONValue, _ fail: (String) -> AWSError) throws(AWSError) -> String {
        guard let path = TemplateScalar.text(value) else { throw fail("rules must name a file of Config/edge/, e.g. edge/edge-router.yaml") }
        let known = EdgeDefaults.files.keys.filter { $0.hasSuffix(".yaml") }.sorted()
        guard let text = EdgeDefaults.files[path] else {
            throw fail("no rule-function file \(path) (files: \(known.joined(separator: ", ")))\(Suggest.didYouMean(path, in: known))")
        }
        let file: EdgeFunctionFile
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        do { file = try EdgeFunctionFile.parse(text, file: path) { EdgeDefaults.files[folder.isEmpty ? $0 : folder + "/" + $0] } } catch {
            throw fail(error.description)
        }
        guard case .rules = file.body else { throw fail("\(path) is a \(file.body.runtime.rawValue) function; give its code as Code.ZipFile") }
        return path
    }

    static func origin(_ entry: JSONValue, _ fail: (String) -> AWSError) throws(AWSError) -> EdgeOriginSimulation {
        guard let pairs = entry.objectValue else { throw fail("each of origins must be a mapping") }
        var id: String?, kind: EdgeOriginSimulation.Kind?
        for (key, value) in pairs {
            switch key {
            case "id": id = TemplateScalar.text(value)
            case "static-site":
                let site = try settings(value, "static-site", siteKeys, fail)
                var sections = ["docs"]
                if let list = site["sections"] {
                    sections = try (list.arrayValue ?? [list]).map { item throws(AWSError) -> String in
                        guard let text = TemplateScalar.text(item), !text.isEmpty else { throw fail("sections must be a list of names") }
                        return text
                    }
                }
                let pages = Int(try number(site["pages-per-section"].flatMap(TemplateScalar.text), "pages-per-section", 1...10_000, default: 20, fail))
                kind = .staticSite(sections: sections, pagesPerSection: pages, cacheControl: site["cache-control"].flatMap(TemplateScalar.text))
            case "api":
                let api = try settings(value, "api", apiKeys, fail)
                func milliseconds(_ key: String, _ fallback: Int64) throws(AWSError) -> Int64 {
                    guard let text = api[key].flatMap(TemplateScalar.text) else { return fallback }
                    guard let duration = SimDuration.parse(text) else { throw fail("\(key) must be a duration like 40ms, not '\(text)'") }
                    return duration.milliseconds
                }
                let p50 = try milliseconds("latency-p50", 40), p99 = try milliseconds("latency-p99", 400)
                guard p50 > 0, p99 >= p50 else { throw fail("api latency needs 0 < latency-p50 ≤ latency-p99") }
                let errorRate = try number(api["error-rate"].flatMap(TemplateScalar.text), "error-rate", 0...1, default: 0.01, fail)
                kind = .api(latencyP50Milliseconds: p50, latencyP99Milliseconds: p99, errorRate: errorRate)
            default: throw fail("unknown key '\(key)' in origins (keys: id, static-site, api)")
            }
        }
        guard let id, !id.isEmpty, let kind else { throw fail("an origin needs id: and static-site: or api:") }
        return EdgeOriginSimulation(id: id, kind: kind)
    }

    static func fallback(_ entry: JSONValue, _ fail: (String) -> AWSError) throws(AWSError) -> EdgeFallback {
        let f = try fields(entry, "fallbacks", ["function", "fallback"], fail)
        guard let function = f["function"], let fallback = f["fallback"] else {
            throw fail("a fallback needs function: and fallback:, each a version (!Ref TheVersion)")
        }
        return EdgeFallback(function: function, fallback: fallback)
    }

    private static func settings(_ value: JSONValue, _ what: String, _ allowed: [String],
                                 _ fail: (String) -> AWSError) throws(AWSError) -> [String: JSONValue] {
        guard let pairs = value.objectValue else { throw fail("\(what) must be a mapping") }
        var out: [String: JSONValue] = [:]
        for (key, item) in pairs {
            guard allowed.contains(key) else { throw fail("unknown key '\(key)' in \(what) (keys: \(allowed.joined(separator: ", ")))") }
            out[key] = item
        }
        return out
    }
}
