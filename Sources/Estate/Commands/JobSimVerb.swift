/// Simulator verbs for stream jobs, which AWS has no API for:
///
/// ```
/// sim job fail APP        a task manager dies; the job restores its last checkpoint
/// sim job scale APP N     rescale to N subtasks through a savepoint
/// ```
public enum JobSimVerb: Equatable, Sendable {
    case fail(application: String)
    case scale(application: String, parallelism: Int)

    /// Entries of the one table of sim verbs (`SimVerbTable`).
    static let specs: [SimVerbSpec] = [
        SimVerbSpec(["job", "fail"], arguments: [SimArgumentSpec("APP", missing: "an application name")],
                    help: "a task manager dies; the job restores its last checkpoint") { a throws(CommandError) in
            .job(.fail(application: a.text(0)))
        },
        SimVerbSpec(["job", "scale"], arguments: [
            SimArgumentSpec("APP", missing: "an application name"),
            SimArgumentSpec("N", .wholeNumber(1...JobDefinitionParser.maximumParallelism),
                            missing: "a parallelism, e.g. sim job scale sessionizer 4"),
        ], help: "rescale to N subtasks through a savepoint") { a throws(CommandError) in
            .job(.scale(application: a.text(0), parallelism: Int(a.number(at: 1))))
        },
    ]
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
