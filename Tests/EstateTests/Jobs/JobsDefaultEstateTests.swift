@testable import Estate
import Testing

/// The sessionizer of the default estate, and determinism of the Jobs and Search dump.
@Suite struct JobsDefaultEstateTests {
    static func defaultEstate() throws -> Estate {
        // The default estate with the sessionizer switched on, as its comment describes.
        try EstateBuilder.build(yaml: DefaultConfig.estateYAML.replacingOccurrences(of: "jobs: []", with: "jobs: [sessionizer]"),
                                file: "estate.yaml")
    }

    @Test func sessionizerRunsAndFeedsTheSearchIndexAndTheTableSink() throws {
        let estate = try Self.defaultEstate()
        let app = try #require(estate.jobs.application(named: "sessionizer"))
        #expect(app.status == .running)
        estate.advance(by: .minutes(3))
        #expect(app.recordsRead > 0)
        #expect(app.lastCheckpoint(now: estate.now) != nil)
        // Per user per minute in the search index, per page per sliding five minutes too.
        let perUser = try estate.ok(#"search user-activity '{"query":{"range":{"events":{"gte":1}}},"size":1}'"#)
        #expect((perUser["hits"]?["total"]?["value"]?.intValue ?? 0) > 0)
        let source = try #require(perUser["hits"]?["hits"]?.arrayValue?.first?["_source"])
        #expect(source["user"]?.stringValue?.hasPrefix("user-") == true)
        #expect(estate.search.index(named: "page-views") != nil)
        // Per-minute totals: one row per minute, each the count of that minute's clicks.
        let rows = estate.jobs.tableStore.rows(of: "clickstream_minutely")
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0["events"]?.intValue ?? 0) > 0 && $0["top_pages"]?.arrayValue?.count == 3 })
        let graph = app.operatorGraph(now: estate.now)
        #expect(graph.map(\.shipStrategy) == ["SOURCE", "HASH", "HASH", "REBALANCE"])
    }

    @Test func sameSeedAndCommandsGiveTheSameDump() throws {
        func run() throws -> String {
            let estate = try Self.defaultEstate()
            estate.advance(by: .minutes(2))
            _ = try estate.ok("sim job fail sessionizer")
            _ = try estate.ok("opensearch create-domain --domain-name clicks")
            estate.advance(by: .minutes(2))
            _ = try estate.ok("sim job scale sessionizer 3")
            estate.advance(by: .minutes(1))
            _ = try estate.ok(#"search user-activity '{"size":3,"sort":[{"events":"desc"}]}'"#)
            return estate.dump().serialized()
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(first.contains(#""ApplicationName": "sessionizer""#))
        #expect(first.contains(#""IndexName": "user-activity""#))
    }
}
