@testable import Estate
import Testing

/// Each query kind of the `_search` body over four hand-written documents.
@Suite struct SearchQueryTests {
    static func estate() -> Estate {
        let estate = Estate(name: "search-test", seed: 3)
        estate.search.index("shop", documents: [
            ("1", ["user": "u1", "page": "/cart", "title": "Red shoes on sale", "price": 30, "ts": "2026-01-01T00:00:10Z"]),
            ("2", ["user": "u2", "page": "/search", "title": "blue shoes", "price": 60, "ts": "2026-01-01T00:00:50Z"]),
            ("3", ["user": "u1", "page": "/blog/1", "title": "How to clean red wine", "price": 5, "ts": "2026-01-01T00:02:10Z"]),
            ("4", ["user": "u3", "page": "/cart", "title": "green hat", "price": 20.5, "ts": "2026-01-01T00:02:20Z"]),
        ], at: .zero)
        return estate
    }

    static func ids(_ estate: Estate, _ body: String) throws -> [String] {
        let response = try estate.ok("search shop '\(body)'")
        return response["hits"]?["hits"]?.arrayValue?.compactMap { $0["_id"]?.stringValue } ?? []
    }

    @Test func matchIsFullTextOverTheField() throws {
        let estate = Self.estate()
        #expect(Set(try Self.ids(estate, #"{"query":{"match":{"title":"red"}}}"#)) == ["1", "3"])
        #expect(Set(try Self.ids(estate, #"{"query":{"match":{"title":"SHOES"}}}"#)) == ["1", "2"])
        // OR by default; "and" needs every word.
        #expect(Set(try Self.ids(estate, #"{"query":{"match":{"title":"red hat"}}}"#)) == ["1", "3", "4"])
        #expect(try Self.ids(estate, #"{"query":{"match":{"title":{"query":"red shoes","operator":"and"}}}}"#) == ["1"])
        // A document matching more of the words ranks first.
        #expect(try Self.ids(estate, #"{"query":{"match":{"title":"red shoes"}}}"#).first == "1")
    }

    /// Dates are detected as dates, as OpenSearch's dynamic mapping does: a range or a term finds
    /// them, full text does not (they are not analysed into words).
    @Test func datesAreNotFullText() throws {
        let estate = Self.estate()
        #expect(try Self.ids(estate, #"{"query":{"match":{"ts":"2026"}}}"#) == [])
        #expect(try Self.ids(estate, #"{"query":{"term":{"ts":"2026-01-01T00:00:50Z"}}}"#) == ["2"])
    }

    @Test func termIsAnExactValue() throws {
        let estate = Self.estate()
        #expect(try Self.ids(estate, #"{"query":{"term":{"page":"/cart"}}}"#) == ["1", "4"])
        #expect(try Self.ids(estate, #"{"query":{"term":{"page":"cart"}}}"#) == [])
        #expect(try Self.ids(estate, #"{"query":{"term":{"price":{"value":60}}}}"#) == ["2"])
    }

    @Test func rangeOverNumbersAndDates() throws {
        let estate = Self.estate()
        #expect(try Self.ids(estate, #"{"query":{"range":{"price":{"gte":20,"lte":60}}}}"#) == ["1", "2", "4"])
        #expect(try Self.ids(estate, #"{"query":{"range":{"price":{"gt":20.5,"lt":60}}}}"#) == ["1"])
        #expect(try Self.ids(estate, #"{"query":{"range":{"ts":{"gte":"2026-01-01T00:01:00Z"}}}}"#) == ["3", "4"])
    }

    @Test func boolCombinesMustFilterShouldAndMustNot() throws {
        let estate = Self.estate()
        #expect(try Self.ids(estate, #"{"query":{"bool":{"must":[{"match":{"title":"shoes"}}],"filter":[{"range":{"price":{"lt":50}}}]}}}"#) == ["1"])
        #expect(try Self.ids(estate, #"{"query":{"bool":{"must_not":[{"term":{"user":"u1"}}]}}}"#) == ["2", "4"])
        #expect(Set(try Self.ids(estate, #"{"query":{"bool":{"should":[{"term":{"user":"u3"}},{"match":{"title":"wine"}}]}}}"#)) == ["3", "4"])
        #expect(try Self.ids(estate, #"{"query":{"bool":{"filter":{"term":{"page":"/cart"}},"should":[{"match":{"title":"hat"}}]}}}"#) == ["4", "1"])
    }

