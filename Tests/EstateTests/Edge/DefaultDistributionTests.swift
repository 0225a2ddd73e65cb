@testable import Estate
import Testing

/// The built-in estate's distribution and its four classic uses: a rewrite for the origin, a
/// health check answered at the edge, a session gate, device detection and security headers.
@Suite struct DefaultDistributionTests {
    static let iPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    static let iPad = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
    static let desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0"

    @Test func theDistributionHasACloudFrontDomainAndId() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let d = try #require(estate.edge.distribution(named: "website"))
        #expect(d.id.hasPrefix("E") && d.id.count == 14 && d.id.allSatisfy { $0.isUppercase || $0.isNumber })
        #expect(d.domainName.hasPrefix("d") && d.domainName.hasSuffix(".cloudfront.net") && d.domainName.count == 14 + ".cloudfront.net".count)
    }

    @Test func docsIsRewrittenForTheOriginOnly() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let reply = EdgeFixtures.request(estate, "GET /docs")
        #expect(reply["OriginRequest"]?["uri"] == "/docs/index.html")
        #expect(EdgeFixtures.status(reply) == "200")
        #expect(EdgeFixtures.trace(reply).contains("origin-request:docs-index"))
        // Without the rewrite the site has no object /docs.
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /docs-nothing")) == "404")
    }

    @Test func healthzIsAnsweredAtTheEdge() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let reply = EdgeFixtures.request(estate, "GET /healthz")
        #expect(EdgeFixtures.status(reply) == "200")
        #expect(reply["OriginRequest"] == .null)
        #expect(EdgeFixtures.header(reply, "x-cache") == "LambdaGeneratedResponse from cloudfront")
        #expect(reply["Response"]?["body"] == "{\"status\":\"ok\"}")
    }

    @Test func accountPagesNeedAValidSession() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        // Missing.
        var reply = EdgeFixtures.request(estate, "GET /account/orders")
        #expect(EdgeFixtures.status(reply) == "302")
        #expect(EdgeFixtures.header(reply, "location") == "/login")
        #expect(reply["OriginRequest"] == .null)
        // Valid.
        let cookie = try #require(Fixtures.run(estate, "edge sign-session --user alice --ttl 10m")[0]["Cookie"]?.stringValue)
        reply = EdgeFixtures.request(estate, "GET /account/orders --header 'Cookie: \(cookie)'")
        #expect(EdgeFixtures.status(reply) == "200")
        #expect(reply["OriginRequest"]?["uri"] == "/account/orders")
        // Forged: same user and expiry, different signature.
        let forged = String(cookie.dropLast(6)) + "abcdef"
        reply = EdgeFixtures.request(estate, "GET /account/orders --header 'Cookie: \(forged)'")
        #expect(EdgeFixtures.status(reply) == "302")
        #expect(reply["OriginRequest"] == .null)
        // A longer expiry under the old signature is forged too.
        let parts = cookie.dropFirst("session=".count).split(separator: ".")
        let extended = "session=\(parts[0]).\(Int(parts[1])! + 86_400).\(parts[2])"
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /account/orders --header 'Cookie: \(extended)'")) == "302")
        // Expired on the virtual clock.
        estate.advance(by: .minutes(11))
        reply = EdgeFixtures.request(estate, "GET /account/orders --header 'Cookie: \(cookie)'")
        #expect(EdgeFixtures.status(reply) == "302")
        #expect(reply["OriginRequest"] == .null)
    }

    @Test(arguments: [(iPhone, "mobile"), (iPad, "tablet"), (desktop, "desktop")])
    func deviceTypeComesFromTheUserAgent(agent: String, expected: String) throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let reply = EdgeFixtures.request(estate, "GET /blog/index.html --header 'User-Agent: \(agent)'")
        #expect(reply["OriginRequest"]?["headers"]?["x-device-type"]?.arrayValue?.first?["value"]?.stringValue == expected)
    }

    @Test func securityHeadersAreAddedToEveryReply() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        for path in ["/index.html", "/api/items?id=1", "/docs"] {
            let reply = EdgeFixtures.request(estate, "GET \(path)")
            guard EdgeFixtures.status(reply) == "200" else { continue }
            #expect(EdgeFixtures.header(reply, "strict-transport-security")?.hasPrefix("max-age=") == true, "\(path)")
            #expect(EdgeFixtures.header(reply, "x-content-type-options") == "nosniff", "\(path)")
        }
    }

    @Test func withoutNodeTheRuleFallbackIsAttached() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate(runner: NoRuntimes())
        let d = try #require(estate.edge.distribution(named: "website"))
        #expect(d.behavior(for: "/account/orders").association(for: .viewerResponse)?.functionName == "security-headers")
        let withNode = try EdgeFixtures.defaultEdgeEstate(runner: ScriptedRunner { _ in .result("{}", coldStart: false) })
        #expect(withNode.edge.distribution(named: "website")?.behavior(for: "/account/orders").association(for: .viewerResponse)?.functionName == "security-headers-js")
    }
}
