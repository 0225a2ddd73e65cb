@testable import Estate
import Testing

/// `kinesisanalyticsv2 update-application` as Managed Service for Apache Flink documents it: the
/// caller names the version it read; a RUNNING job snapshots, goes UPDATING and comes back RUNNING
/// with the new configuration; a READY one just takes it. AWS::KinesisAnalyticsV2::Application's
/// ApplicationConfiguration is "Update requires: No interruption".
@Suite struct JobUpdateTests {
    static let counting = JobFixture.yaml(name: "counter", output: """
            window: { tumbling: 1m }
            aggregate: { events: count }
            sinks: [ { table: counts } ]
        """)

    static let distinct = JobFixture.yaml(name: "counter", output: """
            window: { tumbling: 1m }
            aggregate: { users: count-distinct($.user) }
            sinks: [ { table: users } ]
        """)

    static func update(_ estate: Estate, version: Int, code: String? = nil, parallelism: Int? = nil) -> Result<JSONValue, AWSError> {
        var configuration: [(String, JSONValue)] = []
        if let code {
            configuration.append(("ApplicationCodeConfigurationUpdate", [
                "CodeContentTypeUpdate": "PLAINTEXT", "CodeContentUpdate": ["TextContentUpdate": .string(code)],
            ]))
        }
        if let parallelism {
            configuration.append(("FlinkApplicationConfigurationUpdate", [
                "ParallelismConfigurationUpdate": ["ConfigurationTypeUpdate": "CUSTOM", "ParallelismUpdate": .int(Int64(parallelism))],
            ]))
        }
        return estate.execute(OperationRequest(service: "kinesisanalyticsv2", operation: "UpdateApplication", parameters: [
            "ApplicationName": "counter", "CurrentApplicationVersionId": .int(Int64(version)),
            "ApplicationConfigurationUpdate": .object(configuration),
        ]))
    }

    @Test func aRunningJobRestartsWithTheNewCodeFromWhereItWas() throws {
        let estate = try JobFixture.estate()
        let app = try JobFixture.start(estate, Self.counting)
        for (i, user) in ["a", "b", "a", "c", "b"].enumerated() { try JobFixture.click(estate, user: user, at: 30 + Double(i)) }
        estate.advance(by: .seconds(5))
        #expect(app.recordsRead == 5)

        let reply = try Self.update(estate, version: 1, code: Self.distinct).get()
        #expect(reply["ApplicationDetail"]?["ApplicationVersionId"] == 2)
        #expect(app.status == .updating)
        #expect(app.snapshots.map(\.name) == ["update-counter-1"], "a snapshot before the restart")
        estate.advance(by: JobsService.TransitionDelay.update)
        #expect(app.status == .running)
        #expect(app.definition.outputs.map(\.name) == ["out"] && app.definition.text == Self.distinct)

        // Three more clicks, in the next minute, and one past it to close that minute: the new
        // dataflow reads only these (the source positions carried over) and counts 2 users.
        for (i, user) in ["x", "y", "x"].enumerated() { try JobFixture.click(estate, user: user, at: 70 + Double(i)) }
        try JobFixture.click(estate, user: "z", at: 125)
        estate.advance(by: .seconds(5))
        #expect(app.recordsRead == 4, "nothing read twice after the update")
        #expect(JobFixture.rows(estate, "users").map { $0.row("window_start", "users") } == ["window_start=\(JobFixture.minute(1)) users=2"])
    }

    @Test func aReadyJobTakesTheNewParallelismAndStaysReady() throws {
        let estate = try JobFixture.estate()
        let definition = try JobDefinitionParser.parse(Self.counting, file: "test.yaml")
        let app = try estate.jobs.create(name: "counter", definition: definition)
        _ = try Self.update(estate, version: 1, parallelism: 3).get()
        #expect(app.status == .ready && app.parallelism == 3 && app.versionID == 2)
        let described = try estate.ok("kinesisanalyticsv2 describe-application --application-name counter")
        #expect(described["ApplicationDetail"]?["ApplicationConfigurationDescription"]?["FlinkApplicationConfigurationDescription"]?["ParallelismConfigurationDescription"]?["Parallelism"] == 3)
    }

    @Test func aStaleVersionOrBadCodeChangesNothing() throws {
        let estate = try JobFixture.estate()
        let app = try JobFixture.start(estate, Self.counting)
        #expect(Self.update(estate, version: 7, parallelism: 2).failureCode == "ConcurrentModificationException")
        #expect(Self.update(estate, version: 1, code: "name: counter\n").failureCode == "InvalidArgumentException")
        #expect(Self.update(estate, version: 1, parallelism: 0).failureCode == "InvalidArgumentException")
        #expect(app.status == .running && app.versionID == 1 && app.parallelism == 1 && app.definition.text == Self.counting)
    }

    static func template(code: String) -> String { StackProvisionerTests.jobTemplate(code: code) }

    @Test func aStackUpdateOfTheCodeKeepsTheApplication() throws {
        let estate = try StackFixtures.deployed(Self.template(code: Self.counting))
        let change = try StackFixtures.firstChange(estate, to: Self.template(code: Self.distinct), name: "new-code")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        try estate.stacks.updateStack(name: "s", body: Self.template(code: Self.distinct))
        StackFixtures.settle(estate, "s")
        #expect(StackFixtures.status(estate, "s") == StackStatus.updateComplete, "\(StackFixtures.events(estate, "s"))")
        #expect(StackFixtures.first(StackFixtures.events(estate, "s"), "Job", "DELETE_IN_PROGRESS") == nil, "no replacement")
        let app = try #require(estate.jobs.application(named: "counter"))
        #expect(app.status == .running && app.versionID == 2)
        #expect(app.definition.outputs.first?.aggregates.map(\.name) == ["users"])
    }
}

extension Result where Failure == AWSError {
    var failureCode: String? { if case let .failure(e) = self { return e.code } else { return nil } }
}
