import Yams

/// The `streams:`, `producers:` and `consumers:` sections of `estate.yaml`.
extension EstateConfig {
    /// One stream: a shard count, or on-demand; retention in hours.
    public struct StreamEntry: Sendable {
        public var name: String
        public var shards: Int?
        public var onDemand = false
        public var retentionHours = KinesisLimits.defaultRetentionHours
        public var line: Int?
    }

    /// One traffic generator.
    public struct ProducerEntry: Sendable {
        public var settings: Producer.Settings
        public var line: Int?
    }

    /// One KCL-style application.
    public struct ConsumerEntry: Sendable {
        public var name: String
        public var stream: String
        public var workers = 2
        public var initialPosition = ConsumerApplication.InitialPosition.trimHorizon
        public var line: Int?
    }

    static let streamKeys = ["name", "shards", "mode", "retention-hours"]
    static let producerKeys = ["name", "stream", "rate", "keys", "hot-key-share", "template"]
    static let consumerKeys = ["name", "stream", "workers", "initial-position"]

    static func streamEntry(_ node: Node, reader: YAMLReader) throws(ConfigError) -> StreamEntry {
        var entry = StreamEntry(name: "", line: node.mark?.line)
        for (key, _, value) in try reader.mapping(node, what: "a stream", allowed: streamKeys) {
            switch key {
            case "name": entry.name = try reader.string(value, what: "name")
            case "shards": entry.shards = try reader.int(value, what: "shards", range: 1...KinesisLimits.accountShardQuota)
            case "mode":
                let mode = try reader.string(value, what: "mode")
                guard ["provisioned", "on-demand"].contains(mode) else { throw reader.fail(value, "mode must be provisioned or on-demand, not '\(mode)'") }
                entry.onDemand = mode == "on-demand"
            case "retention-hours":
                entry.retentionHours = try reader.int(value, what: "retention-hours", range: KinesisLimits.defaultRetentionHours...KinesisLimits.maximumRetentionHours)
            default: break
            }
        }
        guard !entry.name.isEmpty else { throw reader.fail(node, "a stream needs a name, e.g. name: clickstream") }
        if entry.onDemand, entry.shards != nil { throw reader.fail(node, "stream \(entry.name): on-demand streams take no shards count") }
        if !entry.onDemand, entry.shards == nil { throw reader.fail(node, "stream \(entry.name) needs shards: N (or mode: on-demand)") }
        return entry
    }

    static func producerEntry(_ node: Node, reader: YAMLReader, streams: [StreamEntry]) throws(ConfigError) -> ProducerEntry {
        var name = "", stream = "", rate = 100.0, keys = 100, share = 0.0, template = PayloadTemplate.clickstream
        var streamNode: Node?
        for (key, _, value) in try reader.mapping(node, what: "a producer", allowed: producerKeys) {
            switch key {
            case "name": name = try reader.string(value, what: "name")
            case "stream": stream = try reader.string(value, what: "stream"); streamNode = value
            case "rate": rate = try reader.double(value, what: "rate", range: 0.001...Producer.maximumRate)
            case "keys": keys = try reader.int(value, what: "keys", range: 1...1_000_000)
            case "hot-key-share": share = try reader.double(value, what: "hot-key-share", range: 0...1)
            case "template":
                let text = try reader.string(value, what: "template")
                guard let t = PayloadTemplate(rawValue: text) else {
                    throw reader.fail(value, "template must be \(PayloadTemplate.allCases.map(\.rawValue).joined(separator: " or ")), not '\(text)'")
                }
                template = t
            default: break
            }
        }
        try requireStream(stream, node: streamNode ?? node, streams: streams, reader: reader, what: "a producer")
        if name.isEmpty { name = "\(stream)-producer" }
        let settings = Producer.Settings(name: name, streamName: stream, recordsPerSecond: rate,
                                         keys: KeyDistribution(keyCount: keys, hotKeyShare: share), template: template)
        return ProducerEntry(settings: settings, line: node.mark?.line)
    }

    static func consumerEntry(_ node: Node, reader: YAMLReader, streams: [StreamEntry]) throws(ConfigError) -> ConsumerEntry {
        var entry = ConsumerEntry(name: "", stream: "", line: node.mark?.line)
        var streamNode: Node?
        for (key, _, value) in try reader.mapping(node, what: "a consumer", allowed: consumerKeys) {
            switch key {
            case "name": entry.name = try reader.string(value, what: "name")
            case "stream": entry.stream = try reader.string(value, what: "stream"); streamNode = value
            case "workers": entry.workers = try reader.int(value, what: "workers", range: 1...100)
            case "initial-position":
                let text = try reader.string(value, what: "initial-position")
                guard let p = ConsumerApplication.InitialPosition(rawValue: text.uppercased().replacingOccurrences(of: "-", with: "_")) else {
                    throw reader.fail(value, "initial-position must be trim-horizon or latest, not '\(text)'")
                }
                entry.initialPosition = p
            default: break
            }
        }
        guard !entry.name.isEmpty else { throw reader.fail(node, "a consumer needs a name, e.g. name: analytics") }
        try requireStream(entry.stream, node: streamNode ?? node, streams: streams, reader: reader, what: "consumer \(entry.name)")
        return entry
    }

    private static func requireStream(_ name: String, node: Node, streams: [StreamEntry], reader: YAMLReader, what: String) throws(ConfigError) {
        guard !name.isEmpty else { throw reader.fail(node, "\(what) needs a stream, e.g. stream: clickstream") }
        let names = streams.map(\.name)
        guard names.contains(name) else {
            throw reader.fail(node, "unknown stream '\(name)'\(Suggest.didYouMean(name, in: names)); streams: \(names.joined(separator: ", "))")
        }
    }
}
