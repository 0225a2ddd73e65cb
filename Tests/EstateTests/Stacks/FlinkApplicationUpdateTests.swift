@testable import Estate
import Testing

/// AWS::KinesisAnalyticsV2::Application's ApplicationDescription and
/// ApplicationConfiguration.ApplicationSnapshotConfiguration are "Update requires: No
/// interruption": the application keeps its name and its job keeps running (no snapshot, no
/// UPDATING), with the new value in describe-application.
@Suite struct FlinkApplicationUpdateTests {
    typealias F = StackFixtures

    static func template(description: String = "counts clicks", snapshots: Bool = true) -> String {
        let indented = StackProvisionerTests.jobYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "              " + $0 }.joined(separator: "\n")
        return """
        Resources:
          Clicks: {Type: AWS::Kinesis::Stream, Properties: {Name: clicks, ShardCount: 1}}
          Job:
            Type: AWS::KinesisAnalyticsV2::Application
            DependsOn: Clicks
            Properties:
              ApplicationName: counter
              ApplicationDescription: \(description)
              RuntimeEnvironment: FLINK-1_18
              ServiceExecutionRole: arn:aws:iam::123456789012:role/job
              ApplicationConfiguration:
                ApplicationSnapshotConfiguration:
                  SnapshotsEnabled: \(snapshots)
                ApplicationCodeConfiguration:
                  CodeContentType: PLAINTEXT
                  CodeContent:
                    TextContent: |
        \(indented)
        """
    }

    static func describe(_ estate: Estate) throws -> JSONValue {
        try #require(try estate.ok("kinesisanalyticsv2 describe-application --application-name counter")["ApplicationDetail"])
    }

    /// Updates the stack to `body` and checks it stays one RUNNING application throughout.
    static func updateWithoutInterruption(_ estate: Estate, to body: String) throws {
        let app = try #require(estate.jobs.application(named: "counter"))
        var statuses: [String] = []
        let token = estate.bus.subscribe { event in
            if event.event.service == "kinesisanalyticsv2", event.event.name == "ApplicationStatusChanged" { statuses.append(event.event.summary) }
        }
        defer { estate.bus.unsubscribe(token) }
        try estate.stacks.updateStack(name: "s", body: body)
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(F.first(F.events(estate, "s"), "Job", "UPDATE_COMPLETE")?.physicalID == "counter")
        #expect(F.first(F.events(estate, "s"), "Job", "DELETE_IN_PROGRESS") == nil, "no replacement")
        #expect(estate.jobs.application(named: "counter") === app)
        #expect(statuses.isEmpty, "no interruption: the job never left RUNNING (\(statuses))")
        #expect(app.status == .running && app.snapshots.isEmpty)
    }

    @Test func aNewDescriptionChangesInPlace() throws {
        let estate = try F.deployed(Self.template())
        #expect(try Self.describe(estate)["ApplicationDescription"] == "counts clicks")
        let change = try F.firstChange(estate, to: Self.template(description: "counts every click"), name: "describe")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        #expect(change["Details"]?.arrayValue?.map { [$0["Target"]?["Name"], $0["Target"]?["RequiresRecreation"]] }
                == [["ApplicationDescription", "Never"]])
        try Self.updateWithoutInterruption(estate, to: Self.template(description: "counts every click"))
        #expect(try Self.describe(estate)["ApplicationDescription"] == "counts every click")
    }

    @Test func turningSnapshotsOffChangesInPlace() throws {
        let estate = try F.deployed(Self.template(snapshots: true))
        let change = try F.firstChange(estate, to: Self.template(snapshots: false), name: "nosnap")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        #expect(change["Details"]?.arrayValue?.map { [$0["Target"]?["Name"], $0["Target"]?["RequiresRecreation"]] }
                == [["ApplicationConfiguration", "Never"]])
        try Self.updateWithoutInterruption(estate, to: Self.template(snapshots: false))
        let snapshots = try Self.describe(estate)["ApplicationConfigurationDescription"]?["ApplicationSnapshotConfigurationDescription"]
        #expect(snapshots == ["SnapshotsEnabled": false])
        #expect(estate.jobs.application(named: "counter")?.snapshotsEnabled == false)
    }
}
