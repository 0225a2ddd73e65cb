/// A stream job as its YAML file declares it: one Kinesis source, a chain of stateless operators,
/// and one or more outputs, each optionally keyed and windowed, each with its sinks.
///
/// The definition is a plain value: the runtime reads it and never changes it, so a restart or a
/// rescale rebuilds the same dataflow from the same text.
public struct JobDefinition: Sendable, Equatable {
    public var name: String
    public var source: SourceSpec
    public var parallelism: Int = 1
    /// nil turns checkpointing off (and with it exactly-once sinks: they then commit at once).
    public var checkpointInterval: SimDuration? = .seconds(60)
    /// Stateless operators chained to the source (map, filter, flat-map).
    public var operators: [StatelessOperator] = []
    public var outputs: [OutputSpec] = []
    /// The YAML text it came from, returned by DescribeApplication as the code content.
    public var text: String = ""

    public init(name: String, source: SourceSpec) {
        self.name = name
        self.source = source
    }
}

/// Where a job reads: one stream, from a starting position, with its notion of time.
public struct SourceSpec: Sendable, Equatable {
    public enum StartingPosition: Sendable, Equatable {
        case trimHorizon, latest
        case atTimestamp(SimInstant)
    }

    public enum TimeCharacteristic: Sendable, Equatable {
        /// The operator's clock when the record is processed.
        case processingTime
        /// The record's own time: a field of its JSON, or Kinesis's arrival timestamp.
        case eventTime(EventTimeField)
    }

    public enum EventTimeField: Sendable, Equatable {
        case approximateArrivalTimestamp
        case path(JSONPath)
    }

    public var stream: String
    public var startingPosition: StartingPosition = .trimHorizon
    public var time: TimeCharacteristic = .eventTime(.approximateArrivalTimestamp)
    /// Bounded out-of-orderness: W = max event time seen − this.
    public var outOfOrderness: SimDuration = .zero
    /// How long after its end a window still accepts (and re-fires for) late records.
    public var allowedLateness: SimDuration = .zero
    /// How each record's bytes become the value the operators see.
    public var format: RecordFormat = .json

    public init(stream: String) { self.stream = stream }
}

/// One stateless, record-at-a-time operator.
public enum StatelessOperator: Sendable, Equatable {
    /// Builds a new object from named expressions (projection and computed fields).
    case map([(name: String, expression: FieldExpression)])
    /// Keeps records for which every condition holds.
    case filter([RecordCondition])
    /// One record per element of the array at `path`, each with the element under `as`.
    case flatMap(path: JSONPath, as: String)

    public var label: String {
        switch self {
        case .map: return "Map"
        case .filter: return "Filter"
        case .flatMap: return "FlatMap"
        }
    }

    public static func == (a: StatelessOperator, b: StatelessOperator) -> Bool {
        switch (a, b) {
        case let (.map(x), .map(y)): return x.map(\.name) == y.map(\.name) && x.map(\.expression) == y.map(\.expression)
        case let (.filter(x), .filter(y)): return x == y
        case let (.flatMap(p, n), .flatMap(q, m)): return p == q && n == m
        default: return false
        }
    }
}

/// One branch of the dataflow after the shared operators.
public struct OutputSpec: Sendable, Equatable {
    public var name: String
    /// Stateless operators of this branch only.
    public var operators: [StatelessOperator] = []
    /// Fields that form the key; empty means one global key (Flink's windowAll, parallelism 1).
    public var keyBy: [(name: String, path: JSONPath)] = []
    public var window: WindowSpec?
    public var aggregates: [AggregateSpec] = []
    /// Where records too late for every window they belong to go; nil drops them (still counted).
    public var lateSideOutput: String?
    public var sinks: [SinkSpec] = []

    public init(name: String) { self.name = name }

    public var isKeyed: Bool { !keyBy.isEmpty }

    public static func == (a: OutputSpec, b: OutputSpec) -> Bool {
        a.name == b.name && a.operators == b.operators && a.keyBy.map(\.name) == b.keyBy.map(\.name)
            && a.keyBy.map(\.path) == b.keyBy.map(\.path) && a.window == b.window && a.aggregates == b.aggregates
            && a.lateSideOutput == b.lateSideOutput && a.sinks == b.sinks
    }
}

/// Window kinds of REFERENCE §6.
public enum WindowSpec: Sendable, Equatable {
    case tumbling(size: SimDuration)
    case sliding(size: SimDuration, slide: SimDuration)
    case session(gap: SimDuration)

    public var label: String {
        switch self {
        case let .tumbling(size): return "TumblingWindow(\(size))"
        case let .sliding(size, slide): return "SlidingWindow(\(size), \(slide))"
        case let .session(gap): return "SessionWindow(\(gap))"
        }
    }
}

/// Where an output's records go.
public enum SinkSpec: Sendable, Equatable {
    /// A Kinesis stream, partitioned by a field (or the window key).
    case kinesis(stream: String, partitionKey: JSONPath?)
    /// S3-style rolling objects of newline-delimited JSON.
    case objects(bucket: String, prefix: String)
    /// Rows of a warehouse table.
    case table(name: String)
    /// Documents of a search index, kept for `retention` when one is given (an index lifecycle
    /// policy that deletes documents by age), else for ever.
    case search(index: String, retention: SimDuration?)

    public var label: String {
        switch self {
        case let .kinesis(stream, _): return "Sink: Kinesis(\(stream))"
        case let .objects(bucket, prefix): return "Sink: Objects(s3://\(bucket)/\(prefix))"
        case let .table(name): return "Sink: Table(\(name))"
        case let .search(index, retention): return "Sink: Search(\(index)\(retention.map { ", keep \($0)" } ?? ""))"
        }
    }
}
