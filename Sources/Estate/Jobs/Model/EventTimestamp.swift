/// Reading event times out of records: ISO 8601 text (`2026-01-01T00:01:05Z`, with or without
/// milliseconds) or a number of Unix epoch milliseconds, as virtual instants.
///
/// Written by hand rather than with `ISO8601DateFormatter` because it runs once per record.
public enum EventTimestamp {
    public static func instant(_ value: JSONValue) -> SimInstant? {
        switch value {
        case let .int(ms): return SimInstant(milliseconds: ms - SimCalendar.epochUnixSeconds * 1000)
        case let .double(ms): return SimInstant(milliseconds: Int64(ms.rounded()) - SimCalendar.epochUnixSeconds * 1000)
        case let .string(s): return parseISO(s)
        default: return nil
        }
    }

    /// Unix epoch milliseconds of an instant, the way OpenSearch keys date buckets.
    public static func unixMilliseconds(_ t: SimInstant) -> Int64 { t.milliseconds + SimCalendar.epochUnixSeconds * 1000 }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else.
    public static func parseISO(_ text: String) -> SimInstant? {
        let u = Array(text.utf8)
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 32, u[13] == 58, u[16] == 58 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int64? {
            var n: Int64 = 0
            for i in from..<(from + count) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int64(c - 48)
            }
            return n
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        var ms: Int64 = 0
        if u[i] == 46 {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 3 { ms = ms * 10 + Int64(u[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 where digits < 3 { ms *= 10 }
        }
        guard i == u.count - 1, u[i] == 90 else { return nil }
        let days = SimCalendar.daysFromCivil(y, mo, d)
        let unixMs = ((days * 86_400) + h * 3600 + mi * 60 + s) * 1000 + ms
        return SimInstant(milliseconds: unixMs - SimCalendar.epochUnixSeconds * 1000)
    }
}
