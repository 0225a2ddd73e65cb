/// Parses a record's data (UTF-8 JSON) straight from its bytes, for the job's source.
///
/// The general `JSONParser` works on Unicode scalars and reports where text went wrong, which is
/// what a person typing JSON needs; a job reads hundreds of machine-written records a second and
/// only needs the value. This reads the bytes once, copies strings without escapes in one piece,
/// and hands anything unusual (escapes, odd numbers, bad JSON) to `JSONParser`, so both agree.
enum RecordJSON {
    static func parse(_ data: [UInt8]) -> JSONValue? {
        let fast: JSONValue?? = data.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            reader.skipSpace()
            guard let value = reader.value(depth: 0) else { return .none }
            reader.skipSpace()
            return reader.i == buffer.count ? .some(value) : .none
        }
        if let fast { return fast }
        return try? JSONParser.parse(String(decoding: data, as: UTF8.self))
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }

        /// nil: not something this reader handles; the caller falls back to the full parser.
        mutating func value(depth: Int) -> JSONValue? {
            guard depth < 100, i < bytes.count else { return nil }
            switch bytes[i] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map(JSONValue.string)
            case 0x74: return word("true") ? .bool(true) : nil
            case 0x66: return word("false") ? .bool(false) : nil
            case 0x6E: return word("null") ? .null : nil
            case 0x2D, 0x30...0x39: return number()
            default: return nil
            }
        }

        mutating func word(_ w: StaticString) -> Bool {
            let n = w.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != w.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func object(depth: Int) -> JSONValue? {
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22, let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                pairs.append((key, v))
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(pairs) }
                return nil
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                return nil
            }
        }

        /// A string without escapes or control characters, else nil.
        mutating func string() -> String? {
            let start = i + 1
            var j = start
            while j < bytes.count {
                let c = bytes[j]
                if c == 0x22 {
                    i = j + 1
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
                }
                if c == 0x5C || c < 0x20 { return nil }
                j += 1
            }
            return nil
        }

        /// As `JSONParser` reads numbers: the run of number characters, an integer when it is
        /// one that fits in 64 bits, else a double.
        mutating func number() -> JSONValue? {
            var j = i
            let negative = bytes[j] == 0x2D
            if negative { j += 1 }
            var n: Int64 = 0
            var integral = true
            while j < bytes.count {
                let c = bytes[j]
                if c >= 0x30, c <= 0x39 {
                    let (m, o1) = n.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(c - 0x30))
                    if o1 || o2 { integral = false } else { n = a }
                } else if c == 0x2E || c == 0x65 || c == 0x45 || c == 0x2B || c == 0x2D {
                    integral = false
                } else {
                    break
                }
                j += 1
            }
            guard j > i + (negative ? 1 : 0) else { return nil }
            if integral {
                i = j
                return .int(negative ? -n : n)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
            if let v = Int64(text) { i = j; return .int(v) }
            guard let d = Double(text) else { return nil }
            i = j
            return .double(d)
        }
    }
}
