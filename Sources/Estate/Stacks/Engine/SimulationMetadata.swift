/// What the simulation attaches to a stack's resource, read from the resource's `Metadata`:
///
/// ```yaml
/// Clickstream:
///   Type: AWS::Kinesis::Stream
///   Metadata:
///     cloudtop:
///       producers: [{ name: web-clicks, rate: 200, keys: 500, hot-key-share: 0.3, template: clickstream }]
///       consumers: [{ name: sessionizer, workers: 2 }]
/// ```
///
/// AWS keeps a resource's Metadata for tools (cfn-init reads `AWS::CloudFormation::Init` there);
/// the simulator is such a tool. It says what real traffic would do to the resource: an
/// instance's CPU profile (`workload`, given to `RunInstances`), producers writing to a stream
/// (on the stream, or on the instance that runs them, with `stream: !Ref …`), consumer
/// applications, a cluster's sample data and its Firehose-style loaders. Everything but the
/// workload starts when the resource is complete, as a client would wait for it, and stops when
/// the stack deletes the resource. The keys are `estate.yaml`'s own.
struct SimulationMetadata: Sendable, Equatable {
    static let key = "cloudtop"

    struct Loader: Sendable, Equatable {
        var name: String
        var stream: String
        var table: String
        var bufferSeconds: Int
        var sampleOneIn: Int
    }

    struct Consumer: Sendable, Equatable {
        var name: String
        var workers: Int
        var initialPosition: ConsumerApplication.InitialPosition
    }

    var workload: String?
    var producers: [Producer.Settings] = []
    var consumers: [Consumer] = []
    var sampleData: String?
    var loaders: [Loader] = []
    /// A rule-function file of `Config/edge/` run in place of a Lambda function's handler.
    var rules: String?
    /// The name a distribution is known by (its CallerReference), what its origins simulate, and
    /// the versions attached where a handler's runtime is missing.
    var distributionName: String?
    var origins: [EdgeOriginSimulation] = []
    var fallbacks: [EdgeFallback] = []

    var isEmpty: Bool { self == SimulationMetadata() }

    /// The keys each resource type takes; anything else is refused with the resource named.
    static let keysByType: [String: [String]] = [
        "AWS::EC2::Instance": ["workload", "producers"],
        "AWS::Kinesis::Stream": ["producers", "consumers"],
        "AWS::Redshift::Cluster": ["sample-data", "loaders"],
        "AWS::Lambda::Function": ["rules"],
        "AWS::CloudFront::Distribution": ["name", "origins", "fallbacks"],
    ]

    init() {}

    /// Reads the evaluated `Metadata.cloudtop` of `logicalID`; `streamName` is the stream's own
    /// name when the resource is a stream (its producers and consumers need not repeat it).
    init(_ value: JSONValue?, type: String, logicalID: String, streamName: String? = nil) throws(AWSError) {
        guard let value, value != .null else { return }
        let place = "Metadata.\(Self.key) of \(logicalID)"
        func fail(_ message: String) -> AWSError { StackError.validation("\(place): \(message)") }
        guard let pairs = value.objectValue else { throw fail("must be a mapping") }
        let allowed = Self.keysByType[type] ?? []
        for (key, item) in pairs {
            guard allowed.contains(key) else {
                throw fail(allowed.isEmpty ? "\(type) takes no simulation settings"
                                           : "unknown key '\(key)' for \(type) (keys: \(allowed.joined(separator: ", ")))")
            }
            switch key {
            case "workload":
                guard let kind = TemplateScalar.text(item), ["steady", "bursty", "daily"].contains(kind) else {
                    throw fail("workload must be steady, bursty or daily")
                }
                workload = kind
            case "producers":
                for (n, entry) in try Self.list(item, "producers", fail).enumerated() {
                    producers.append(try Self.producer(entry, index: n, logicalID: logicalID, streamName: streamName, fail))
                }
            case "consumers":
                for entry in try Self.list(item, "consumers", fail) {
                    consumers.append(try Self.consumer(entry, fail))
                }
            case "sample-data":
                guard TemplateScalar.text(item) == ShopSampleData.name else { throw fail("sample-data must be '\(ShopSampleData.name)'") }
                sampleData = ShopSampleData.name
            case "loaders":
                for entry in try Self.list(item, "loaders", fail) { loaders.append(try Self.loader(entry, fail)) }
            case "rules": rules = try Self.rulesFile(item, fail)
            case "name":
                guard let name = TemplateScalar.text(item), !name.isEmpty else { throw fail("name must be a non-empty string") }
                distributionName = name
            case "origins":
                for entry in try Self.list(item, "origins", fail) {
                    let origin = try Self.origin(entry, fail)
                    guard !origins.contains(where: { $0.id == origin.id }) else { throw fail("origin '\(origin.id)' is listed twice") }
                    origins.append(origin)
                }
            case "fallbacks":
                for entry in try Self.list(item, "fallbacks", fail) { fallbacks.append(try Self.fallback(entry, fail)) }
            default: break
            }
        }
    }

