@testable import Estate
import Testing

/// A behaviour's `ViewerProtocolPolicy`, as CloudFront documents it: `allow-all` takes HTTP and
/// HTTPS; `redirect-to-https` answers an HTTP GET or HEAD with 301 and the HTTPS URL, and an HTTP
/// DELETE, OPTIONS, PATCH, POST or PUT with 403 (CloudFront does not redirect those); `https-only`
/// answers every HTTP request with 403. Nothing behind the edge runs for a refused or redirected
/// request.
@Suite struct ViewerProtocolPolicyTests {
    static let allMethods: JSONValue = ["Quantity": 7, "Items": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]]

    static func behaviour(_ pattern: String, _ policy: String, methods: JSONValue? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("PathPattern", .string(pattern)), ("TargetOriginId", "site"), ("ViewerProtocolPolicy", .string(policy))]
        if let methods { pairs.append(("AllowedMethods", methods)) }
        return .object(pairs)
    }

    /// A distribution whose default behaviour redirects, with /api/* redirecting all seven methods,
    /// /secure/* taking HTTPS only and /open/* taking both.
    static func distribution(_ estate: Estate) throws -> Distribution {
        let config: JSONValue = [
            "CallerReference": "protocols",
            "Origins": ["Quantity": 1, "Items": [["Id": "site", "DomainName": "api.example.com", "CustomOriginConfig": ["HTTPPort": 80, "HTTPSPort": 443]]]],
            "DefaultCacheBehavior": ["TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https"],
            "CacheBehaviors": ["Quantity": 3, "Items": [
                behaviour("/api/*", "redirect-to-https", methods: allMethods),
                behaviour("/secure/*", "https-only"),
                behaviour("/open/*", "allow-all"),
            ]],
        ]
        let reply = try AllowedMethodsTests.cloudfront(estate, "CreateDistribution", ["DistributionConfig": config]).get()
        let id = try #require(reply["Distribution"]?["Id"]?.stringValue)
        return try #require(estate.edge.distribution(named: id))
    }

    static func request(_ method: String, _ uri: String, query: String = "", over viewerProtocol: String) -> EdgeRequest {
        var request = EdgeRequest(method: method, uri: uri, querystring: query)
        request.viewerProtocol = viewerProtocol
        return request
    }

    @Test func redirectToHTTPSSendsGETAndHEADToTheHTTPSURL() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate)
        for method in ["GET", "HEAD"] {
            let redirected = estate.edge.serve(distribution, Self.request(method, "/docs/index.html", query: "lang=en", over: "http"))
            #expect(redirected.response.status == 301)
            #expect(redirected.response.headers.first("Location") == "https://\(distribution.domainName)/docs/index.html?lang=en")
            #expect(redirected.response.headers.first("X-Cache") == "Redirect from cloudfront")
            #expect(redirected.resultType == "Redirect")
            #expect(redirected.originRequest == nil && redirected.trace.isEmpty)
        }
        // The same request over HTTPS goes through.
        let secure = estate.edge.serve(distribution, Self.request("GET", "/docs/index.html", over: "https"))
        #expect(secure.response.status == 200 && secure.originRequest != nil)
    }

    @Test func redirectToHTTPSRefusesTheMethodsItDoesNotRedirect() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate)
        for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
            let refused = estate.edge.serve(distribution, Self.request(method, "/api/items", over: "http"))
            #expect(refused.response.status == 403, "\(method)")
            #expect(refused.response.headers.first("Location") == nil)
            #expect(refused.originRequest == nil, "\(method)")
            // Over HTTPS the behaviour takes them all.
            #expect(estate.edge.serve(distribution, Self.request(method, "/api/items", over: "https")).originRequest != nil, "\(method)")
        }
        #expect(estate.edge.serve(distribution, Self.request("GET", "/api/items", over: "http")).response.status == 301)
    }

    @Test func httpsOnlyRefusesHTTPAndAllowAllTakesIt() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate)
        let refused = estate.edge.serve(distribution, Self.request("GET", "/secure/report", over: "http"))
        #expect(refused.response.status == 403)
        #expect(refused.response.headers.first("X-Cache") == "Error from cloudfront")
        #expect(refused.originRequest == nil)
        #expect(estate.edge.serve(distribution, Self.request("GET", "/secure/report", over: "https")).originRequest != nil)

        let open = estate.edge.serve(distribution, Self.request("GET", "/open/page", over: "http"))
        #expect(open.response.status == 200 && open.originRequest != nil)
        // Refusals and redirects are requests the distribution served: its metrics count them.
        #expect(distribution.metrics.requests == 3)
    }

    @Test func thePaletteSendsARequestOverEitherProtocol() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate)
        let name = distribution.name
        let redirected = EdgeFixtures.request(estate, "GET /docs/a.html --distribution \(name) --protocol http --header 'Host: www.example.com'")
        #expect(EdgeFixtures.status(redirected) == "301")
        #expect(EdgeFixtures.header(redirected, "location") == "https://www.example.com/docs/a.html")
        // HTTPS unless told otherwise.
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /docs/a.html --distribution \(name)")) == "200")
        let before = distribution.metrics.requests
        let bad = Fixtures.run(estate, "edge request GET / --distribution \(name) --protocol ftp")[0]
        #expect(bad.errorCode == "ParamValidation")
        #expect(bad.serialized().contains("ftp"))
        #expect(distribution.metrics.requests == before)
    }
}
