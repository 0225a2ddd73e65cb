@testable import Estate
import Testing

/// Shared set-up for stream job tests: an estate with an ACTIVE stream, records with chosen
/// event times, and a job started from YAML text.
enum JobFixture {
    /// An estate at t=30s with one ACTIVE stream.
    static func estate(stream: String = "clicks", shards: Int = 1, seed: UInt64 = 7) throws -> Estate {
        let estate = Estate(name: "jobs-test", seed: seed)
        _ = try estate.kinesis.createStream(name: stream, shardCount: shards)
        estate.advance(by: .seconds(30))
        return estate
    }

    /// Writes one click with event time `ts` (seconds after the virtual epoch, 2026-01-01T00:00:00Z).
    static func click(_ estate: Estate, stream: String = "clicks", user: String, at seconds: Double, page: String = "/", n: Int = 0) throws {
        let ts = SimCalendar.iso8601(.zero + .fractionalSeconds(seconds))
        _ = try estate.kinesis.putRecord(streamName: stream, text: #"{"user":"\#(user)","page":"\#(page)","ts":"\#(ts)","n":\#(n)}"#, partitionKey: user)
    }

    /// Creates and starts a job, then runs the clock until it is RUNNING.
    @discardableResult
    static func start(_ estate: Estate, _ yaml: String) throws -> JobApplication {
        let definition = try JobDefinitionParser.parse(yaml, file: "test.yaml")
        let app = try estate.jobs.create(name: definition.name, definition: definition)
        try estate.jobs.start(app.name)
        estate.advance(by: JobsService.TransitionDelay.start)
        #expect(app.status == .running)
        return app
    }

    static func rows(_ estate: Estate, _ table: String) -> [JSONValue] { estate.jobs.tableStore.rows(of: table) }

    /// `window_start`/`window_end` of the minute `m` after the epoch, as results print them.
    static func minute(_ m: Int) -> String { SimCalendar.iso8601(.zero + .minutes(Int64(m))) }
    static func at(_ seconds: Int64) -> String { SimCalendar.iso8601(.zero + .seconds(seconds)) }

    /// A job over `clicks` with one output; `body` is the output's YAML after its name.
    static func yaml(name: String = "job", parallelism: Int = 1, checkpoint: String = "off", source extra: String = "", output: String) -> String {
        """
        name: \(name)
        parallelism: \(parallelism)
        checkpoint-interval: \(checkpoint)
        source:
          stream: clicks
          starting-position: TRIM_HORIZON
          event-time: $.ts
        \(extra)
        outputs:
          - name: out
        \(output)
        """
    }
}

extension JSONValue {
    /// A compact `start-end:field=value` rendering of a window row, so expectations read as tables.
    func row(_ fields: String...) -> String {
        fields.map { "\($0)=\(self[$0]?.keyText ?? "nil")" }.joined(separator: " ")
    }
}
