@testable import Estate
import Testing

/// `kinesisanalyticsv2` operations, statuses, the `sim job` verbs and bad job files.
@Suite struct JobOperationsTests {
    static let yaml = """
        name: clicks-per-minute
        source:
          stream: clicks
        outputs:
          - name: totals
            window: { tumbling: 1m }
            aggregate: { events: count }
            sinks: [ { table: totals } ]
        """

    static func createCommand(_ text: String = yaml, name: String = "clicks-per-minute", extra: String = "") -> String {
        let config: JSONValue = [
            "ApplicationCodeConfiguration": ["CodeContent": ["TextContent": .string(text)], "CodeContentType": "PLAINTEXT"],
            "FlinkApplicationConfiguration": ["ParallelismConfiguration": ["ConfigurationType": "CUSTOM", "Parallelism": 3]],
        ]
        return "kinesisanalyticsv2 create-application --application-name \(name) --runtime-environment FLINK-1_20 --service-execution-role arn:aws:iam::123456789012:role/r --application-configuration '\(config.serialized())' \(extra)"
    }

    @Test func lifecycleGoesThroughAWSStatuses() throws {
        let estate = try JobFixture.estate()
        let created = try estate.ok(Self.createCommand())
        #expect(created["ApplicationDetail"]?["ApplicationStatus"] == "READY")
        #expect(created["ApplicationDetail"]?["ApplicationConfigurationDescription"]?["FlinkApplicationConfigurationDescription"]?["ParallelismConfigurationDescription"]?["Parallelism"] == 3)
        #expect(try estate.ok("kinesisanalyticsv2 start-application --application-name clicks-per-minute")["OperationId"] != nil)
        func status() throws -> JSONValue? { try estate.ok("kinesisanalyticsv2 describe-application --application-name clicks-per-minute")["ApplicationDetail"]?["ApplicationStatus"] }
        #expect(try status() == "STARTING")
        estate.advance(by: .seconds(5))
        #expect(try status() == "RUNNING")
        #expect(estate.errorCode("kinesisanalyticsv2 start-application --application-name clicks-per-minute") == "ResourceInUseException")
        #expect(try estate.ok("sim job scale clicks-per-minute 2")["ApplicationStatus"] == "UPDATING")
        estate.advance(by: .seconds(5))
        #expect(try status() == "RUNNING")
        #expect(try estate.ok("sim job fail clicks-per-minute")["Restarts"] == 1)
        _ = try estate.ok("kinesisanalyticsv2 stop-application --application-name clicks-per-minute")
        #expect(try status() == "STOPPING")
        estate.advance(by: .seconds(3))
        #expect(try status() == "READY")
        let summaries = try estate.ok("kinesisanalyticsv2 list-applications")["ApplicationSummaries"]?.arrayValue
        #expect(summaries?.map { $0["ApplicationName"] } == ["clicks-per-minute"])
        #expect(summaries?.first?["ApplicationVersionId"] == 2)
        let createdAt = try #require(created["ApplicationDetail"]?["CreateTimestamp"]?.numberValue)
        #expect(estate.errorCode("kinesisanalyticsv2 delete-application --application-name clicks-per-minute --create-timestamp 1") == "InvalidArgumentException")
        _ = try estate.ok("kinesisanalyticsv2 delete-application --application-name clicks-per-minute --create-timestamp \(createdAt)")
        #expect(estate.errorCode("kinesisanalyticsv2 describe-application --application-name clicks-per-minute") == "ResourceNotFoundException")
    }

    @Test func startFromACustomSnapshotByName() throws {
        let estate = try JobFixture.estate()
        _ = try estate.ok(Self.createCommand())
        _ = try estate.ok("kinesisanalyticsv2 start-application --application-name clicks-per-minute")
        estate.advance(by: .seconds(6))
        _ = try estate.ok("kinesisanalyticsv2 stop-application --application-name clicks-per-minute")
        estate.advance(by: .seconds(3))
        let app = try #require(estate.jobs.application(named: "clicks-per-minute"))
        let name = try #require(app.snapshots.first?.name)
        #expect(estate.errorCode(#"kinesisanalyticsv2 start-application --application-name clicks-per-minute --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_CUSTOM_SNAPSHOT","SnapshotName":"nope"}}'"#) == "ResourceNotFoundException")
        _ = try estate.ok(#"kinesisanalyticsv2 start-application --application-name clicks-per-minute --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_CUSTOM_SNAPSHOT","SnapshotName":"\#(name)"}}'"#)
        #expect(app.restoredFrom == name)
    }

    @Test func badJobTextIsAnErrorWithItsLineAndCreatesNothing() throws {
        let estate = try JobFixture.estate()
        let bad = Self.yaml.replacingOccurrences(of: "{ tumbling: 1m }", with: "{ tumbling: soon }")
        let result = estate.run(Self.createCommand(bad))
        guard case let .failure(error) = result else { Issue.record("accepted a bad job"); return }
        #expect(error.code == "InvalidArgumentException")
        #expect(error.message.hasPrefix("TextContent:6:"))
        #expect(estate.jobs.applications.isEmpty)
    }

    @Test func jobFileMistakesNameTheLine() {
        func line(_ text: String) -> Int? {
            do { _ = try JobDefinitionParser.parse(text, file: "bad.yaml"); return nil } catch { return error.line }
        }
        #expect(line(Self.yaml.replacingOccurrences(of: "stream: clicks", with: "stream: clicks\n  startingposition: LATEST")) == 4)
        #expect(line(Self.yaml.replacingOccurrences(of: "count }", with: "median($.x) }")) == 7)
        #expect(line(Self.yaml.replacingOccurrences(of: "{ table: totals }", with: "{ bucket: totals }")) == 8)
        #expect(line(Self.yaml + "\n    key-by: [\"$.\"]") == 9)
        #expect(line("name: x\nsource: { stream: s }\noutputs: []") == 1)
    }

    @Test func simJobVerbsCheckTheirWords() throws {
        let parser = CommandParser(operations: [])
        #expect(throws: CommandError.self) { try parser.parse("sim job explode app") }
        #expect(throws: CommandError.self) { try parser.parse("sim job scale app 0") }
        #expect(throws: CommandError.self) { try parser.parse("sim job fail") }
        #expect(try parser.parse("sim job scale app 4") == .sim(.job(.scale(application: "app", parallelism: 4))))
    }

    @Test func startingOnAMissingStreamIsRefused() throws {
        let estate = Estate(name: "t", seed: 1)
        _ = try estate.ok(Self.createCommand())
        #expect(estate.errorCode("kinesisanalyticsv2 start-application --application-name clicks-per-minute") == "InvalidApplicationConfigurationException")
        #expect(estate.jobs.application(named: "clicks-per-minute")?.status == .ready)
    }
}
