@testable import Estate
import Testing

/// A behaviour's `CachePolicyId` names one of CloudFront's managed cache policies, whose TTLs and
/// cache key the Developer Guide lists: CachingOptimized keeps no query string, cookie or header
/// in the key for 1 s to a year (a day by default); CachingDisabled keeps nothing (TTLs 0).
@Suite struct ManagedCachePolicyTests {
    static let optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    static let disabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"

    static func create(_ estate: Estate, _ behavior: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "cloudfront", operation: "CreateDistribution", parameters: ["DistributionConfig": [
            "CallerReference": "policy",
            "Origins": ["Quantity": 1, "Items": [["Id": "site", "DomainName": "site.s3.amazonaws.com", "S3OriginConfig": ["OriginAccessIdentity": ""]]]],
            "DefaultCacheBehavior": behavior,
        ]]))
    }

    static func distribution(_ estate: Estate, policy: String) throws -> Distribution {
        let reply = try create(estate, ["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": .string(policy)]).get()
        let id = try #require(reply["Distribution"]?["Id"]?.stringValue)
        return try #require(estate.edge.distribution(named: id))
    }

    @Test func cachingOptimizedLeavesTheQueryStringOutOfTheKey() throws {
        let estate = StackFixtures.estate()
        // First the legacy settings with every query string in the key: two queries, two misses.
        let reply = try Self.create(estate, ["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all",
                                             "ForwardedValues": ["QueryString": true, "Cookies": ["Forward": "none"]]]).get()
        let id = try #require(reply["Distribution"]?["Id"]?.stringValue)
        let distribution = try #require(estate.edge.distribution(named: id))
        _ = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "utm=1"))
        #expect(!estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "utm=2")).cacheHit)

        // Then the policy, by update-distribution.
        var config = try #require(reply["Distribution"]?["DistributionConfig"])
        config = EdgeService.distributionConfig.pruned(config)
        let pairs = (config.objectValue ?? []).map { key, value -> (String, JSONValue) in
            key == "DefaultCacheBehavior" ? (key, ["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": .string(Self.optimized)]) : (key, value)
        }
        _ = try estate.execute(OperationRequest(service: "cloudfront", operation: "UpdateDistribution", parameters: [
            "Id": .string(distribution.id), "IfMatch": reply["ETag"] ?? "", "DistributionConfig": .object(pairs)])).get()
        let b = distribution.defaultBehavior
        #expect((b.minTTLSeconds, b.defaultTTLSeconds, b.maxTTLSeconds) == (1, 86_400, 31_536_000))
        _ = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "utm=a"))
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "utm=b")).cacheHit)

        // The answer names the policy and has no legacy settings.
        let got = try estate.execute(OperationRequest(service: "cloudfront", operation: "GetDistribution",
                                                      parameters: ["Id": .string(distribution.id)])).get()
        let answered = try #require(got["Distribution"]?["DistributionConfig"]?["DefaultCacheBehavior"])
        #expect(answered["CachePolicyId"] == .string(Self.optimized))
        #expect(answered["ForwardedValues"] == nil && answered["MinTTL"] == nil)
    }

    @Test func cachingDisabledCachesNothing() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate, policy: Self.disabled)
        _ = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html"))
        #expect(!estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html")).cacheHit)
    }

    /// Leaving a policy for the legacy settings without ForwardedValues leaves its key behind too:
    /// Amplify keeps every query string in the key, the default none.
    @Test func aPolicysKeyGoesWithThePolicy() throws {
        let estate = StackFixtures.estate()
        let distribution = try Self.distribution(estate, policy: "2e54312d-136d-493c-8eb9-b001f22f67d2")
        #expect(distribution.defaultBehavior.queryStrings == .all)
        let got = try estate.execute(OperationRequest(service: "cloudfront", operation: "GetDistribution",
                                                      parameters: ["Id": .string(distribution.id)])).get()
        let config = EdgeService.distributionConfig.pruned(try #require(got["Distribution"]?["DistributionConfig"]))
        let pairs = (config.objectValue ?? []).map { key, value -> (String, JSONValue) in
            key == "DefaultCacheBehavior" ? (key, ["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "DefaultTTL": 60]) : (key, value)
        }
        _ = try estate.execute(OperationRequest(service: "cloudfront", operation: "UpdateDistribution", parameters: [
            "Id": .string(distribution.id), "IfMatch": got["ETag"] ?? "", "DistributionConfig": .object(pairs)])).get()
        #expect(distribution.defaultBehavior.cachePolicyId == nil)
        _ = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "a=1"))
        #expect(estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html", querystring: "a=2")).cacheHit)
    }

    @Test func anUnknownPolicyOrOneWithLegacySettingsIsRefused() {
        let estate = StackFixtures.estate()
        let cases: [(JSONValue, String)] = [
            (["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": "00000000-0000-0000-0000-000000000000"], "NoSuchCachePolicy"),
            (["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": .string(Self.optimized),
              "ForwardedValues": ["QueryString": true]], "InvalidArgument"),
            (["TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": .string(Self.optimized), "MinTTL": 5], "InvalidArgument"),
        ]
        for (behavior, code) in cases {
            if case let .failure(error) = Self.create(estate, behavior) {
                #expect(error.code == code, "\(error.message)")
            } else {
                Issue.record("taken: \(behavior)")
            }
        }
        #expect(estate.edge.distributions.isEmpty)
    }

    /// The edge stack's template names CachingOptimized; its distribution follows the policy.
    @Test func theEdgeStacksDistributionUsesItsPolicy() throws {
        let estate = try EstateBuilder.build(yaml: "name: e\nwarmup: 5m\nstacks:\n  - edge\n", file: "estate.yaml")
        let distribution = try #require(estate.edge.distributions.first)
        #expect(distribution.defaultBehavior.cachePolicyId == Self.optimized)
        #expect(distribution.defaultBehavior.minTTLSeconds == 1)
    }
}
