/// What a producer writes: realistic JSON records drawn from a seeded generator.
///
/// A template emits a record as a series of pieces into a `PayloadSink`. The same code both
/// counts a payload's bytes (at write time, for the throughput limits, without building it) and
/// writes them (at read time), so the size charged and the bytes read can never disagree.
public enum PayloadTemplate: String, Sendable, CaseIterable {
    /// Web analytics events; the partition key is the user.
    case clickstream
    /// Shop orders; the partition key is the customer.
    case orders

    var keyPrefix: StaticString {
        switch self {
        case .clickstream: return "user-"
        case .orders: return "customer-"
        }
    }

    /// The partition key of key number `index`.
    func partitionKey(_ index: Int) -> String {
        var writer = PayloadByteWriter()
        writer.text(keyPrefix)
        writer.int(index)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func partitionKeyLength(_ index: Int) -> Int {
        keyPrefix.utf8CodeUnitCount + PayloadByteCounter.digits(index)
    }

    static let eventTypes: [StaticString] = ["page_view", "page_view", "page_view", "click", "click", "search", "add_to_cart", "checkout"]
    static let pages: [StaticString] = ["/", "/products", "/products/", "/cart", "/search", "/account", "/checkout", "/blog/"]
    /// Pages that take a numeric id after them (`/products/417`).
    static let pageTakesID = [false, false, true, false, false, false, false, true]
    static let referrers: [StaticString] = ["direct", "google.com", "bing.com", "twitter.com", "news.ycombinator.com", "newsletter", "reddit.com"]
    static let skus: [StaticString] = ["SKU-1001", "SKU-1042", "SKU-2210", "SKU-3307", "SKU-4821", "SKU-5150", "SKU-7777", "SKU-9001"]
    static let priceCents = [499, 999, 1250, 1999, 2400, 4995, 8900, 19900]

    /// One record's JSON for key number `keyIndex` at `time`, emitted into `sink`.
    @inline(__always)
    func emit<Sink: PayloadSink>(keyIndex: Int, at time: SimInstant, using random: inout SeededRandom, into sink: inout Sink) {
        switch self {
        case .clickstream:
            let event = Self.eventTypes[random.int(in: 0...(Self.eventTypes.count - 1))]
            let page = random.int(in: 0...(Self.pages.count - 1))
            let pageID = Self.pageTakesID[page] ? random.int(in: 100...999) : nil
            let referrer = Self.referrers[random.int(in: 0...(Self.referrers.count - 1))]
            sink.text(#"{"event_id":""#); sink.hex(random.next(), digits: 16)
            sink.text(#"","user_id":""#); sink.text(keyPrefix); sink.int(keyIndex)
            sink.text(#"","session_id":"s-"#); sink.hex(random.next(), digits: 8)
            sink.text(#"","event_type":""#); sink.text(event)
            sink.text(#"","page":""#); sink.text(Self.pages[page])
            if let pageID { sink.int(pageID) }
            sink.text(#"","referrer":""#); sink.text(referrer)
            sink.text(#"","ts":""#); sink.timestamp(time)
            sink.text(#""}"#)
        case .orders:
            sink.text(#"{"order_id":"ord-"#); sink.hex(random.next(), digits: 10)
            sink.text(#"","customer_id":""#); sink.text(keyPrefix); sink.int(keyIndex)
            sink.text(#"","items":["#)
            var totalCents = 0
            Self.drawOrderItems(using: &random) { item, i, qty in
                totalCents += Self.priceCents[i] * qty
                if item > 0 { sink.text(",") }
                sink.text(#"{"sku":""#); sink.text(Self.skus[i])
                sink.text(#"","qty":"#); sink.int(qty)
                sink.text(#","unit_price":"#); sink.money(Self.priceCents[i])
                sink.text("}")
            }
            sink.text(#"],"total":"#); sink.money(totalCents)
            sink.text(#","currency":"USD","ts":""#); sink.timestamp(time)
            sink.text(#""}"#)
        }
    }

    /// An order's items, drawn in the one order every reader of a regenerated payload relies on:
    /// how many (1–3), then each item's SKU index and quantity (1–4). `each` gets the item's
    /// position, SKU index and quantity.
    @inline(__always)
    static func drawOrderItems(using random: inout SeededRandom, _ each: (_ item: Int, _ sku: Int, _ qty: Int) -> Void) {
        for item in 0..<random.int(in: 1...3) {
            let sku = random.int(in: 0...(skus.count - 1))
            let qty = random.int(in: 1...4)
            each(item, sku, qty)
        }
    }
}

/// Where a template's pieces go: a counter or a writer.
protocol PayloadSink {
    mutating func text(_ s: StaticString)
    mutating func int(_ n: Int)
    /// The low `digits` nibbles of `bits` as lower-case hex, lowest first.
    mutating func hex(_ bits: UInt64, digits: Int)
    mutating func timestamp(_ t: SimInstant)
}

extension PayloadSink {
    /// Cents as `12.50`.
    mutating func money(_ cents: Int) {
        int(cents / 100)
        text(".")
        if cents % 100 < 10 { text("0") }
        int(cents % 100)
    }
}

/// Counts a payload's bytes without building it.
struct PayloadByteCounter: PayloadSink {
    var count = 0

    mutating func text(_ s: StaticString) { count += s.utf8CodeUnitCount }
    mutating func int(_ n: Int) { count += Self.digits(n) }
    mutating func hex(_ bits: UInt64, digits: Int) { count += digits }
    /// ISO 8601 with milliseconds has the same length for every year from 1000 to 9999.
    mutating func timestamp(_ t: SimInstant) { count += Self.timestampLength }

    static let timestampLength = "2026-01-01T00:00:00.000Z".utf8.count

    /// Decimal digits of `n`, with the sign.
    @inline(__always)
    static func digits(_ n: Int) -> Int {
        var v = n.magnitude, d = n < 0 ? 2 : 1
        while v >= 10 { v /= 10; d += 1 }
        return d
    }
}

/// Writes a payload's bytes.
struct PayloadByteWriter: PayloadSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func text(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Decimal digits written in place, not through a `String` per number.
    mutating func int(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n.magnitude, count = 1
        while v >= 10 { v /= 10; count += 1 }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var i = bytes.count - 1
        v = n.magnitude
        repeat {
            bytes[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            i -= 1
        } while v > 0
    }

    mutating func hex(_ bits: UInt64, digits: Int) {
        var v = bits
        for _ in 0..<digits {
            let nibble = UInt8(v & 0xF)
            bytes.append(nibble < 10 ? 48 + nibble : 87 + nibble)
            v >>= 4
        }
    }

    mutating func timestamp(_ t: SimInstant) { bytes.append(contentsOf: SimCalendar.iso8601(t).utf8) }
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
