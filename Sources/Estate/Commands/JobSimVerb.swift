/// Simulator verbs for stream jobs, which AWS has no API for:
///
/// ```
/// sim job fail APP        a task manager dies; the job restores its last checkpoint
/// sim job scale APP N     rescale to N subtasks through a savepoint
/// ```
public enum JobSimVerb: Equatable, Sendable {
    case fail(application: String)
    case scale(application: String, parallelism: Int)

    static let actions = ["fail", "scale"]

    /// Parses the words after `sim job`.
    static func parse(_ noun: Tokenizer.Token, _ words: [Tokenizer.Token]) throws(CommandError) -> JobSimVerb {
        guard let action = words.first, actions.contains(action.text) else {
            let word = words.first
            throw CommandError("'sim job' needs one of: \(actions.joined(separator: ", "))\(word.map { Suggest.didYouMean($0.text, in: actions) } ?? "")",
                               token: word?.text ?? noun.text, column: word?.column ?? noun.column)
        }
        let args = Array(words.dropFirst())
        guard let app = args.first else {
            throw CommandError("'sim job \(action.text)' needs an application name", token: action.text, column: action.column)
        }
        switch action.text {
        case "fail":
            if args.count > 1 { throw CommandError("'sim job fail' takes one application name", token: args[1].text, column: args[1].column) }
            return .fail(application: app.text)
        default:
            guard args.count == 2 else {
                throw CommandError("'sim job scale' takes an application name and a parallelism, e.g. sim job scale sessionizer 4", token: action.text, column: action.column)
            }
            guard let n = Int(args[1].text), (1...JobDefinitionParser.maximumParallelism).contains(n) else {
                throw CommandError("Parallelism must be a whole number from 1 to \(JobDefinitionParser.maximumParallelism), not '\(args[1].text)'", token: args[1].text, column: args[1].column)
            }
            return .scale(application: app.text, parallelism: n)
        }
    }
}

extension JobsService {
    /// Runs a job verb and answers with the application's new state.
    public func run(_ verb: JobSimVerb) -> Result<JSONValue, AWSError> {
        do throws(AWSError) {
            switch verb {
            case let .fail(name):
                try failTaskManager(name)
                let app = try requireApplication(name)
                return .success(["Sim": "job fail", "ApplicationName": .string(name), "Restarts": .int(Int64(app.restarts)),
                                 "RestoredCheckpointId": app.runtime?.lastCheckpoint.map { .int(Int64($0.id)) } ?? .null])
            case let .scale(name, n):
                try scale(name, to: n)
                let app = try requireApplication(name)
                return .success(["Sim": "job scale", "ApplicationName": .string(name), "ApplicationStatus": .string(app.status.rawValue),
                                 "Parallelism": .int(Int64(n))])
            }
        } catch {
            return .failure(error)
        }
    }
}
