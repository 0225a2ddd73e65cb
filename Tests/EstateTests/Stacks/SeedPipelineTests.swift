import Foundation
import Testing
@testable import Estate

/// The seed's picture as one template: `cloudformation deploy` of Config/stacks/seed-pipeline.yaml
/// brings up the stream, the web servers, the Flink job, the search domain and the dashboard host;
/// records written to the stream flow through the job into the search index.
struct SeedPipelineTests {
    typealias F = StackFixtures

    static func run(_ estate: Estate, _ line: String) -> Result<JSONValue, AWSError> {
        CommandRunner(estate: estate).run(line)!.result
    }

    /// The same seed and commands give the same dump, byte for byte, with every type of the
    /// template in it.
    @Test func theDumpOfADeployedPipelineIsDeterministic() throws {
        let path = CfnLintTests.configStacks.appendingPathComponent("seed-pipeline.yaml").path
        func dump() throws -> String {
            let estate = F.estate(seed: 5)
            _ = try Self.run(estate, "cloudformation deploy --template-file \(path) --stack-name seed").get()
            estate.advance(by: .minutes(6))
            return estate.dump().serialized()
        }
        let first = try dump()
        #expect(first.contains("seed-click-sessions") && first.contains("CREATE_COMPLETE"))
        #expect(try dump() == first)
    }

    @Test func deployBringsThePipelineUpAndRecordsReachTheSearchIndex() throws {
        let estate = F.estate()
        let path = CfnLintTests.configStacks.appendingPathComponent("seed-pipeline.yaml").path
        _ = try Self.run(estate, "cloudformation deploy --template-file \(path) --stack-name seed").get()
        F.settle(estate, "seed")
        let stack = try #require(estate.stacks.stack("seed"))
        #expect(stack.status == StackStatus.createComplete, "\(F.events(estate, "seed").filter { $0.status.hasSuffix("FAILED") })")
        // Every part is an ordinary resource of its own service.
        let streamName = try #require(stack.outputs.first { $0.key == "ClickStreamName" }?.value)
        #expect(estate.kinesis.stream(named: streamName)?.status == .active)
        #expect(estate.kinesis.stream(named: streamName)?.openShardCount == 2, "demo sizing: 2 shards")
        let job = try #require(estate.jobs.application(named: "seed-click-sessions"))
        #expect(job.status.rawValue == "RUNNING")
        #expect(estate.search.domains.count == 1)
        #expect(stack.outputs.first { $0.key == "SearchEndpoint" }?.value == estate.search.domains.first?.endpoint)
        #expect(F.liveInstances(estate).filter { $0.tag("aws:cloudformation:stack-name") == "seed" }.count == 3)
        // The job waits for the domain it indexes into; the dashboard host waits for the job.
        let events = F.events(estate, "seed")
        let domainDone = try #require(F.first(events, "SearchDomain", "CREATE_COMPLETE")).milliseconds
        #expect(try #require(F.first(events, "ClickSessions", "CREATE_IN_PROGRESS")).milliseconds >= domainDone)
        #expect(try #require(F.first(events, "DashboardHost", "CREATE_IN_PROGRESS")).milliseconds
                >= (try #require(F.first(events, "ClickSessions", "CREATE_COMPLETE")).milliseconds))

        // The web servers produce the clicks themselves (their Metadata.cloudtop producers),
        // started once each is running; records must reach the index within five minutes.
        let producers = estate.kinesis.producers.filter { $0.settings.streamName == streamName }
        #expect(producers.map(\.settings.name).sorted() == ["seed-web-a", "seed-web-b"])
        #expect(producers.allSatisfy { $0.isRunning })
        let start = try #require(F.last(events, "WebServerB", "CREATE_COMPLETE")).milliseconds
        var indexed = estate.search.index(named: "clicks-per-page")?.documentCount ?? 0
        while estate.now.milliseconds - start < SimDuration.minutes(5).milliseconds, indexed == 0 {
            estate.advance(by: .seconds(10))
            indexed = estate.search.index(named: "clicks-per-page")?.documentCount ?? 0
        }
        #expect(indexed > 0, "no click counts reached the search index in five virtual minutes")
        // A window closes a minute of event time after it opens; the index fills within two.
        #expect(estate.now.milliseconds - start <= SimDuration.minutes(2).milliseconds)
    }
}
