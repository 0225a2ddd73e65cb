/// CloudFront's managed cache policies that a behaviour names by `CachePolicyId`: their TTLs and
/// what forms the cache key, as the CloudFront Developer Guide lists them ("Use managed cache
/// policies"). Custom cache policies (`create-cache-policy`) are not simulated.
public struct ManagedCachePolicy: Sendable {
    public let id: String
    public let name: String
    public let minTTLSeconds: Int64
    public let defaultTTLSeconds: Int64
    public let maxTTLSeconds: Int64
    /// Header names in the key, lowercase.
    public let headers: [String]
    /// `["*"]` for every cookie, as `CacheBehavior.cacheKeyCookies` reads it.
    public let cookies: [String]
    public let queryStrings: CacheBehavior.QueryStringKey

    public static let all: [ManagedCachePolicy] = [
        ManagedCachePolicy(id: "2e54312d-136d-493c-8eb9-b001f22f67d2", name: "Amplify", minTTLSeconds: 2, defaultTTLSeconds: 2,
                           maxTTLSeconds: 600, headers: ["authorization", "cloudfront-viewer-country", "host"], cookies: ["*"],
                           queryStrings: .all),
        ManagedCachePolicy(id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", name: "CachingDisabled", minTTLSeconds: 0, defaultTTLSeconds: 0,
                           maxTTLSeconds: 0, headers: [], cookies: [], queryStrings: .none),
        ManagedCachePolicy(id: "658327ea-f89d-4fab-a63d-7e88639e58f6", name: "CachingOptimized", minTTLSeconds: 1,
                           defaultTTLSeconds: 86_400, maxTTLSeconds: 31_536_000, headers: [], cookies: [], queryStrings: .none),
        ManagedCachePolicy(id: "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", name: "CachingOptimizedForUncompressedObjects", minTTLSeconds: 1,
                           defaultTTLSeconds: 86_400, maxTTLSeconds: 31_536_000, headers: [], cookies: [], queryStrings: .none),
    ]

    public static func named(id: String) -> ManagedCachePolicy? { all.first { $0.id == id } }

    /// The behaviour with this policy's TTLs and cache key.
    func apply(to behavior: inout CacheBehavior) {
        behavior.cachePolicyId = id
        behavior.minTTLSeconds = minTTLSeconds
        behavior.defaultTTLSeconds = defaultTTLSeconds
        behavior.maxTTLSeconds = maxTTLSeconds
        behavior.cacheKeyHeaders = headers
        behavior.cacheKeyCookies = cookies
        behavior.queryStrings = queryStrings
    }
}
