@testable import Estate
import Testing

/// Which triggers run, in which order, on a miss and on a hit; the cache in virtual time.
@Suite struct TriggerOrderTests {
    static func marker(_ name: String, _ header: String) -> String {
        "name: \(name)\nrules:\n  - then:\n      - set-header: { name: \(header), value: \"yes\" }\n"
    }
    static let files = [
        "vr.yaml": marker("vr", "x-vr"), "or.yaml": marker("or", "x-or"),
        "ores.yaml": marker("ores", "x-ores"), "vres.yaml": marker("vres", "x-vres"),
    ]
    static func estate() throws -> Estate {
        try EdgeFixtures.singleBehaviour(["viewer-request": "vr", "origin-request": "or", "origin-response": "ores", "viewer-response": "vres"],
                                         files: files)
    }

    @Test func aMissRunsAllFourTriggersInCloudFrontOrder() throws {
        let estate = try Self.estate()
        let reply = EdgeFixtures.request(estate, "GET /docs/index.html")
        #expect(EdgeFixtures.trace(reply) == ["viewer-request:vr", "origin-request:or", "origin-response:ores", "viewer-response:vres"])
        #expect(reply["Cache"] == "Miss")
        #expect(EdgeFixtures.header(reply, "x-cache") == "Miss from cloudfront")
        // The origin saw what the request triggers added, and the viewer what the response triggers added.
        #expect(reply["OriginRequest"]?["headers"]?["x-vr"] != nil)
        #expect(reply["OriginRequest"]?["headers"]?["x-or"] != nil)
        #expect(EdgeFixtures.header(reply, "x-ores") == "yes")
        #expect(EdgeFixtures.header(reply, "x-vres") == "yes")
        #expect(EdgeFixtures.status(reply) == "200")
        #expect(EdgeFixtures.header(reply, "via")?.hasSuffix(".cloudfront.net (CloudFront)") == true)
        #expect(EdgeFixtures.header(reply, "x-amz-cf-pop") != nil)
        #expect(EdgeFixtures.header(reply, "age") == nil)
    }

    @Test func aHitSkipsTheOriginTriggersAndCarriesAge() throws {
        let estate = try Self.estate()
        _ = EdgeFixtures.request(estate, "GET /docs/index.html")
        estate.advance(by: .seconds(7))
        let reply = EdgeFixtures.request(estate, "GET /docs/index.html")
        #expect(EdgeFixtures.trace(reply) == ["viewer-request:vr", "viewer-response:vres"])
        #expect(reply["Cache"] == "Hit")
        #expect(reply["OriginRequest"] == .null)
        #expect(EdgeFixtures.header(reply, "x-cache") == "Hit from cloudfront")
        #expect(EdgeFixtures.header(reply, "age") == "7")
        // The origin-response change was cached with the object.
        #expect(EdgeFixtures.header(reply, "x-ores") == "yes")
    }

    @Test func cachedObjectsExpireOnTheVirtualClock() throws {
        let estate = try Self.estate()  // default TTL 60 s, and the site sends no Cache-Control
        _ = EdgeFixtures.request(estate, "GET /index.html")
        estate.advance(by: .seconds(59))
        #expect(EdgeFixtures.request(estate, "GET /index.html")["Cache"] == "Hit")
        estate.advance(by: .seconds(2))
        let reply = EdgeFixtures.request(estate, "GET /index.html")
        #expect(reply["Cache"] == "Miss")
        #expect(EdgeFixtures.trace(reply).contains("origin-request:or"))
    }

    @Test func anInvalidationDropsCachedObjects() throws {
        let estate = try Self.estate()
        _ = EdgeFixtures.request(estate, "GET /docs/index.html")
        let id = estate.edge.distributions[0].id
        let out = Fixtures.run(estate, "cloudfront create-invalidation --distribution-id \(id) --paths /docs/*")[0]
        // AWS answers a new invalidation InProgress; the estate's one edge location has already
        // dropped the objects.
        #expect(out["Invalidation"]?["Status"] == "InProgress")
        #expect(out["Invalidation"]?["InvalidationBatch"]?["Paths"]?["Items"] == ["/docs/*"])
        #expect(EdgeFixtures.request(estate, "GET /docs/index.html")["Cache"] == "Miss")
    }

    @Test func anInvalidationCompletesAMinuteLaterAndIsListedNewestFirst() throws {
        let estate = try Self.estate()
        let id = estate.edge.distributions[0].id
        let first = Fixtures.run(estate, "cloudfront create-invalidation --distribution-id \(id) --paths /docs/*")[0]
        let firstID = try #require(first["Invalidation"]?["Id"]?.stringValue)
        estate.advance(by: .seconds(30))
        let second = Fixtures.run(estate, "cloudfront create-invalidation --distribution-id \(id) --paths /index.html")[0]
        let secondID = try #require(second["Invalidation"]?["Id"]?.stringValue)
        func status(_ invalidation: String) -> JSONValue? {
            Fixtures.run(estate, "cloudfront get-invalidation --distribution-id \(id) --id \(invalidation)")[0]["Invalidation"]?["Status"]
        }
        func inProgress() -> JSONValue? {
            Fixtures.run(estate, "cloudfront get-distribution --id \(id)")[0]["Distribution"]?["InProgressInvalidationBatches"]
        }
        #expect(status(firstID) == "InProgress" && inProgress() == 2)
        estate.advance(by: .seconds(30))
        #expect(status(firstID) == "Completed" && status(secondID) == "InProgress" && inProgress() == 1)
        estate.advance(by: .seconds(30))
        #expect(status(secondID) == "Completed" && inProgress() == 0)

        let page = Fixtures.run(estate, "cloudfront list-invalidations --distribution-id \(id) --max-items 1")[0]["InvalidationList"]
        #expect(page?["Items"]?[0]?["Id"]?.stringValue == secondID && page?["IsTruncated"] == true)
        let rest = Fixtures.run(estate, "cloudfront list-invalidations --distribution-id \(id) --marker \(secondID)")[0]["InvalidationList"]
        #expect(rest?["Items"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } == [firstID])
        #expect(Fixtures.run(estate, "cloudfront get-invalidation --distribution-id \(id) --id INOPE")[0].errorCode == "NoSuchInvalidation")
        #expect(Fixtures.run(estate, "cloudfront list-invalidations --distribution-id ENOPE")[0].errorCode == "NoSuchDistribution")
    }

    @Test func theStaticSiteAnswers404ForMissingFilesAndErrorsSkipViewerResponse() throws {
        let estate = try Self.estate()
        let reply = EdgeFixtures.request(estate, "GET /docs/nope.html")
        #expect(EdgeFixtures.status(reply) == "404")
        // Origin-response still runs on an origin error; viewer-response does not.
        #expect(EdgeFixtures.trace(reply) == ["viewer-request:vr", "origin-request:or", "origin-response:ores"])
    }
}