    @Test func sortSizeAndFromPage() throws {
        let estate = Self.estate()
        #expect(try Self.ids(estate, #"{"sort":[{"price":{"order":"desc"}}],"size":2}"#) == ["2", "1"])
        #expect(try Self.ids(estate, #"{"sort":[{"price":"desc"}],"from":1,"size":2}"#) == ["1", "4"])
        #expect(try Self.ids(estate, #"{"sort":["user",{"price":"asc"}]}"#) == ["3", "1", "2", "4"])
        let response = try estate.ok(#"search shop '{"query":{"match_all":{}},"size":1}'"#)
        #expect(response["hits"]?["total"]?["value"] == 4)
        #expect(response["hits"]?["hits"]?.arrayValue?.count == 1)
    }

    @Test func dateHistogramBucketsByEpochMillisecondsWithEmptyBucketsFilled() throws {
        let estate = Self.estate()
        let response = try estate.ok(#"search shop '{"size":0,"aggs":{"per_minute":{"date_histogram":{"field":"ts","fixed_interval":"1m"}}}}'"#)
        let epoch: Int64 = 1_767_225_600_000
        #expect(response["aggregations"]?["per_minute"]?["buckets"] == [
            ["key_as_string": "2026-01-01T00:00:00.000Z", "key": .int(epoch), "doc_count": 2],
            ["key_as_string": "2026-01-01T00:01:00.000Z", "key": .int(epoch + 60_000), "doc_count": 0],
            ["key_as_string": "2026-01-01T00:02:00.000Z", "key": .int(epoch + 120_000), "doc_count": 2],
        ])
        // Over the matching documents only.
        let filtered = try estate.ok(#"search shop '{"query":{"term":{"user":"u1"}},"aggs":{"m":{"date_histogram":{"field":"ts","calendar_interval":"minute"}}}}'"#)
        #expect(filtered["aggregations"]?["m"]?["buckets"]?.arrayValue?.map { $0["doc_count"]! } == [1, 0, 1])
    }

    @Test func responseHasTheSearchShapeAndSourcesAsIndexed() throws {
        let estate = Self.estate()
        let response = try estate.ok(#"search shop '{"query":{"term":{"user":"u2"}}}'"#)
        #expect(response["hits"]?["total"] == ["value": 1, "relation": "eq"])
        let hit = try #require(response["hits"]?["hits"]?.arrayValue?.first)
        #expect(hit["_index"] == "shop")
        #expect(hit["_source"] == ["user": "u2", "page": "/search", "title": "blue shoes", "price": 60, "ts": "2026-01-01T00:00:50Z"])
    }

    @Test func badQueriesAndMissingIndicesAreErrors() throws {
        let estate = Self.estate()
        #expect(estate.errorCode("search nope '{}'") == "index_not_found_exception")
        #expect(estate.errorCode(#"search shop '{"query":{"fuzzy":{"title":"x"}}}'"#) == "parsing_exception")
        #expect(estate.errorCode(#"search shop '{"query":{"range":{"price":{"near":3}}}}'"#) == "parsing_exception")
        #expect(estate.errorCode("search shop '{not json'") == "ParamValidation")
        // The message says what is wrong with the JSON and where, not how the parser spells its error.
        if case let .failure(error) = estate.run("search shop '{not json'") {
            #expect(error.message.hasPrefix("Invalid search body: expected a quoted key at offset 1"), "\(error.message)")
        }
    }

    @Test func reindexingAnIdReplacesTheDocument() throws {
        let estate = Self.estate()
        estate.search.index("shop", documents: [("2", ["user": "u2", "title": "blue boots", "price": 70])], at: .zero + .seconds(5))
        #expect(estate.search.index(named: "shop")?.documentCount == 4)
        #expect(try Self.ids(estate, #"{"query":{"match":{"title":"shoes"}}}"#) == ["1"])
        #expect(estate.search.newestHits(index: "shop", count: 1).map(\.id) == ["2"])
        #expect(estate.search.ingestionHistogram(index: "shop", interval: .seconds(1)).map { "\($0.start.milliseconds):\($0.count)" } == ["0:3", "5000:1"])
    }
}
