import Collections

/// HTTP headers in Lambda@Edge's event shape: lowercase names, each with a list of `{key, value}`.
///
/// Kept in insertion order (an `OrderedDictionary`) because that is the order CloudFront hands a
/// function and the order a trace prints, and it is deterministic without sorting.
public struct EdgeHeaders: Equatable, Sendable {
    /// One value of a header as a viewer or origin spelled it (`User-Agent: curl/8.0`).
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: String
        public init(key: String, value: String) { self.key = key; self.value = value }
    }

    public private(set) var fields: OrderedDictionary<String, [Entry]> = [:]

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name, value) }
    }

    public var isEmpty: Bool { fields.isEmpty }
    public var names: [String] { Array(fields.keys) }

    /// The first value of a header, case-insensitively.
    public func first(_ name: String) -> String? { fields[Self.lowercase(name)]?.first?.value }

    public func values(_ name: String) -> [String] { fields[Self.lowercase(name)]?.map(\.value) ?? [] }

    public func contains(_ name: String) -> Bool { fields[Self.lowercase(name)] != nil }

    /// Replaces every value of the header with one.
    public mutating func set(_ name: String, _ value: String) {
        fields[Self.lowercase(name)] = [Entry(key: Self.canonicalKey(name), value: value)]
    }

    /// Appends a value, keeping any already there.
    public mutating func add(_ name: String, _ value: String) {
        fields[Self.lowercase(name), default: []].append(Entry(key: Self.canonicalKey(name), value: value))
    }

    public mutating func remove(_ name: String) { fields.removeValue(forKey: Self.lowercase(name)) }

    /// The field name of a header. Most names a request meets are lowercase already, so those are
    /// returned as they are rather than copied; other ASCII names (`X-Cache`, `Content-Type`, set
    /// on every answer) are lowercased byte by byte, which is what `lowercased()` does to ASCII.
    static func lowercase(_ name: String) -> String {
        var ascii = true, lower = true
        for byte in name.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { lower = false }
        }
        guard ascii else { return name.lowercased() }
        if lower { return name }
        return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
            var count = 0
            for byte in name.utf8 {
                buffer[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                count += 1
            }
            return count
        }
    }

    /// `user-agent` → `User-Agent`, the spelling CloudFront uses for `key` when a function leaves it out.
    static func canonicalKey(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var startOfWord = true
        for byte in name.utf8 {
            if byte >= 0x80 { return slowCanonicalKey(name) }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return name }
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            bytes.append(startOfWord && isLower ? byte - 32 : byte)
            startOfWord = byte == UInt8(ascii: "-")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same for names beyond ASCII, which HTTP does not allow but a function could write.
    private static func slowCanonicalKey(_ name: String) -> String {
        if name.contains(where: \.isUppercase) { return name }
        return name.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    /// The event shape: `{"host": [{"key": "Host", "value": "…"}]}`.
    public var json: JSONValue {
        .object(fields.map { name, entries in
            (name, .array(entries.map { ["key": .string($0.key), "value": .string($0.value)] }))
        })
    }

    /// Reads the event shape back from a function's result; a wrong shape names the header.
    public init(json: JSONValue?, path: String) throws(EdgeResultError) {
        guard let json, json != .null else { return }
        guard case let .object(pairs) = json else { throw EdgeResultError("\(path) must be an object of header lists") }
        for (name, list) in pairs {
            guard name == name.lowercased() else { throw EdgeResultError("\(path): header name '\(name)' must be lowercase") }
            guard case let .array(items) = list else { throw EdgeResultError("\(path).\(name) must be a list of {key, value}") }
            for item in items {
                guard let value = item["value"]?.stringValue else { throw EdgeResultError("\(path).\(name)[].value must be a string") }
                let key = item["key"]?.stringValue ?? Self.canonicalKey(name)
                guard key.lowercased() == name else { throw EdgeResultError("\(path).\(name): key '\(key)' does not match the header name") }
                fields[name, default: []].append(Entry(key: key, value: value))
            }
        }
    }

    /// Cookies of a request's `cookie` headers, by name (the first of each name wins).
    public var cookies: [String: String] {
        var out: [String: String] = [:]
        for header in values("cookie") {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: " ")
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<eq])
                if out[name] == nil { out[name] = String(pair[pair.index(after: eq)...]) }
            }
        }
        return out
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}

/// A function's result that does not have the shape CloudFront expects: a Lambda validation error (502).
public struct EdgeResultError: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
