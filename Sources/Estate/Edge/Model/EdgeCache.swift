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
        /// The store's number, matched against `storeOrder` when evicting.
        var serial: UInt64
    }

    public static let capacityEntries = 20_000
    /// Entries by cache key. A plain dictionary: an ordered one removes in O(n), and every expiry
    /// and every re-store removes.
    private var entries: [String: Entry] = [:]
    /// Keys in the order they were stored, with the store's number, for evicting the oldest; a key
    /// stored again or removed leaves a stale pair here that eviction skips. The live number is
    /// the entry's own, so a store or removal hashes its key once.
    private var storeOrder: Deque<(key: String, serial: UInt64)> = []
    private var nextSerial: UInt64 = 0
    public private(set) var hits = 0
    public private(set) var misses = 0
    public private(set) var expiries = 0

    public init() {}

    public var count: Int { entries.count }

    /// The cached response and its age in seconds, or nil on a miss (counting an expiry when the
    /// entry was there but too old).
    mutating func lookup(_ key: String, now: SimInstant) -> (EdgeResponse, ageSeconds: Int64)? {
        // Found by index, so an expired entry goes without hashing its key again.
        guard let index = entries.index(forKey: key) else { misses += 1; return nil }
        let entry = entries.values[index]
        let age = now.milliseconds - entry.storedAt.milliseconds
        guard age < entry.ttlMilliseconds else {
            entries.remove(at: index)
            expiries += 1
            misses += 1
            return nil
        }
        hits += 1
        return (entry.response, age / 1000)
    }

    mutating func store(_ key: String, uri: String, response: EdgeResponse, ttlSeconds: Int64, now: SimInstant) {
        guard ttlSeconds > 0 else { return }
        nextSerial += 1
        entries[key] = Entry(response: response, uri: uri, storedAt: now, ttlMilliseconds: ttlSeconds * 1000, serial: nextSerial)
        storeOrder.append((key, nextSerial))
        while entries.count > Self.capacityEntries, let oldest = storeOrder.popFirst() {
            if entries[oldest.key]?.serial == oldest.serial { remove(oldest.key) }
        }
        // Stale pairs would otherwise pile up when the same keys are stored again and again.
        if storeOrder.count > 2 * max(entries.count, 1024) { storeOrder.removeAll { entries[$0.key]?.serial != $0.serial } }
    }

    private mutating func remove(_ key: String) {
        entries.removeValue(forKey: key)
    }

    /// Drops entries whose path matches one of the invalidation paths (`/docs/*`, `/index.html`).
    @discardableResult
    mutating func invalidate(paths: [String]) -> Int {
        let doomed = entries.filter { _, entry in paths.contains { CacheBehavior.glob($0, entry.uri) } }.keys
        for key in doomed { remove(key) }
        return doomed.count
    }
}
