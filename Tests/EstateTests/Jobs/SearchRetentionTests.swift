@testable import Estate
import Testing

/// A search sink's `retention` bounds its index: documents older than it are deleted by age, so a
/// job feeding the index for days keeps only the last stretch.
struct SearchRetentionTests {
    /// One click a minute for 40 minutes into a 1-minute tumbling count per user: 40 results.
    private func run(sink: String) throws -> (estate: Estate, hits: Int64?) {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, JobFixture.yaml(output: """
                key-by: [user]
                window: { tumbling: 1m }
                aggregate: { events: count }
                sinks:
                  - \(sink)
            """))
        for _ in 0..<40 {
            try JobFixture.click(estate, user: "u1", at: Double(estate.now.milliseconds) / 1000)
            estate.advance(by: .minutes(1))
        }
        let response = try estate.search.search(index: "activity", body: ["size": 0]).get()
        return (estate, response["hits"]?["total"]?["value"]?.intValue)
    }

    @Test func anIndexWithARetentionKeepsOnlyItsLastStretch() throws {
        let (estate, hits) = try run(sink: "{ search: activity, retention: 10m }")
        // Ten minutes of one result a minute, plus at most one minute the sweep has not reached.
        #expect((10...11).contains(hits ?? -1), "\(hits ?? -1)")
        let info = try #require(estate.search.index(named: "activity"))
        #expect(Int64(info.documentCount) == hits, "the index's count follows the deletions")
        #expect(info.retention == .minutes(10))
        let dumped = estate.search.dump()["Indices"]?.arrayValue?.first
        #expect(dumped?["Retention"]?.stringValue == "10m")
    }

    /// Expired documents take their full-text rows with them: each result has one text field
    /// (`user`; the window bounds are dates, which are not analysed), so the text table holds one
    /// row per live document.
    @Test func expiredDocumentsLeaveNoTextBehind() throws {
        let (estate, hits) = try run(sink: "{ search: activity, retention: 10m }")
        let live = try #require(hits)
        let rows = try estate.search.store.db.read { db in
            (try Int64.fetchOne(db, sql: "SELECT count(*) FROM fts") ?? -1, try Int64.fetchOne(db, sql: "SELECT count(*) FROM fts_rows") ?? -1)
        }
        #expect(rows.0 == live && rows.1 == live, "\(rows) text rows for \(live) documents")
        let matched = try estate.search.search(index: "activity", body: ["query": ["match": ["user": "u1"]], "size": 0]).get()
        #expect(matched["hits"]?["total"]?["value"]?.intValue == live)
    }

    @Test func withoutARetentionEveryResultStays() throws {
        let (_, hits) = try run(sink: "{ search: activity }")
        #expect((39...40).contains(hits ?? -1), "\(hits ?? -1)")
    }

    @Test func retentionBelongsToSearchSinksAndIsAtLeastASweep() throws {
        let onTable = JobFixture.yaml(output: "    window: { tumbling: 1m }\n    aggregate: { events: count }\n    sinks: [ { table: t, retention: 1h } ]")
        #expect(throws: ConfigError.self) { try JobDefinitionParser.parse(onTable, file: "job.yaml") }
        do { _ = try JobDefinitionParser.parse(onTable, file: "job.yaml") } catch {
            #expect("\(error)".contains("retention applies to a search sink only"), "\(error)")
            #expect("\(error)".contains("job.yaml:"), "names the file and line: \(error)")
        }
        let tooShort = JobFixture.yaml(output: "    window: { tumbling: 1m }\n    aggregate: { events: count }\n    sinks: [ { search: s, retention: 10s } ]")
        do { _ = try JobDefinitionParser.parse(tooShort, file: "job.yaml"); Issue.record("accepted 10s") } catch {
            #expect("\(error)".contains("retention must be at least 1m"), "\(error)")
        }
    }
}