    static func list(_ value: JSONValue, _ what: String, _ fail: (String) -> AWSError) throws(AWSError) -> [JSONValue] {
        guard let items = value.arrayValue else { throw fail("\(what) must be a list") }
        return items
    }

    static func fields(_ entry: JSONValue, _ what: String, _ allowed: [String],
                               _ fail: (String) -> AWSError) throws(AWSError) -> [String: String] {
        guard let pairs = entry.objectValue else { throw fail("each of \(what) must be a mapping") }
        var out: [String: String] = [:]
        for (key, value) in pairs {
            guard allowed.contains(key) else { throw fail("unknown key '\(key)' in \(what) (keys: \(allowed.joined(separator: ", ")))") }
            guard let text = TemplateScalar.text(value) else { throw fail("\(key) in \(what) must be a scalar") }
            out[key] = text
        }
        return out
    }

    static func number(_ text: String?, _ key: String, _ range: ClosedRange<Double>, default value: Double,
                               _ fail: (String) -> AWSError) throws(AWSError) -> Double {
        guard let text else { return value }
        guard let n = Double(text), range.contains(n) else { throw fail("\(key) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'") }
        return n
    }

    private static func producer(_ entry: JSONValue, index: Int, logicalID: String, streamName: String?,
                                 _ fail: (String) -> AWSError) throws(AWSError) -> Producer.Settings {
        let f = try fields(entry, "producers", ["name", "stream", "rate", "keys", "hot-key-share", "template"], fail)
        guard let stream = f["stream"] ?? streamName else { throw fail("a producer on \(logicalID) needs a stream (stream: !Ref TheStream)") }
        let template: PayloadTemplate
        if let text = f["template"] {
            guard let t = PayloadTemplate(rawValue: text) else {
                throw fail("template must be \(PayloadTemplate.allCases.map(\.rawValue).joined(separator: " or ")), not '\(text)'")
            }
            template = t
        } else {
            template = .clickstream
        }
        let rate = try number(f["rate"], "rate", 0.001...Producer.maximumRate, default: 100, fail)
        let keys = Int(try number(f["keys"], "keys", 1...1_000_000, default: 100, fail))
        let share = try number(f["hot-key-share"], "hot-key-share", 0...1, default: 0, fail)
        let name = f["name"] ?? (streamName != nil ? "\(stream)-producer" : "\(logicalID)-\(index + 1)")
        return Producer.Settings(name: name, streamName: stream, recordsPerSecond: rate,
                                 keys: KeyDistribution(keyCount: keys, hotKeyShare: share), template: template)
    }

    private static func consumer(_ entry: JSONValue, _ fail: (String) -> AWSError) throws(AWSError) -> Consumer {
        let f = try fields(entry, "consumers", ["name", "workers", "initial-position"], fail)
        guard let name = f["name"], !name.isEmpty else { throw fail("a consumer needs a name") }
        let workers = Int(try number(f["workers"], "workers", 1...100, default: 1, fail))
        var position = ConsumerApplication.InitialPosition.trimHorizon
        if let text = f["initial-position"] {
            guard let p = ConsumerApplication.InitialPosition(rawValue: text.uppercased().replacingOccurrences(of: "-", with: "_")) else {
                throw fail("initial-position must be trim-horizon or latest, not '\(text)'")
            }
            position = p
        }
        return Consumer(name: name, workers: workers, initialPosition: position)
    }

    private static func loader(_ entry: JSONValue, _ fail: (String) -> AWSError) throws(AWSError) -> Loader {
        let f = try fields(entry, "loaders", ["name", "stream", "table", "buffer-seconds", "sample-one-in"], fail)
        guard let stream = f["stream"], let table = f["table"] else { throw fail("a loader needs a stream and a table") }
        let buffer = Int(try number(f["buffer-seconds"], "buffer-seconds", 60...900, default: 60, fail))
        let sample = Int(try number(f["sample-one-in"], "sample-one-in", 1...10_000, default: 1, fail))
        return Loader(name: f["name"] ?? "\(stream)-to-\(table)", stream: stream, table: table, bufferSeconds: buffer, sampleOneIn: sample)
    }
}
