/// One cache behaviour of a distribution: which paths it takes, where they go, how long they are
/// kept, what forms the cache key, and which functions run at each trigger.
public struct CacheBehavior: Sendable {
    /// `*` for the default behaviour; otherwise a CloudFront path pattern (`/api/*`, `*.jpg`).
    public var pathPattern: String
    public var targetOriginId: String
    public var minTTLSeconds: Int64 = 0
    public var defaultTTLSeconds: Int64 = 86_400
    public var maxTTLSeconds: Int64 = 31_536_000
    /// Headers whose values join the cache key (lowercase names).
    public var cacheKeyHeaders: [String] = []
    /// Cookies whose values join the cache key; `["*"]` means all of them.
    public var cacheKeyCookies: [String] = []
    /// Query strings in the key: none, all, or the listed names.
    public var queryStrings: QueryStringKey = .none
    public var associations: [FunctionAssociation] = []
    /// The methods CloudFront accepts on this behaviour, one of AWS's three sets; any other is
    /// answered 403 at the edge.
    public var allowedMethods: [String] = CacheBehavior.allowedMethodSets[0]
    /// The methods whose responses are cached: GET and HEAD, optionally OPTIONS.
    public var cachedMethods: [String] = CacheBehavior.cachedMethodSets[0]
    /// `allow-all`, `redirect-to-https` or `https-only`; kept and answered, not enforced (requests
    /// here carry no scheme). Behaviours from `estate.yaml` get the console's default.
    public var viewerProtocolPolicy = "redirect-to-https"
    /// The managed cache policy that set the TTLs and the cache key, if one did; otherwise they
    /// are the legacy settings (`MinTTL`… and `ForwardedValues`).
    public var cachePolicyId: String?

    /// The only `AllowedMethods` CloudFront takes, in the order it lists them.
    public static let allowedMethodSets = [["HEAD", "GET"], ["HEAD", "GET", "OPTIONS"],
                                           ["HEAD", "DELETE", "POST", "GET", "OPTIONS", "PUT", "PATCH"]]
    public static let cachedMethodSets = [["HEAD", "GET"], ["HEAD", "GET", "OPTIONS"]]
    public static let viewerProtocolPolicies = ["allow-all", "redirect-to-https", "https-only"]

    public enum QueryStringKey: Sendable, Equatable {
        case none, all
        case only([String])
    }

    public init(pathPattern: String, targetOriginId: String) {
        self.pathPattern = pathPattern
        self.targetOriginId = targetOriginId
    }

    public func association(for event: EdgeEventType) -> FunctionAssociation? {
        associations.first { $0.eventType == event }
    }

    /// CloudFront's path patterns: `*` any run of characters, `?` one character, case-sensitive.
    public func matches(_ path: String) -> Bool { Self.glob(pathPattern, path) }

    static func glob(_ pattern: String, _ text: String) -> Bool {
        // Every request is matched against each behaviour: read the bytes in place, no copies.
        var pattern = pattern, text = text
        return pattern.withUTF8 { p in text.withUTF8 { t in glob(p, t) } }
    }

    private static func glob(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// The cache key of a request under this behaviour; only what the behaviour names is in it.
    func cacheKey(_ request: EdgeRequest) -> String {
        // Appended in place: each request builds one.
        let host = request.headers.first("host") ?? ""
        var key = ""
        key.reserveCapacity(32 + host.utf8.count + request.uri.utf8.count + request.querystring.utf8.count)
        key += request.method == "HEAD" ? "GET" : request.method
        key += " "; key += host; key += request.uri
        switch queryStrings {
        case .none: break
        case .all: key += "?"; key += request.querystring
        case let .only(names):
            let kept = request.queryParameters.filter { names.contains($0.name) }.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            key += "?" + kept.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        }
        for name in cacheKeyHeaders {
            key += "|"; key += name; key += "="
            for (n, entry) in (request.headers.fields[EdgeHeaders.lowercase(name)] ?? []).enumerated() {
                if n > 0 { key += "," }
                key += entry.value
            }
        }
        if !cacheKeyCookies.isEmpty {
            let cookies = request.headers.cookies
            let names = cacheKeyCookies == ["*"] ? cookies.keys.sorted() : cacheKeyCookies
            for name in names { key += "|c:\(name)=\(cookies[name] ?? "")" }
        }
        return key
    }

    /// How long a response may be served from cache: the origin's `max-age` clamped to
    /// [min, max], else the default TTL; `no-store`/`private` at min TTL.
    func ttlSeconds(for response: EdgeResponse) -> Int64 {
        guard let entries = response.headers.fields["cache-control"] else { return defaultTTLSeconds }
        if let policy = CacheControlPolicy(asciiValues: entries) {
            switch policy {
            case .minimum: return minTTLSeconds
            case let .maxAge(age): return min(maxTTLSeconds, max(minTTLSeconds, age))
            case .unstated: return defaultTTLSeconds
            }
        }
        return ttlSecondsOfAnyText(entries.map(\.value))
    }

    /// The same reading for values beyond ASCII, where lowercasing and matching go by characters.
    private func ttlSecondsOfAnyText(_ values: [String]) -> Int64 {
        let control = values.joined(separator: ",").lowercased()
        if control.contains("no-store") || control.contains("private") || control.contains("no-cache") { return minTTLSeconds }
        for directive in control.split(separator: ",") {
            let d = directive.trimmingCharacters(in: " ")
            for prefix in ["s-maxage=", "max-age="] where d.hasPrefix(prefix) {
                if let age = Int64(d.dropFirst(prefix.count)) { return min(maxTTLSeconds, max(minTTLSeconds, age)) }
            }
        }
        return defaultTTLSeconds
    }
}

/// A function attached to a behaviour at one trigger: a numbered version of a Lambda function, or
/// a CloudFront Function.
public struct FunctionAssociation: Sendable, Equatable {
    public var eventType: EdgeEventType
    public var functionName: String
    /// The published version number; CloudFront Functions have none.
    public var version: Int?
    public var isCloudFrontFunction: Bool { version == nil }

    public init(eventType: EdgeEventType, functionName: String, version: Int?) {
        self.eventType = eventType
        self.functionName = functionName
        self.version = version
    }
}
