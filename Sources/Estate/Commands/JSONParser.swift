/// Parses JSON text into a `JSONValue`, reporting the offset of the first mistake.
public enum JSONParser {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
        public let offset: Int
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        var p = Cursor(Array(text.unicodeScalars))
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.atEnd else { throw p.fail("unexpected text after the JSON value") }
        return value
    }

    private struct Cursor {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

        func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }

        mutating func skipSpace() {
            while let c = peek, c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1 }
        }

        mutating func expect(_ word: String) throws(Failure) {
            for ch in word.unicodeScalars {
                guard peek == ch else { throw fail("expected '\(word)'") }
                i += 1
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < 100 else { throw fail("nested too deeply") }
            guard let c = peek else { throw fail("unexpected end of JSON") }
            switch c {
            case "{": return try object(depth: depth)
            case "[": return try array(depth: depth)
            case "\"": return .string(try string())
            case "t": try expect("true"); return .bool(true)
            case "f": try expect("false"); return .bool(false)
            case "n": try expect("null"); return .null
            case "-", "0"..."9": return try number()
            default: throw fail("unexpected character '\(c)'")
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if peek == "}" { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard peek == "\"" else { throw fail("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard peek == ":" else { throw fail("expected ':' after key \"\(key)\"") }
                i += 1
                skipSpace()
                pairs.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek == "," { i += 1; continue }
                if peek == "}" { i += 1; return .object(pairs) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek == "]" { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == "," { i += 1; continue }
                if peek == "]" { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func string() throws(Failure) -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while let c = peek {
                i += 1
                switch c {
                case "\"": return String(out)
                case "\\":
                    guard let e = peek else { throw fail("unterminated escape") }
                    i += 1
                    switch e {
                    case "\"": out.append("\""); case "\\": out.append("\\"); case "/": out.append("/")
                    case "n": out.append("\n"); case "t": out.append("\t"); case "r": out.append("\r")
                    case "b": out.append("\u{08}"); case "f": out.append("\u{0C}")
                    case "u":
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), peek == "\\" {
                            i += 1
                            try expect("u")
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                        out.append(scalar)
                    default: throw fail("invalid escape '\\\(e)'")
                    }
                default:
                    guard c.value >= 0x20 else { throw fail("control character in string") }
                    out.append(c)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek, let d = UInt32(String(c), radix: 16) else { throw fail("expected 4 hex digits") }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = i
            if peek == "-" { i += 1 }
            while let c = peek, ("0"..."9").contains(c) || c == "." || c == "e" || c == "E" || c == "+" || c == "-" { i += 1 }
            let text = String(String.UnicodeScalarView(s[start..<i]))
            if let n = Int64(text) { return .int(n) }
            if let d = Double(text) { return .double(d) }
            i = start
            throw fail("invalid number '\(text)'")
        }
    }
}
