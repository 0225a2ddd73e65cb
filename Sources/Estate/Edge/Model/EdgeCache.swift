import Collections

/// One edge location's cache for a distribution, in virtual time.
///
/// Entries expire when their TTL has passed on the simulation clock; an invalidation drops the
/// entries whose path matches. The number of entries is bounded: the oldest stored goes first.
public struct EdgeCache: Sendable {
    struct Entry: Sendable {
        var response: EdgeResponse
        var uri: String
        var storedAt: SimInstant
        var ttlMilliseconds: Int64
    }

    public static let capacityEntries = 20_000
    private var entries: OrderedDictionary<String, Entry> = [:]
    public private(set) var hits = 0
    public private(set) var misses = 0
    public private(set) var expiries = 0

    public init() {}

    public var count: Int { entries.count }

    /// The cached response and its age in seconds, or nil on a miss (counting an expiry when the
    /// entry was there but too old).
    mutating func lookup(_ key: String, now: SimInstant) -> (EdgeResponse, ageSeconds: Int64)? {
        guard let entry = entries[key] else { misses += 1; return nil }
        let age = now.milliseconds - entry.storedAt.milliseconds
        guard age < entry.ttlMilliseconds else {
            entries.removeValue(forKey: key)
            expiries += 1
            misses += 1
            return nil
        }
        hits += 1
        return (entry.response, age / 1000)
    }

    mutating func store(_ key: String, uri: String, response: EdgeResponse, ttlSeconds: Int64, now: SimInstant) {
        guard ttlSeconds > 0 else { return }
        entries.removeValue(forKey: key)
        entries[key] = Entry(response: response, uri: uri, storedAt: now, ttlMilliseconds: ttlSeconds * 1000)
        if entries.count > Self.capacityEntries { entries.removeFirst() }
    }

    /// Drops entries whose path matches one of the invalidation paths (`/docs/*`, `/index.html`).
    @discardableResult
    mutating func invalidate(paths: [String]) -> Int {
        let before = entries.count
        entries.removeAll { _, entry in paths.contains { CacheBehavior.glob($0, entry.uri) } }
        return before - entries.count
    }
}
