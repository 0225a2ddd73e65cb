@testable import Estate
import Foundation
import Testing

/// The `jobs:` section of estate.yaml and the job files compiled into the binary.
@Suite struct JobsConfigTests {
    @Test func embeddedJobFilesEqualConfigJobs() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Config/jobs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.map { String($0.dropLast(5)) } == DefaultJobs.files.keys.sorted())
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(DefaultJobs.files[String(name.dropLast(5))] == text, "run python3 scripts/embed_config.py")
        }
    }

    @Test func aBadJobFileStartsNothingAndNamesItsLine() throws {
        let yaml = """
            streams:
              - name: clicks
                shards: 1
            jobs:
              - good
              - bad
            """
        let files = JobFileSource { name in
            switch name {
            case "good": return (JobOperationsTests.yaml.replacingOccurrences(of: "clicks-per-minute", with: "good"), "jobs/good.yaml")
            case "bad": return ("name: bad\nsource: { stream: clicks }\noutputs:\n  - name: o\n    window: { hopping: 1m }\n", "jobs/bad.yaml")
            default: return nil
            }
        }
        #expect(throws: ConfigError(file: "jobs/bad.yaml", line: 5, message: "unknown key 'hopping' in window; allowed: tumbling, sliding, slide, session")) {
            try EstateBuilder.build(yaml: yaml, file: "estate.yaml", jobFiles: files)
        }
        #expect(throws: ConfigError.self) { try EstateBuilder.build(yaml: "jobs:\n  - missing\n", file: "estate.yaml", jobFiles: files) }
        let estate = try EstateBuilder.build(yaml: yaml.replacingOccurrences(of: "\n  - bad", with: ""), file: "estate.yaml", jobFiles: files)
        #expect(estate.jobs.application(named: "good")?.status == .running)
    }
}
