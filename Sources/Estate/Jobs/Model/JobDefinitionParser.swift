import Yams

/// Reads one job file (`Config/jobs/NAME.yaml`) into a `JobDefinition`; the first mistake is a
/// `ConfigError` naming the file and line, and nothing is created.
///
/// ```yaml
/// name: sessionizer
/// parallelism: 2
/// checkpoint-interval: 60s          # or off
/// source:
///   stream: clickstream
///   starting-position: TRIM_HORIZON # LATEST, AT_TIMESTAMP (with timestamp:)
///   event-time: $.ts                # or ApproximateArrivalTimestamp; time: processing for the clock
///   out-of-orderness: 5s
///   allowed-lateness: 10s
///   format: json                    # or tsv, with columns: [timestamp, c-ip, sc-status]
/// operators:
///   - map: { user: $.user_id, page: lower($.page) }
///   - filter: $.event_type != heartbeat
/// outputs:
///   - name: events-per-user
///     key-by: [user]
///     window: { tumbling: 1m }       # { sliding: 5m, slide: 1m }, { session: 30s }
///     aggregate: { events: count, pages: count-distinct($.page) }
///     late-records: late-events      # a side output; omit to drop (still counted)
///     sinks: [ { search: user-activity, retention: 6h } ]   # retention: delete documents by age
/// ```
public enum JobDefinitionParser {
    static let topKeys = ["name", "parallelism", "checkpoint-interval", "source", "operators", "outputs"]
    static let sourceKeys = ["stream", "starting-position", "timestamp", "time", "event-time", "out-of-orderness", "allowed-lateness", "format", "columns"]
    static let outputKeys = ["name", "operators", "key-by", "window", "aggregate", "late-records", "sinks"]
    static let operatorKinds = ["map", "filter", "flat-map"]
    static let sinkKinds = ["kinesis", "objects", "table", "search"]
    public static let maximumParallelism = 64

    public static func parse(_ text: String, file: String) throws(ConfigError) -> JobDefinition {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(text) else { throw ConfigError(file: file, line: nil, message: "the job file is empty") }
        let pairs = try reader.mapping(root, what: "a job", allowed: topKeys)
        guard let sourcePair = pairs.first(where: { $0.key == "source" }) else { throw reader.fail(root, "a job needs a source: with a stream") }
        var job = JobDefinition(name: "", source: try source(sourcePair.value, reader))
        job.text = text
        for (key, _, value) in pairs {
            switch key {
            case "name":
                job.name = try reader.string(value, what: "name")
                guard Self.validName(job.name) else { throw reader.fail(value, "name must be 1-128 letters, digits, '_', '.' or '-', not '\(job.name)'") }
            case "parallelism": job.parallelism = try reader.int(value, what: "parallelism", range: 1...maximumParallelism)
            case "checkpoint-interval":
                if try reader.string(value, what: "checkpoint-interval") == "off" { job.checkpointInterval = nil; continue }
                let d = try reader.duration(value, what: "checkpoint-interval")
                guard d >= .seconds(1) else { throw reader.fail(value, "checkpoint-interval must be at least 1s") }
                job.checkpointInterval = d
            case "operators": job.operators = try operators(value, reader)
            case "outputs":
                for item in try reader.sequence(value, what: "outputs") {
                    let out = try output(item, reader)
                    guard !job.outputs.contains(where: { $0.name == out.name }) else { throw reader.fail(item, "output '\(out.name)' is defined twice") }
                    job.outputs.append(out)
                }
            default: break
            }
        }
        guard !job.name.isEmpty else { throw reader.fail(root, "a job needs a name:") }
        guard !job.outputs.isEmpty else { throw reader.fail(root, "a job needs at least one entry under outputs:") }
        return job
    }

