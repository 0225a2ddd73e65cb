@testable import Estate
import Testing

/// A behaviour's `AllowedMethods`, as CloudFront documents them: one of three sets (GET and HEAD;
/// with OPTIONS; with PUT, PATCH, POST and DELETE too); any other method is answered 403 at the
/// edge before a function or the origin sees it; `CachedMethods` (GET and HEAD, optionally
/// OPTIONS) are the ones whose responses are cached.
@Suite struct AllowedMethodsTests {
    static func cloudfront(_ estate: Estate, _ operation: String, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "cloudfront", operation: operation, parameters: parameters))
    }

    static func config(apiMethods: [String], cached: [String]? = nil) -> JSONValue {
        var allowed: [(String, JSONValue)] = [("Quantity", .int(Int64(apiMethods.count))), ("Items", .array(apiMethods.map(JSONValue.string)))]
        if let cached { allowed.append(("CachedMethods", ["Quantity": .int(Int64(cached.count)), "Items": .array(cached.map(JSONValue.string))])) }
        return [
            "CallerReference": "methods",
            "Origins": ["Quantity": 2, "Items": [
                ["Id": "site", "DomainName": "site.s3.amazonaws.com", "S3OriginConfig": ["OriginAccessIdentity": ""]],
                ["Id": "api", "DomainName": "api.example.com", "CustomOriginConfig": ["HTTPPort": 80, "HTTPSPort": 443]],
            ]],
            "DefaultCacheBehavior": ["TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https"],
            "CacheBehaviors": ["Quantity": 1, "Items": [.object([
                ("PathPattern", "/api/*"), ("TargetOriginId", "api"), ("ViewerProtocolPolicy", "https-only"),
                ("DefaultTTL", 60), ("AllowedMethods", .object(allowed)),
            ])]],
        ]
    }

    @Test func methodsOutsideTheSetAreRefusedAtTheEdge() throws {
        let estate = StackFixtures.estate()
        let all = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
        let reply = try Self.cloudfront(estate, "CreateDistribution", ["DistributionConfig": Self.config(apiMethods: all, cached: ["GET", "HEAD", "OPTIONS"])]).get()
        let id = try #require(reply["Distribution"]?["Id"]?.stringValue)
        let distribution = try #require(estate.edge.distribution(named: id))

        // The default behaviour takes only GET and HEAD.
        let post = estate.edge.serve(distribution, EdgeRequest(method: "POST", uri: "/docs/index.html"))
        #expect(post.response.status == 403)
        #expect(post.response.headers.first("X-Cache") == "Error from cloudfront")
        #expect(post.originRequest == nil && post.trace.isEmpty)
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html")).response.status == 200)

        // /api/* takes all seven; OPTIONS is cached there, POST never is.
        let posted = estate.edge.serve(distribution, EdgeRequest(method: "POST", uri: "/api/items"))
        #expect(posted.response.status != 403 && posted.originRequest != nil)
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "POST", uri: "/api/items")).cacheHit == false)
        _ = estate.edge.serve(distribution, EdgeRequest(method: "OPTIONS", uri: "/api/items"))
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "OPTIONS", uri: "/api/items")).cacheHit)

        // What was set is what GetDistribution answers.
        let got = try Self.cloudfront(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()
        let api = try #require(got["Distribution"]?["DistributionConfig"]?["CacheBehaviors"]?["Items"]?.arrayValue?.first)
        #expect(Set(api["AllowedMethods"]?["Items"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(all))
        #expect(api["AllowedMethods"]?["Quantity"] == 7)
        #expect(Set(api["AllowedMethods"]?["CachedMethods"]?["Items"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["GET", "HEAD", "OPTIONS"])
        #expect(api["ViewerProtocolPolicy"] == "https-only")
    }

    @Test func onlyCloudFrontsThreeSetsAreTaken() throws {
        let estate = StackFixtures.estate()
        let bad: [(allowed: [String], cached: [String]?)] = [
            (["GET", "POST"], nil),                 // not one of the three sets
            (["GET", "HEAD"], ["GET", "HEAD", "OPTIONS"]),  // caching a method that is not allowed
            (["GET", "HEAD", "OPTIONS"], ["GET"]),  // cached must be GET and HEAD at least
        ]
        for (allowed, cached) in bad {
            guard case let .failure(error) = Self.cloudfront(estate, "CreateDistribution",
                                                             ["DistributionConfig": Self.config(apiMethods: allowed, cached: cached)]) else {
                Issue.record("AllowedMethods \(allowed), CachedMethods \(cached ?? []) were taken")
                continue
            }
            #expect(error.code == "InvalidArgument")
            #expect(error.message.contains("/api/*"), "the message names the behaviour: \(error.message)")
        }
        #expect(estate.edge.distributions.isEmpty, "nothing was created")
    }

    /// The website stack's API behaviour allows every method, so the viewers' POSTs reach the API.
    @Test func theWebsiteStacksAPITakesPosts() throws {
        let estate = try WebsiteStackTests.defaultEstate()
        estate.advance(to: .zero + .minutes(3))
        let distribution = try #require(estate.edge.distribution(named: "website"))
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "POST", uri: "/api/items")).originRequest != nil)
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "POST", uri: "/docs/index.html")).response.status == 403)
    }
}
