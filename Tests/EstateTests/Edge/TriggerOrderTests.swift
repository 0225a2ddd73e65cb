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
        #expect(out["Invalidation"]?["Status"] == "Completed")
        #expect(out["Invalidation"]?["InvalidationBatch"]?["Paths"]?["Items"] == ["/docs/*"])
        #expect(EdgeFixtures.request(estate, "GET /docs/index.html")["Cache"] == "Miss")
    }

    @Test func theStaticSiteAnswers404ForMissingFilesAndErrorsSkipViewerResponse() throws {
        let estate = try Self.estate()
        let reply = EdgeFixtures.request(estate, "GET /docs/nope.html")
        #expect(EdgeFixtures.status(reply) == "404")
        // Origin-response still runs on an origin error; viewer-response does not.
        #expect(EdgeFixtures.trace(reply) == ["viewer-request:vr", "origin-request:or", "origin-response:ores"])
    }
}
