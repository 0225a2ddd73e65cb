@testable import Estate
import Testing

/// The default estate's edge-status job, the opt-in sessionizer, and determinism of the Jobs and
/// Search dump.
@Suite struct JobsDefaultEstateTests {
    static func defaultEstate() throws -> Estate {
        // The default estate with the sessionizer started with it, as its comment describes.
        let yaml = DefaultConfig.estateYAML.replacingOccurrences(of: "  - { name: sessionizer, start: false }\n", with: "  - sessionizer\n")
        #expect(yaml != DefaultConfig.estateYAML)
        return try EstateBuilder.build(yaml: yaml, file: "estate.yaml")
    }

    /// CloudFront real-time logs -> stream -> job -> search index, on the estate as it ships: each
    /// closed minute's document per status counts exactly the log records of that status that
    /// arrived on the stream in that minute.
    @Test func edgeStatusCountsTheWebsitesLogRecordsPerStatusAndMinute() throws {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml")
        estate.advance(by: .minutes(5))
        let app = try #require(estate.jobs.application(named: "edge-status"))
        #expect(app.status == .running)
        // The sessionizer is created but waits READY, reading nothing and writing nothing.
        #expect(estate.jobs.application(named: "sessionizer")?.status == .ready)
        #expect(estate.search.index(named: "user-activity") == nil)

        // Count the stream's records by hand: field 4 of CloudFront's real-time log is sc-status.
        var expected: [String: Int] = [:]
        var iterator: String? = try estate.kinesis.getShardIterator(streamName: "edge-logs", shardID: "shardId-000000000000", type: .trimHorizon)
        while let current = iterator {
            let page = try estate.kinesis.getRecords(shardIterator: current)
            for record in page.records {
                let fields = String(decoding: record.data, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
                let minute = record.approximateArrival.milliseconds / 60_000
                expected["\(minute)|\(fields[3])", default: 0] += 1
            }
            iterator = page.records.isEmpty ? nil : page.nextShardIterator
        }
        #expect(expected.values.reduce(0, +) > 40)

        let response = try estate.ok(#"search edge-requests '{"size":100}'"#)
        var indexed: [String: Int] = [:]
        for hit in response["hits"]?["hits"]?.arrayValue ?? [] {
            let doc = try #require(hit["_source"])
            let start = try #require(doc["window_start"]?.stringValue.flatMap(EventTimestamp.parseISO))
            indexed["\(start.milliseconds / 60_000)|\(doc["status"]?.keyText ?? "")"] = doc["requests"]?.intValue.map(Int.init)
        }
        // Minutes 1-3 are closed (the watermark trails the newest record by 5 s) and fully on the stream.
        let closed = { (key: String) in ["1", "2", "3"].contains(key.split(separator: "|")[0]) }
        #expect(!indexed.filter { closed($0.key) }.isEmpty)
        #expect(indexed.filter { closed($0.key) } == expected.filter { closed($0.key) })
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