    static func validName(_ s: String) -> Bool {
        (1...128).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    private static func source(_ node: Node, _ reader: YAMLReader) throws(ConfigError) -> SourceSpec {
        let pairs = try reader.mapping(node, what: "source", allowed: sourceKeys)
        guard let streamPair = pairs.first(where: { $0.key == "stream" }) else { throw reader.fail(node, "source needs a stream:") }
        var spec = SourceSpec(stream: try reader.string(streamPair.value, what: "stream"))
        var timestamp: (SimInstant, Node)?
        var positionNode: Node?
        var isProcessing = false
        var formatNode: Node?
        var columns: ([String], Node)?
        for (key, _, value) in pairs {
            switch key {
            case "starting-position":
                positionNode = value
                switch try reader.string(value, what: "starting-position") {
                case "TRIM_HORIZON": spec.startingPosition = .trimHorizon
                case "LATEST": spec.startingPosition = .latest
                case "AT_TIMESTAMP": spec.startingPosition = .atTimestamp(.zero)
                case let other: throw reader.fail(value, "starting-position must be TRIM_HORIZON, LATEST or AT_TIMESTAMP, not '\(other)'")
                }
            case "timestamp":
                let text = try reader.string(value, what: "timestamp")
                guard let t = EventTimestamp.parseISO(text) ?? Double(text).map({ SimInstant(milliseconds: Int64(($0 * 1000).rounded()) - SimCalendar.epochUnixSeconds * 1000) }) else {
                    throw reader.fail(value, "timestamp must be ISO 8601 like 2026-01-01T00:05:00Z or epoch seconds, not '\(text)'")
                }
                timestamp = (t, value)
            case "time":
                switch try reader.string(value, what: "time") {
                case "event": isProcessing = false
                case "processing": isProcessing = true
                case let other: throw reader.fail(value, "time must be event or processing, not '\(other)'")
                }
            case "event-time":
                let text = try reader.string(value, what: "event-time")
                if text == "ApproximateArrivalTimestamp" { spec.time = .eventTime(.approximateArrivalTimestamp) } else {
                    guard let p = JSONPath(text) else { throw reader.fail(value, "event-time must be ApproximateArrivalTimestamp or a JSON path like $.ts, not '\(text)'") }
                    spec.time = .eventTime(.path(p))
                }
            case "out-of-orderness": spec.outOfOrderness = try reader.duration(value, what: "out-of-orderness")
            case "allowed-lateness": spec.allowedLateness = try reader.duration(value, what: "allowed-lateness")
            case "format":
                let name = try reader.string(value, what: "format")
                guard RecordFormat.names.contains(name) else {
                    throw reader.fail(value, "format must be \(RecordFormat.names.joined(separator: " or ")), not '\(name)'")
                }
                formatNode = value
            case "columns":
                var names: [String] = []
                for item in try reader.sequence(value, what: "columns") {
                    let name = try reader.string(item, what: "a column name")
                    guard !name.isEmpty, !names.contains(name) else { throw reader.fail(item, "column '\(name)' is empty or named twice") }
                    names.append(name)
                }
                guard !names.isEmpty else { throw reader.fail(value, "columns needs at least one name") }
                columns = (names, value)
            default: break
            }
        }
        if isProcessing { spec.time = .processingTime }
        if let formatNode, formatNode.scalar?.string == "tsv" {
            guard let columns else { throw reader.fail(formatNode, "format tsv needs columns: [name, ...], one per tab-separated field") }
            spec.format = .tsv(columns: columns.0)
        } else if let columns {
            throw reader.fail(columns.1, "columns: is only for format tsv")
        }
        if case .atTimestamp = spec.startingPosition {
            guard let timestamp else { throw reader.fail(positionNode, "starting-position AT_TIMESTAMP needs timestamp:") }
            spec.startingPosition = .atTimestamp(timestamp.0)
        } else if let timestamp {
            throw reader.fail(timestamp.1, "timestamp: is only for starting-position AT_TIMESTAMP")
        }
        return spec
    }

    private static func operators(_ node: Node, _ reader: YAMLReader) throws(ConfigError) -> [StatelessOperator] {
        var out: [StatelessOperator] = []
        for item in try reader.sequence(node, what: "operators") {
            let pairs = try reader.mapping(item, what: "an operator", allowed: operatorKinds)
            guard pairs.count == 1, let (kind, _, value) = pairs.first else {
                throw reader.fail(item, "each operator is one of \(operatorKinds.joined(separator: ", ")), e.g. - map: { user: $.user_id }")
            }
            switch kind {
            case "map":
                guard case let .mapping(mapping) = value else { throw reader.fail(value, "map takes field: expression pairs") }
                var fields: [(String, FieldExpression)] = []
                for (k, v) in mapping {
                    guard let name = k.scalar?.string else { throw reader.fail(k, "field names must be plain words") }
                    let expression: FieldExpression
                    if let scalar = v.scalar, scalar.style == .plain, let i = Int64(scalar.string) {
                        expression = .literal(.int(i))
                    } else {
                        switch FieldExpression.parse(try reader.string(v, what: "the expression of \(name)")) {
                        case let .success(e): expression = e
                        case let .failure(error): throw reader.fail(v, "\(name): \(error.message)")
                        }
                    }
                    fields.append((name, expression))
                }
                out.append(.map(fields))
            case "filter":
                let items = value.sequence.map(Array.init) ?? [value]
                var conditions: [RecordCondition] = []
                for c in items {
                    switch RecordCondition.parse(try reader.string(c, what: "a filter condition")) {
                    case let .success(cond): conditions.append(cond)
                    case let .failure(error): throw reader.fail(c, error.message)
                    }
                }
                out.append(.filter(conditions))
            default:
                if let text = value.scalar?.string {
                    guard let p = JSONPath(text) else { throw reader.fail(value, "flat-map takes a JSON path of an array, e.g. $.items") }
                    out.append(.flatMap(path: p, as: p.lastKey))
                } else {
                    let fields = try reader.mapping(value, what: "flat-map", allowed: ["path", "as"])
                    guard let pathNode = fields.first(where: { $0.key == "path" })?.value else { throw reader.fail(value, "flat-map needs path:") }
                    let text = try reader.string(pathNode, what: "path")
                    guard let p = JSONPath(text) else { throw reader.fail(pathNode, "'\(text)' is not a JSON path") }
                    let name = try fields.first(where: { $0.key == "as" }).map { (pair) throws(ConfigError) in try reader.string(pair.value, what: "as") } ?? p.lastKey
                    out.append(.flatMap(path: p, as: name))
                }
            }
        }
        return out
    }

    private static func output(_ node: Node, _ reader: YAMLReader) throws(ConfigError) -> OutputSpec {
        let pairs = try reader.mapping(node, what: "an output", allowed: outputKeys)
        var out = OutputSpec(name: "")
        for (key, _, value) in pairs {
            switch key {
            case "name": out.name = try reader.string(value, what: "name")
            case "operators": out.operators = try operators(value, reader)
            case "key-by":
                for k in value.sequence.map(Array.init) ?? [value] {
                    let text = try reader.string(k, what: "key-by")
                    guard let p = JSONPath(text) else { throw reader.fail(k, "key-by takes field names or JSON paths, not '\(text)'") }
                    out.keyBy.append((p.lastKey, p))
                }
            case "window": out.window = try window(value, reader)
            case "aggregate":
                guard case let .mapping(mapping) = value else { throw reader.fail(value, "aggregate takes name: function pairs, e.g. events: count") }
                for (k, v) in mapping {
                    guard let name = k.scalar?.string else { throw reader.fail(k, "aggregate names must be plain words") }
                    switch AggregateSpec.parse(name: name, try reader.string(v, what: name)) {
                    case let .success(spec): out.aggregates.append(spec)
                    case let .failure(error): throw reader.fail(v, error.message)
                    }
                }
            case "late-records":
                let text = try reader.string(value, what: "late-records")
                out.lateSideOutput = text == "drop" ? nil : text
            case "sinks":
                for s in try reader.sequence(value, what: "sinks") { out.sinks.append(try sink(s, reader)) }
            default: break
            }
        }
        guard !out.name.isEmpty else { throw reader.fail(node, "an output needs a name:") }
        if out.window != nil, out.aggregates.isEmpty { throw reader.fail(node, "output '\(out.name)' has a window but no aggregate:") }
        if out.window == nil, !out.aggregates.isEmpty { throw reader.fail(node, "output '\(out.name)' aggregates without a window:") }
        guard !out.sinks.isEmpty else { throw reader.fail(node, "output '\(out.name)' needs at least one sink") }
        return out
    }

    private static func window(_ node: Node, _ reader: YAMLReader) throws(ConfigError) -> WindowSpec {
        let pairs = try reader.mapping(node, what: "window", allowed: ["tumbling", "sliding", "slide", "session"])
        func d(_ key: String) throws(ConfigError) -> SimDuration? {
            guard let v = pairs.first(where: { $0.key == key })?.value else { return nil }
            let value = try reader.duration(v, what: key)
            guard value >= .milliseconds(1) else { throw reader.fail(v, "\(key) must be longer than 0") }
            return value
        }
        if let size = try d("tumbling"), pairs.count == 1 { return .tumbling(size: size) }
        if let size = try d("sliding"), let slide = try d("slide"), pairs.count == 2 {
            guard slide <= size else { throw reader.fail(node, "slide must not be longer than the window size") }
            return .sliding(size: size, slide: slide)
        }
        if let gap = try d("session"), pairs.count == 1 { return .session(gap: gap) }
        throw reader.fail(node, "window is one of { tumbling: 1m }, { sliding: 5m, slide: 1m }, { session: 30s }")
    }

    private static func sink(_ node: Node, _ reader: YAMLReader) throws(ConfigError) -> SinkSpec {
        let pairs = try reader.mapping(node, what: "a sink", allowed: sinkKinds + ["partition-key", "prefix", "retention"])
        guard let kindPair = pairs.first(where: { sinkKinds.contains($0.key) }), pairs.filter({ sinkKinds.contains($0.key) }).count == 1 else {
            throw reader.fail(node, "a sink is one of \(sinkKinds.joined(separator: ", ")), e.g. - search: page-views")
        }
        let target = try reader.string(kindPair.value, what: kindPair.key)
        func extra(_ key: String) throws(ConfigError) -> (String, Node)? {
            guard let v = pairs.first(where: { $0.key == key })?.value else { return nil }
            return (try reader.string(v, what: key), v)
        }
        if let v = pairs.first(where: { $0.key == "retention" })?.value, kindPair.key != "search" {
            throw reader.fail(v, "retention applies to a search sink only")
        }
        switch kindPair.key {
        case "kinesis":
            var path: JSONPath?
            if let (text, v) = try extra("partition-key") {
                guard let p = JSONPath(text) else { throw reader.fail(v, "partition-key must be a JSON path") }
                path = p
            }
            return .kinesis(stream: target, partitionKey: path)
        case "objects": return .objects(bucket: target, prefix: try extra("prefix")?.0 ?? "")
        case "table": return .table(name: target)
        default:
            var retention: SimDuration?
            if let v = pairs.first(where: { $0.key == "retention" })?.value {
                let d = try reader.duration(v, what: "retention")
                guard d >= SearchService.retentionSweep else { throw reader.fail(v, "retention must be at least \(SearchService.retentionSweep)") }
                retention = d
            }
            return .search(index: target, retention: retention)
        }
    }
}
