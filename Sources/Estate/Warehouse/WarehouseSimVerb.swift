/// Simulator verbs for the warehouse. The default estate's Firehose-style loaders come from
/// stack metadata; these let a user start one on any stream and table, stop it and list them
/// all, and describe any query in the cluster's query list:
///
/// ```
/// sim loader start NAME --stream STREAM --table TABLE [--cluster ID] [--buffer-interval 60s] …
/// sim loader stop NAME
/// sim loader list
/// sim query describe QUERY [--cluster ID]
/// ```
///
/// Firehose has its own API (`firehose create-delivery-stream`), but this estate simulates the
/// delivery rather than the service, so the verbs sit with `sim producer` and `sim consumer`.
/// AWS has no call that describes a query the Data API did not send (only the system tables
/// do), so `sim query describe` answers with STL_QUERY's and STV_WLM_QUERY_STATE's columns.
public enum WarehouseSimVerb: Equatable, Sendable {
    case start(Settings)
    case stop(String)
    case list
    case describeQuery(Int, cluster: String?)

    public struct Settings: Equatable, Sendable {
        public var name: String
        public var stream: String
        public var table: String
        /// nil: the estate's first cluster, as `sql` picks it.
        public var cluster: String?
        public var bufferInterval: SimDuration
        public var bufferRecords: Int
        public var sampleOneIn: Int
    }

    /// Firehose's buffering hints for Redshift: 60 to 900 seconds.
    static let intervalRange: ClosedRange<Int64> = 60...900

    /// The verbs' entries in `SimVerbTable`.
    static let specs: [SimVerbSpec] = [
        SimVerbSpec(["loader", "start"], arguments: [SimArgumentSpec("NAME", missing: "a loader name")], options: [
            SimOptionSpec("--stream", .text, required: true, help: "the stream to read"),
            SimOptionSpec("--table", .text, required: true, help: "the table to load (its columns take the JSON keys)"),
            SimOptionSpec("--cluster", .text, help: "the cluster (default: the first)"),
            SimOptionSpec("--buffer-interval", .duration, default: "60s", help: "load at least this often, 60s to 900s"),
            SimOptionSpec("--buffer-records", .wholeNumber(1...1_000_000), default: "50000", help: "or as soon as this many records wait"),
            SimOptionSpec("--sample-one-in", .wholeNumber(1...10_000), default: "1", help: "keep one record in N, drop the rest"),
        ], help: "start a Firehose-style loader from a stream into a warehouse table") { a throws(CommandError) in
            guard case let .duration(interval)? = a.options["--buffer-interval"],
                  intervalRange.contains(interval.milliseconds / 1000), interval.milliseconds % 1000 == 0 else {
                throw a.error("Invalid --buffer-interval: Firehose buffers 60s to 900s, in whole seconds", at: "--buffer-interval")
            }
            return .warehouse(.start(Settings(name: a.text(0), stream: a.text("--stream") ?? "", table: (a.text("--table") ?? "").lowercased(),
                                           cluster: a.text("--cluster"), bufferInterval: interval,
                                           bufferRecords: Int(a.number("--buffer-records")), sampleOneIn: Int(a.number("--sample-one-in")))))
        },
        SimVerbSpec(["loader", "stop"], arguments: [SimArgumentSpec("NAME", missing: "a loader name")],
                    help: "stop a loader; what it buffered is loaded first") { a throws(CommandError) in .warehouse(.stop(a.text(0))) },
        SimVerbSpec(["loader", "list"], help: "list loaders with what each loaded") { _ throws(CommandError) in .warehouse(.list) },
        SimVerbSpec(["query", "describe"], arguments: [SimArgumentSpec("QUERY", .wholeNumber(1...Int(Int32.max)), missing: "a query id, e.g. 1001")],
                    options: [SimOptionSpec("--cluster", .text, help: "the cluster (default: the first)")],
                    help: "a query as the system tables record it, without running SQL") { a throws(CommandError) in
            .warehouse(.describeQuery(Int(a.number(at: 0)), cluster: a.text("--cluster")))
        },
    ]

    public var isReadOnly: Bool {
        switch self {
        case .list, .describeQuery: return true
        case .start, .stop: return false
        }
    }
}

extension Estate {
    /// Runs a loader verb and answers with the loader (or all of them), as `sim producer` does.
    public func run(_ verb: WarehouseSimVerb) -> Result<JSONValue, AWSError> {
        do throws(AWSError) {
            switch verb {
            case let .start(s):
                guard let cluster = s.cluster ?? warehouse.clusters.first?.identifier else {
                    throw AWSError("ClusterNotFound", "There is no warehouse cluster; create one with redshift create-cluster.")
                }
                let loader = try startStreamLoader(name: s.name, stream: s.stream, cluster: cluster, table: s.table,
                                                   bufferInterval: s.bufferInterval, bufferRecords: s.bufferRecords, sampleOneIn: s.sampleOneIn)
                return .success(loader.json)
            case let .stop(name):
                let loader = try stopStreamLoader(named: name)
                return .success(loader.json)
            case .list:
                return .success(["Loaders": .array(warehouse.loaders.map(\.json))])
            case let .describeQuery(query, clusterID):
                guard let cluster = clusterID.map({ warehouse.cluster($0) }) ?? warehouse.clusters.first else {
                    throw AWSError("ClusterNotFound", clusterID.map { "Cluster \($0) not found." } ?? "There is no warehouse cluster.")
                }
                guard let record = cluster.wlm.record(query) else {
                    throw AWSError("ResourceNotFoundException", "Query \(query) not found on cluster \(cluster.identifier).")
                }
                return .success(record.historyJSON(cluster: cluster.identifier, now: now))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Stops the running loader of that name after loading what it holds, as Firehose delivers
    /// its buffer when a delivery stream is deleted.
    @discardableResult
    public func stopStreamLoader(named name: String) throws(AWSError) -> StreamLoader {
        guard let loader = warehouse.loaders.last(where: { $0.name == name && $0.isRunning }) else {
            let running = warehouse.loaders.filter(\.isRunning).map(\.name)
            let known = running.isEmpty ? "No loader is running." : "Running: \(running.joined(separator: ", "))."
            throw AWSError("ResourceNotFoundException", "No running loader named \(name). \(known)")
        }
        loader.flush()
        loader.stop()
        return loader
    }
}
