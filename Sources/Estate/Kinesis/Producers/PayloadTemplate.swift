/// What a producer writes: realistic JSON records drawn from the producer's seeded generator.
public enum PayloadTemplate: String, Sendable, CaseIterable {
    /// Web analytics events; the partition key is the user.
    case clickstream
    /// Shop orders; the partition key is the customer.
    case orders

    /// The partition key of key number `index`.
    func partitionKey(_ index: Int) -> String {
        switch self {
        case .clickstream: return "user-\(index)"
        case .orders: return "customer-\(index)"
        }
    }

    static let eventTypes = ["page_view", "page_view", "page_view", "click", "click", "search", "add_to_cart", "checkout"]
    static let pages = ["/", "/products", "/products/", "/cart", "/search", "/account", "/checkout", "/blog/"]
    static let referrers = ["direct", "google.com", "bing.com", "twitter.com", "news.ycombinator.com", "newsletter", "reddit.com"]
    static let skus = ["SKU-1001", "SKU-1042", "SKU-2210", "SKU-3307", "SKU-4821", "SKU-5150", "SKU-7777", "SKU-9001"]
    static let prices = [4.99, 9.99, 12.50, 19.99, 24.00, 49.95, 89.00, 199.00]

    /// One record's JSON text for `key` at `time`.
    func payload(key: String, at time: SimInstant, using random: inout SeededRandom) -> String {
        let ts = SimCalendar.iso8601(time)
        switch self {
        case .clickstream:
            let event = Self.eventTypes[random.int(in: 0...(Self.eventTypes.count - 1))]
            var page = Self.pages[random.int(in: 0...(Self.pages.count - 1))]
            if page.hasSuffix("s/") || page.hasSuffix("g/") { page += String(random.int(in: 100...999)) }
            let referrer = Self.referrers[random.int(in: 0...(Self.referrers.count - 1))]
            return #"{"event_id":"\#(random.hex(16))","user_id":"\#(key)","session_id":"s-\#(random.hex(8))","event_type":"\#(event)","page":"\#(page)","referrer":"\#(referrer)","ts":"\#(ts)"}"#
        case .orders:
            var items: [String] = []
            var totalCents = 0
            for _ in 0..<random.int(in: 1...3) {
                let i = random.int(in: 0...(Self.skus.count - 1))
                let qty = random.int(in: 1...4)
                let cents = Int((Self.prices[i] * 100).rounded())
                totalCents += cents * qty
                items.append(#"{"sku":"\#(Self.skus[i])","qty":\#(qty),"unit_price":\#(Self.money(cents))}"#)
            }
            return #"{"order_id":"ord-\#(random.hex(10))","customer_id":"\#(key)","items":[\#(items.joined(separator: ","))],"total":\#(Self.money(totalCents)),"currency":"USD","ts":"\#(ts)"}"#
        }
    }

    static func money(_ cents: Int) -> String {
        let c = cents % 100
        return "\(cents / 100).\(c < 10 ? "0" : "")\(c)"
    }
}

/// How a producer picks partition keys.
public struct KeyDistribution: Sendable, Equatable {
    /// Distinct keys, numbered 0..<keyCount.
    public var keyCount: Int
    /// Share of records that go to key 0, the hot key; the rest are uniform over all keys.
    public var hotKeyShare: Double

    public init(keyCount: Int, hotKeyShare: Double = 0) {
        self.keyCount = max(1, keyCount)
        self.hotKeyShare = min(1, max(0, hotKeyShare))
    }

    func next(using random: inout SeededRandom) -> Int {
        if hotKeyShare > 0, random.unit() < hotKeyShare { return 0 }
        return random.int(in: 0...(keyCount - 1))
    }
}
