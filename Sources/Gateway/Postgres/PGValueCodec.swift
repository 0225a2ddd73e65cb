import Estate
import Foundation

/// Values on the wire in the two formats a client may ask for per column or parameter: text
/// (format 0) and PostgreSQL's binary "send/recv" layouts (format 1), by type OID.
///
/// Binary layouts (PostgreSQL's `*_send` functions): integers and floats big-endian, `bool` one
/// byte, `date` days and `timestamp` microseconds since 2000-01-01, `numeric` as base-10000
/// digit groups, text-like types as their UTF-8 bytes.
enum PGValueCodec {
    static let bool: Int32 = 16, int8: Int32 = 20, int2: Int32 = 21, int4: Int32 = 23, text: Int32 = 25, oid: Int32 = 26
    static let float4: Int32 = 700, float8: Int32 = 701, unknown: Int32 = 705, bpchar: Int32 = 1042, varchar: Int32 = 1043
    static let date: Int32 = 1082, time: Int32 = 1083, timestamp: Int32 = 1114, timestamptz: Int32 = 1184, numeric: Int32 = 1700

    static let integerTypes: Set<Int32> = [int2, int4, int8, oid]
    static let numberTypes: Set<Int32> = integerTypes.union([float4, float8, numeric])

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let postgresEpochDays = 10_957

    // MARK: - Results

    /// A result value's bytes in `format` for a column of `typeOID`; nil for SQL NULL.
    /// Throws when the value cannot be written in that binary layout.
    static func encode(_ value: SQLValue, typeOID: Int32, format: Int16) throws(SQLError) -> [UInt8]? {
        guard let text = value.text else { return nil }
        if format == 0 { return Array(text.utf8) }
        switch typeOID {
        case bool:
            switch value {
            case let .bool(b): return [b ? 1 : 0]
            case let .int(i): return [i != 0 ? 1 : 0]
            default: return [["t", "true", "1"].contains(text.lowercased()) ? 1 : 0]
            }
        case int2, int4, int8, oid:
            guard let i = integer(value) else { throw cannot(text, typeOID) }
            switch typeOID {
            case int2: return bigEndian(Int16(truncatingIfNeeded: i))
            case int8: return bigEndian(i)
            default: return bigEndian(Int32(truncatingIfNeeded: i))
            }
        case float4, float8:
            let d: Double
            switch value {
            case let .double(x): d = x
            case let .int(i): d = Double(i)
            default:
                guard let x = Double(text) else { throw cannot(text, typeOID) }
                d = x
            }
            return typeOID == float4 ? bigEndian(Float(d).bitPattern) : bigEndian(d.bitPattern)
        case numeric:
            guard let bytes = numericBinary(decimalText(value)) else { throw cannot(text, typeOID) }
            return bytes
        case date:
            guard let days = days(fromDate: text) else { throw cannot(text, typeOID) }
            return bigEndian(Int32(days - postgresEpochDays))
        case timestamp, timestamptz:
            guard let micros = micros(fromTimestamp: text) else { throw cannot(text, typeOID) }
            return bigEndian(micros)
        case time:
            guard let micros = micros(fromTime: text) else { throw cannot(text, typeOID) }
            return bigEndian(micros)
        default:
            return Array(text.utf8)
        }
    }

    static func cannot(_ text: String, _ typeOID: Int32) -> SQLError {
        SQLError("22P03", "cannot send \"\(text)\" in the binary format of type \(typeOID)")
    }

    static func integer(_ value: SQLValue) -> Int64? {
        switch value {
        case let .int(i): return i
        case let .double(d): return d.rounded() == d && abs(d) < 9.2e18 ? Int64(d) : nil
        case let .bool(b): return b ? 1 : 0
        case let .text(s): return Int64(s)
        case .null: return nil
        }
    }

    /// Plain decimal digits for a numeric value, without an exponent.
    static func decimalText(_ value: SQLValue) -> String {
        switch value {
        case let .int(i): return String(i)
        case let .double(d):
            let t = value.text ?? "0"
            return t.contains("e") || t.contains("E") ? "\(Decimal(d))" : t
        default: return value.text ?? "0"
        }
    }

