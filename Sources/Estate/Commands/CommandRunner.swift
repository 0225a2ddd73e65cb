/// Runs lines of the command language against an estate and answers each with one JSON value.
///
/// Shared by `cloudtop run`, script files and the palette, so all three print the same thing:
/// the AWS CLI's output for an operation, `{"Error": {"Code", "Message"}}` for a failure, and a
/// small object for a `sim` verb.
public struct CommandRunner {
    public let estate: Estate
    public let parser: CommandParser
    /// Refuses every change (the dashboard's `--readonly`); describe and list calls still work.
    public var readOnly = false

    public init(estate: Estate, readOnly: Bool = false) {
        self.estate = estate
        self.readOnly = readOnly
        parser = CommandParser(operations: estate.services.flatMap(\.operations))
    }

    public struct Outcome: Sendable {
        public let command: Command?
        public let result: Result<JSONValue, AWSError>

        public var json: JSONValue {
            switch result {
            case let .success(v): return v
            case let .failure(e): return e.json
            }
        }

        public var isFailure: Bool {
            if case .failure = result { return true }
            return false
        }
    }

    /// Runs one line; nil for a blank line or a comment.
    public func run(_ line: String) -> Outcome? {
        let command: Command
        do {
            guard let parsed = try parser.parse(line) else { return nil }
            command = parsed
        } catch {
            return Outcome(command: nil, result: .failure(error.awsError))
        }
        return Outcome(command: command, result: execute(command))
    }

    public func execute(_ command: Command) -> Result<JSONValue, AWSError> {
        switch command {
        case let .operation(request):
            if readOnly && !Self.isReadOnly(request.operation) {
                return .failure(AWSError("ReadOnlyMode", "cloudtop is running with --readonly: \(request.operation) would change the estate and was refused."))
            }
            return estate.execute(request)
        case let .sim(.kinesis(verb)):
            if readOnly && !Self.isReadOnly(verb) {
                return .failure(AWSError("ReadOnlyMode", "cloudtop is running with --readonly: this would change the estate and was refused."))
            }
            return estate.kinesis.run(verb)
        case let .sim(.job(verb)):
            if readOnly {
                return .failure(AWSError("ReadOnlyMode", "cloudtop is running with --readonly: this would change the estate and was refused."))
            }
            return estate.jobs.run(verb)
        case let .sim(.warehouse(verb)):
            if readOnly && !verb.isReadOnly { return .failure(Self.refused) }
            return estate.run(verb)
        case let .search(verb):
            return estate.search.search(index: verb.index, body: verb.query)
        case let .sim(verb):
            return .success(runSim(verb))
        case let .edge(verb):
            if readOnly && !verb.isReadOnly {
                return .failure(AWSError("ReadOnlyMode", "cloudtop is running with --readonly: this would change the estate and was refused."))
            }
            return estate.edge.run(verb)
        case let .sql(verb):
            if readOnly && !verb.isReadOnly { return .failure(Self.refused) }
            return estate.run(verb)
        case let .s3(verb):
            if readOnly && !verb.isReadOnly { return .failure(Self.refused) }
            return estate.run(verb)
        }
    }

    static let refused = AWSError("ReadOnlyMode", "cloudtop is running with --readonly: this would change the estate and was refused.")

    /// Operations that only read: by AWS's naming convention.
    public static func isReadOnly(_ operation: String) -> Bool {
        ["Describe", "List", "Get"].contains { operation.hasPrefix($0) }
    }

    static func isReadOnly(_ verb: KinesisSimVerb) -> Bool {
        verb == .listProducers || verb == .listConsumers
    }

    private func runSim(_ verb: SimCommand) -> JSONValue {
        switch verb {
        case let .advance(d):
            estate.advance(by: d)
            return ["Sim": "advance", "Now": .string(SimCalendar.iso8601(estate.now)), "ElapsedMilliseconds": .int(estate.now.milliseconds)]
        case let .speed(x):
            estate.setSpeed(x)
            return ["Sim": "speed", "Speed": .double(estate.speed)]
        case .pause:
            estate.pause()
            return ["Sim": "pause", "Paused": true]
        case .resume:
            estate.resume()
            return ["Sim": "resume", "Paused": false]
        case .help:
            return ["Sim": "help", "Verbs": .array(SimVerbTable.helpLines.map(JSONValue.string))]
        case .kinesis, .job, .warehouse:
            return [:]  // handled in `execute`
        }
    }
}
