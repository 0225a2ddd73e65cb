/// Parses JSON text into a `JSONValue`, reporting the offset of the first mistake.
///
/// It reads the text's UTF-8 bytes and copies a string's bytes in one piece when it has no
/// escapes: loaders and the network endpoint parse every record and request body with it.
public enum JSONParser {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
        /// Counted in Unicode scalars from the start of the text.
        public let offset: Int
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(utf8: Array(text.utf8))
    }

    /// JSON's four whitespace bytes (RFC 8259 §2): space, tab, line feed, carriage return.
    @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Parses UTF-8 bytes as they arrive from the network, without making a `String` first.
    public static func parse(utf8 bytes: [UInt8]) throws(Failure) -> JSONValue {
        var p = Cursor(bytes)
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.atEnd else { throw p.fail("unexpected text after the JSON value") }
        return value
    }

    private struct Cursor {
        let s: [UInt8]
        var i = 0
        init(_ s: [UInt8]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        var peek: UInt8? { i < s.count ? s[i] : nil }

        /// The offset in scalars: every byte but UTF-8's continuation bytes starts one.
        func fail(_ message: String) -> Failure {
            Failure(message: message, offset: s[..<min(i, s.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        }

        /// The scalar at the cursor, for messages.
        var currentScalar: String {
            var end = i + 1
            while end < s.count, s[end] & 0xC0 == 0x80 { end += 1 }
            return String(decoding: s[i..<min(end, s.count)], as: UTF8.self)
        }

        mutating func skipSpace() {
            while let c = peek, JSONParser.isWhitespace(c) { i += 1 }
        }

        mutating func expect(_ word: String) throws(Failure) {
            for ch in word.utf8 {
                guard peek == ch else { throw fail("expected '\(word)'") }
                i += 1
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < 100 else { throw fail("nested too deeply") }
            guard let c = peek else { throw fail("unexpected end of JSON") }
            switch c {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character '\(currentScalar)'")
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
                i += 1
                skipSpace()
                pairs.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func string() throws(Failure) -> String {
            i += 1
            // Most strings have no escapes: find the closing quote and copy the bytes at once.
            let start = i
            while i < s.count {
                let c = s[i]
                if c == UInt8(ascii: "\"") { defer { i += 1 }; return String(decoding: s[start..<i], as: UTF8.self) }
                if c == UInt8(ascii: "\\") { break }
                i += 1
                guard c >= 0x20 else { throw fail("control character in string") }
            }
            var out = Array(s[start..<i])
            while let c = peek {
                i += 1
                switch c {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = peek else { throw fail("unterminated escape") }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), peek == UInt8(ascii: "\\") {
                            i += 1
                            try expect("u")
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                        out.append(contentsOf: String(scalar).utf8)
                    default:
                        i -= 1
                        let shown = currentScalar
                        i += 1
                        throw fail("invalid escape '\\\(shown)'")
                    }
                default:
                    guard c >= 0x20 else { throw fail("control character in string") }
                    out.append(c)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek, let d = Self.hexValue(c) else { throw fail("expected 4 hex digits") }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        static func hexValue(_ c: UInt8) -> UInt32? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = i
            if peek == UInt8(ascii: "-") { i += 1 }
            while let c = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { i += 1 }
            let text = String(decoding: s[start..<i], as: UTF8.self)
            if let n = Int64(text) { return .int(n) }
            if let d = Double(text) { return .double(d) }
            i = start
            throw fail("invalid number '\(text)'")
        }
    }
}
