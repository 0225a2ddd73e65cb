import Foundation

/// A point in virtual time: milliseconds since the simulation epoch.
///
/// Milliseconds because AWS's own clocks (Kinesis arrival timestamps, `MillisBehindLatest`,
/// iterator expiry) are in milliseconds; nothing in the simulation needs finer resolution.
public struct SimInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static let zero = SimInstant(milliseconds: 0)
    public static func < (a: SimInstant, b: SimInstant) -> Bool { a.milliseconds < b.milliseconds }
    public static func + (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(milliseconds: a.milliseconds + d.milliseconds) }
    public static func - (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(milliseconds: a.milliseconds - d.milliseconds) }
    public static func - (a: SimInstant, b: SimInstant) -> SimDuration { SimDuration(milliseconds: a.milliseconds - b.milliseconds) }

    public var description: String { "t+\(SimDuration(milliseconds: milliseconds))" }
}

/// A span of virtual time in milliseconds.
public struct SimDuration: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(milliseconds: n) }
    public static func seconds(_ n: Int64) -> SimDuration { SimDuration(milliseconds: n * 1000) }
    public static func fractionalSeconds(_ n: Double) -> SimDuration { SimDuration(milliseconds: Int64((n * 1000).rounded())) }
    public static func minutes(_ n: Int64) -> SimDuration { SimDuration(milliseconds: n * 60_000) }
    public static func hours(_ n: Int64) -> SimDuration { SimDuration(milliseconds: n * 3_600_000) }
    public static let zero = SimDuration(milliseconds: 0)

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.milliseconds < b.milliseconds }
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(milliseconds: a.milliseconds + b.milliseconds) }
    public static func * (a: SimDuration, n: Int64) -> SimDuration { SimDuration(milliseconds: a.milliseconds * n) }

    public var seconds: Double { Double(milliseconds) / 1000 }

    /// Short human form: `90s` → "1m30s", `3_600_000` → "1h".
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = abs(milliseconds)
        var out = milliseconds < 0 ? "-" : ""
        let units: [(Int64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
        for (size, name) in units where rest >= size {
            out += "\(rest / size)\(name)"
            rest %= size
        }
        return out
    }

    /// Parses `90s`, `5m`, `1h30m`, `250ms`, `2d` or a bare number of seconds.
    ///
    /// Returns nil for anything else, so callers can name the bad token in their own error.
    public static func parse(_ text: String) -> SimDuration? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !s.isEmpty else { return nil }
        if let seconds = Double(s), seconds >= 0, seconds.isFinite { return .fractionalSeconds(seconds) }
        var total: Double = 0
        var number = ""
        var unit = ""
        var sawPart = false
        func flush() -> Bool {
            guard let n = Double(number), n >= 0 else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 1
            case "s", "sec": scale = 1000
            case "m", "min": scale = 60_000
            case "h": scale = 3_600_000
            case "d": scale = 86_400_000
            default: return false
            }
            total += n * scale
            number = ""; unit = ""; sawPart = true
            return true
        }
        for ch in s {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard flush(), sawPart, total < 9e15 else { return nil }
        return SimDuration(milliseconds: Int64(total.rounded()))
    }
}

/// Calendar rendering of virtual instants, without Foundation's wall-clock types.
public enum SimCalendar {
    /// The virtual epoch: 2026-01-01T00:00:00Z, as Unix seconds.
    public static let epochUnixSeconds: Int64 = 1_767_225_600

    /// Unix time in seconds (with milliseconds) of an instant; Kinesis prints arrival times this way.
    public static func unixSeconds(_ t: SimInstant) -> Double {
        Double(epochUnixSeconds) + Double(t.milliseconds) / 1000
    }

    /// ISO 8601 with milliseconds and `Z`, the way EC2's XML replies carry `LaunchTime`.
    public static func iso8601(_ t: SimInstant) -> String {
        let totalMs = epochUnixSeconds * 1000 + t.milliseconds
        let ms = Int((totalMs % 1000 + 1000) % 1000)
        let totalSeconds = (totalMs - Int64(ms)) / 1000
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        let hh = secondOfDay / 3600, mm = (secondOfDay % 3600) / 60, ss = secondOfDay % 60
        guard (0...9999).contains(y) else {
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2)).\(pad(Int64(ms), 3))Z"
        }
        // Every field fits its width: write the 24 bytes in place rather than through a string
        // per field (record payloads and replies carry one of these each).
        return String(unsafeUninitializedCapacity: 24) { b in
            var at = 0
            digits(y, 4, b, &at); b[at] = UInt8(ascii: "-"); at += 1
            digits(m, 2, b, &at); b[at] = UInt8(ascii: "-"); at += 1
            digits(d, 2, b, &at); b[at] = UInt8(ascii: "T"); at += 1
            digits(hh, 2, b, &at); b[at] = UInt8(ascii: ":"); at += 1
            digits(mm, 2, b, &at); b[at] = UInt8(ascii: ":"); at += 1
            digits(ss, 2, b, &at); b[at] = UInt8(ascii: "."); at += 1
            digits(Int64(ms), 3, b, &at); b[at] = UInt8(ascii: "Z"); at += 1
            return at
        }
    }

    /// Writes `n` (0 ≤ n < 10^width) as `width` zero-padded decimal digits at `at`, and moves `at` past them.
    @inline(__always)
    static func digits(_ n: Int64, _ width: Int, _ b: UnsafeMutableBufferPointer<UInt8>, _ at: inout Int) {
        var v = n
        var i = at + width - 1
        while i >= at {
            b[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            i -= 1
        }
        at += width
    }

    /// `HH:MM:SS` of the virtual day, for the header and tail.
    public static func timeOfDay(_ t: SimInstant) -> String {
        let iso = iso8601(t)
        let start = iso.index(iso.startIndex, offsetBy: 11)
        return String(iso[start..<iso.index(start, offsetBy: 8)])
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm).
    public static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (year, month, day).
    public static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