    /// PostgreSQL's binary `numeric`: ndigits, weight, sign, dscale, then base-10000 groups.
    static func numericBinary(_ text: String) -> [UInt8]? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        if s.lowercased() == "nan" { return bigEndian(Int16(0)) + bigEndian(Int16(0)) + bigEndian(UInt16(0xC000)) + bigEndian(Int16(0)) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !s.isEmpty else { return nil }
        let whole = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        guard (whole + fraction).allSatisfy(\.isASCII), (whole + fraction).allSatisfy(\.isNumber) else { return nil }
        let padWhole = String(repeating: "0", count: (4 - whole.count % 4) % 4) + whole
        let padFraction = fraction + String(repeating: "0", count: (4 - fraction.count % 4) % 4)
        var groups = chunks(padWhole) + chunks(padFraction)
        var weight = padWhole.count / 4 - 1
        while let first = groups.first, first == 0 { groups.removeFirst(); weight -= 1 }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0; negative = false }
        var out = bigEndian(Int16(groups.count)) + bigEndian(Int16(weight))
        out += bigEndian(UInt16(negative ? 0x4000 : 0)) + bigEndian(Int16(fraction.count))
        for g in groups { out += bigEndian(Int16(g)) }
        return out
    }

    static func chunks(_ digits: String) -> [Int] {
        var groups: [Int] = []
        var i = digits.startIndex
        while i < digits.endIndex {
            let j = digits.index(i, offsetBy: 4)
            groups.append(Int(digits[i..<j])!)
            i = j
        }
        return groups
    }

    // MARK: - Parameters

    /// A bound parameter as SQL text to put in the statement: `NULL`, a number, `TRUE`, or a
    /// quoted literal. Numbers are checked, so a parameter can never add SQL of its own.
    static func literal(_ bytes: [UInt8]?, typeOID: Int32, format: Int16) throws(SQLError) -> String {
        guard let bytes else { return "NULL" }
        let text = format == 0 ? String(decoding: bytes, as: UTF8.self) : try decodeBinary(bytes, typeOID: typeOID)
        if typeOID == bool {
            return ["t", "true", "1", "yes", "on", "y"].contains(text.lowercased().trimmingCharacters(in: .whitespaces)) ? "TRUE" : "FALSE"
        }
        if numberTypes.contains(typeOID) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard isNumber(trimmed) else {
                throw SQLError("22P02", "invalid input syntax for type \(typeName(typeOID)): \"\(text)\"")
            }
            return trimmed
        }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func typeName(_ typeOID: Int32) -> String {
        [bool: "boolean", int2: "smallint", int4: "integer", int8: "bigint", oid: "oid", float4: "real",
         float8: "double precision", numeric: "numeric"][typeOID] ?? "text"
    }

    /// A decimal or floating-point literal (no exponent-only or hex forms), or NaN/Infinity quoted later by SQLite.
    static func isNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return false }
        var seenDot = false, seenExponent = false, previous: Character = " "
        for c in body {
            if c.isASCII, c.isNumber { previous = c; continue }
            if c == ".", !seenDot, !seenExponent { seenDot = true; previous = c; continue }
            if c == "e" || c == "E", !seenExponent { seenExponent = true; previous = c; continue }
            if (c == "-" || c == "+"), previous == "e" || previous == "E" { previous = c; continue }
            return false
        }
        return previous.isNumber || previous == "."
    }

    /// A binary parameter's value in text form, for the types drivers send in binary.
    static func decodeBinary(_ b: [UInt8], typeOID: Int32) throws(SQLError) -> String {
        func need(_ n: Int) throws(SQLError) {
            guard b.count == n else { throw SQLError("22P03", "incorrect binary data format for type \(typeOID): \(b.count) bytes") }
        }
        switch typeOID {
        case bool: try need(1); return b[0] != 0 ? "true" : "false"
        case int2: try need(2); return String(Int16(bitPattern: UInt16(readBigEndian(b))))
        case int4, oid: try need(4); return typeOID == oid ? String(UInt32(readBigEndian(b))) : String(Int32(bitPattern: UInt32(readBigEndian(b))))
        case int8: try need(8); return String(Int64(bitPattern: readBigEndian(b)))
        case float4: try need(4); return SQLValue.double(Double(Float(bitPattern: UInt32(readBigEndian(b))))).text ?? ""
        case float8: try need(8); return SQLValue.double(Double(bitPattern: readBigEndian(b))).text ?? ""
        case numeric:
            guard b.count >= 8, let text = numericText(b) else { throw SQLError("22P03", "incorrect binary data format for numeric") }
            return text
        case date:
            try need(4)
            return dateText(Int(Int32(bitPattern: UInt32(readBigEndian(b)))) + postgresEpochDays)
        case timestamp, timestamptz:
            try need(8)
            return timestampText(Int64(bitPattern: readBigEndian(b)))
        case time:
            try need(8)
            return timeText(Int64(bitPattern: readBigEndian(b)))
        case text, varchar, bpchar, unknown, 19, 0:
            return String(decoding: b, as: UTF8.self)
        default:
            throw SQLError(SQLError.featureNotSupported, "binary parameters of type \(typeOID) are not supported; send this one as text")
        }
    }

    static func numericText(_ b: [UInt8]) -> String? {
        func int16(_ at: Int) -> Int { Int(Int16(bitPattern: UInt16(b[at]) << 8 | UInt16(b[at + 1]))) }
        let n = int16(0), weight = int16(2), sign = UInt16(b[4]) << 8 | UInt16(b[5]), scale = int16(6)
        guard b.count == 8 + 2 * n else { return nil }
        if sign == 0xC000 { return "NaN" }
        let digits = (0..<n).map { int16(8 + 2 * $0) }
        func group(_ k: Int) -> Int { let i = weight - k; return i >= 0 && i < n ? digits[i] : 0 }
        var whole = ""
        if weight < 0 { whole = "0" } else {
            for k in stride(from: weight, through: 0, by: -1) {
                whole += k == weight ? String(group(k)) : String(format: "%04d", group(k))
            }
        }
        var fraction = ""
        var k = -1
        while fraction.count < scale { fraction += String(format: "%04d", group(k)); k -= 1 }
        fraction = String(fraction.prefix(scale))
        return (sign == 0x4000 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    // MARK: - Dates (the estate's proleptic Gregorian calendar, so the wire and the dump agree)

    static func days(year: Int, month: Int, day: Int) -> Int {
        Int(SimCalendar.daysFromCivil(Int64(year), Int64(month), Int64(day)))
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let (y, m, d) = SimCalendar.civil(fromDays: Int64(days))
        return (Int(y), Int(m), Int(d))
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD` (anything after the date is ignored).
    static func days(fromDate text: String) -> Int? {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// Microseconds since 2000-01-01 of `YYYY-MM-DD[ T]HH:MM:SS[.ffffff]` (a date alone is midnight).
    static func micros(fromTimestamp text: String) -> Int64? {
        guard let d = days(fromDate: text) else { return nil }
        var rest = text.dropFirst(10)
        if rest.first == " " || rest.first == "T" { rest = rest.dropFirst() }
        let clock = rest.isEmpty ? 0 : micros(fromTime: String(rest))
        guard let clock else { return nil }
        return Int64(d - postgresEpochDays) * 86_400_000_000 + clock
    }

    /// Microseconds since midnight of `HH:MM:SS[.ffffff]`; a trailing zone (`+00`, `Z`) is ignored.
    static func micros(fromTime text: String) -> Int64? {
        let clock = text.prefix { $0.isNumber || $0 == ":" || $0 == "." }
        let hms = clock.split(separator: ":")
        guard hms.count == 3, let h = Int64(hms[0]), let m = Int64(hms[1]) else { return nil }
        let secondParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let s = Int64(secondParts[0]) else { return nil }
        var fraction: Int64 = 0
        if secondParts.count == 2 {
            let digits = String(secondParts[1].prefix(6))
            guard let f = Int64(digits.isEmpty ? "0" : digits) else { return nil }
            fraction = f * Int64(pow(10, Double(6 - digits.count)))
        }
        return ((h * 60 + m) * 60 + s) * 1_000_000 + fraction
    }

    static func dateText(_ daysSince1970: Int) -> String {
        let (y, m, d) = civil(daysSince1970)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func timestampText(_ micros: Int64) -> String {
        let day = Int64(86_400_000_000)
        let days = micros >= 0 ? micros / day : (micros - day + 1) / day
        return dateText(Int(days) + postgresEpochDays) + " " + timeText(micros - days * day)
    }

    static func timeText(_ micros: Int64) -> String {
        let seconds = micros / 1_000_000, fraction = micros % 1_000_000
        let base = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        return fraction == 0 ? base : base + String(format: ".%06d", fraction)
    }

    // MARK: - Bytes

    static func bigEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.bigEndian) { Array($0) }
    }

    static func readBigEndian(_ b: [UInt8]) -> UInt64 {
        b.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
