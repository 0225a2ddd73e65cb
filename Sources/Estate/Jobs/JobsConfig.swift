/// The `jobs:` section of `estate.yaml`: names of job files in `Config/jobs/`, each created
/// through the same operation as `kinesisanalyticsv2 create-application` and then started, unless
/// the entry says `start: false`; such a job waits READY, as an application does on AWS until
/// someone runs `start-application`.
///
/// ```yaml
/// jobs:
///   - edge-status                          # Config/jobs/edge-status.yaml, created and started
///   - { name: sessionizer, start: false }  # created, left READY
/// ```
public struct JobEntry: Sendable, Equatable {
    public var name: String
    public var line: Int?
    /// Whether the estate starts the job once its stream is ACTIVE.
    public var start = true
}

/// Where job files come from: `Config/jobs/NAME.yaml` in the config folder, else the copies
/// compiled into the binary.
public struct JobFileSource: Sendable {
    public let read: @Sendable (String) -> (text: String, file: String)?

    public init(read: @escaping @Sendable (String) -> (text: String, file: String)?) { self.read = read }

    public static let builtIn = JobFileSource { name in
        DefaultJobs.files[name].map { ($0, "(built-in jobs/\(name).yaml)") }
    }
}

extension EstateConfig {
    static func jobEntries(_ node: Yams.Node, reader: YAMLReader) throws(ConfigError) -> [JobEntry] {
        var out: [JobEntry] = []
        for item in try reader.sequence(node, what: "jobs") {
            var entry = JobEntry(name: "", line: item.mark?.line)
            if case .mapping = item {
                for (key, _, value) in try reader.mapping(item, what: "a job entry", allowed: ["name", "start"]) {
                    switch key {
                    case "name": entry.name = try reader.string(value, what: "a job name")
                    default:
                        let text = try reader.string(value, what: "start")
                        guard let start = Bool(text.lowercased()) else { throw reader.fail(value, "start must be true or false, not '\(text)'") }
                        entry.start = start
                    }
                }
                guard !entry.name.isEmpty else { throw reader.fail(item, "a job entry needs a name, e.g. { name: sessionizer, start: false }") }
            } else {
                entry.name = try reader.string(item, what: "a job name")
            }
            let name = entry.name
            guard JobDefinitionParser.validName(name) else { throw reader.fail(item, "'\(name)' is not a job name (a file name in jobs/, without .yaml)") }
            guard !out.contains(where: { $0.name == name }) else { throw reader.fail(item, "job '\(name)' is listed twice") }
            out.append(entry)
        }
        return out
    }
}

extension EstateBuilder {
    /// Parses every listed job file first, so one bad file starts nothing, then creates each job
    /// and starts those not marked `start: false`.
    static func buildJobs(_ entries: [JobEntry], into estate: Estate, file: String, jobFiles: JobFileSource) throws(ConfigError) {
        var definitions: [(JobEntry, JobDefinition, String)] = []
        for entry in entries {
            guard let (text, jobFile) = jobFiles.read(entry.name) else {
                throw ConfigError(file: file, line: entry.line, message: "no job file jobs/\(entry.name).yaml")
            }
            let definition = try JobDefinitionParser.parse(text, file: jobFile)
            guard definition.name == entry.name else {
                throw ConfigError(file: jobFile, line: 1, message: "the job is named '\(definition.name)' but listed as '\(entry.name)'")
            }
            definitions.append((entry, definition, jobFile))
        }
        // A job's stream may be a stack's, still forming: start once it is ACTIVE.
        waitForStreams(definitions.map(\.1.source.stream), in: estate)
        for (entry, definition, _) in definitions {
            do {
                _ = try estate.jobs.create(name: definition.name, definition: definition)
                if entry.start { try estate.jobs.start(definition.name) }
            } catch {
                throw ConfigError(file: file, line: entry.line, message: "\(error.code): \(error.message)")
            }
        }
    }
}

import Yams
