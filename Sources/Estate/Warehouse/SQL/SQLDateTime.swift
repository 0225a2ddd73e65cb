/// A Redshift timestamp value as the warehouse stores it: ISO text in SQLite, parsed here for
/// the date functions.
///
/// Kept apart from Foundation's calendars so the results never depend on the host's time zone or
/// locale: the warehouse runs in UTC like Redshift's default.
public struct SQLDateTime: Comparable, Sendable {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, micro: Int64 = 0) {
        let days = SimCalendar.daysFromCivil(year, month, day)
        microseconds = ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + micro
    }

    public static func < (a: SQLDateTime, b: SQLDateTime) -> Bool { a.microseconds < b.microseconds }

    /// The virtual clock's instant as a timestamp.
    public init(_ instant: SimInstant) {
        microseconds = (SimCalendar.epochUnixSeconds * 1000 + instant.milliseconds) * 1000
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (a `T` also separates; a trailing `Z`
    /// or `+00` is accepted).
    public init?(parsing text: String) {
        if let fast = SQLDateTime(canonical: text) { self = fast; return }
        var s = Substring(text.trimmingBlanks())
        if s.hasSuffix("Z") { s = s.dropLast() }
        if s.hasSuffix("+00") { s = s.dropLast(3) }
        if s.hasSuffix("+00:00") { s = s.dropLast(6) }
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard let datePart = parts.first, parts.count <= 2 else { return nil }
        let ymd = datePart.split(separator: "-")
        guard ymd.count == 3, ymd[0].count == 4, let y = Int64(ymd[0]), let m = Int64(ymd[1]), let d = Int64(ymd[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var h: Int64 = 0, mi: Int64 = 0, sec: Int64 = 0, micro: Int64 = 0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":")
            guard hms.count >= 2, hms.count <= 3, let hh = Int64(hms[0]), let mm = Int64(hms[1]), (0...23).contains(hh), (0...59).contains(mm) else { return nil }
            h = hh; mi = mm
            if hms.count == 3 {
                let secParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
                guard let ss = Int64(secParts[0]), (0...60).contains(ss) else { return nil }
                sec = ss
                if secParts.count == 2 {
                    let digits = String(secParts[1].prefix(6))
                    guard let f = Int64(digits) else { return nil }
                    micro = f * Int64(SQLDateTime.pow10(6 - digits.count))
                }
            }
        }
        self.init(year: y, month: m, day: d, hour: h, minute: mi, second: sec, micro: micro)
    }

    /// The shape loads and the simulator's own records use, `YYYY-MM-DD[( |T)HH:MM:SS[.fff…]][Z]`,
    /// read straight from the bytes; anything else takes the general parser.
    init?(canonical text: String) {
        var text = text
        let parsed: SQLDateTime?? = text.withUTF8 { b -> SQLDateTime?? in
            var n = b.count
            if n > 0, b[n - 1] == UInt8(ascii: "Z") { n -= 1 }
            guard n == 10 || n >= 19 else { return .none }
            func digits(_ at: Int, _ count: Int) -> Int64? {
                var v: Int64 = 0
                for i in at..<(at + count) {
                    let d = b[i] &- 0x30
                    guard d < 10 else { return nil }
                    v = v * 10 + Int64(d)
                }
                return v
            }
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2), (1...12).contains(m), (1...31).contains(d) else { return .none }
            if n == 10 { return .some(SQLDateTime(year: y, month: m, day: d)) }
            guard b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                  let h = digits(11, 2), let mi = digits(14, 2), let sec = digits(17, 2),
                  h <= 23, mi <= 59, sec <= 60 else { return .none }
            var micro: Int64 = 0
            if n > 19 {
                let places = n - 20
                guard b[19] == UInt8(ascii: "."), places >= 1, let f = digits(20, min(places, 6)) else { return .none }
                guard places <= 6 || digits(26, places - 6) != nil else { return .none }
                micro = f * Int64(SQLDateTime.pow10(6 - min(places, 6)))
            }
            return .some(SQLDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: sec, micro: micro))
        }
        guard case let .some(value?) = parsed else { return nil }
        self = value
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { a, _ in a * 10 } }

    public struct Fields: Sendable {
        public var year, month, day, hour, minute, second, micro: Int64
        /// 0 = Sunday, as Redshift's `DOW`.
        public var dayOfWeek: Int64
        public var dayOfYear: Int64
    }

    public var fields: Fields {
        let totalSeconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let micro = microseconds - totalSeconds * 1_000_000
        var days = totalSeconds / 86_400
        var sod = totalSeconds % 86_400
        if sod < 0 { sod += 86_400; days -= 1 }
        let (y, m, d) = SimCalendar.civil(fromDays: days)
        let dow = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        let doy = days - SimCalendar.daysFromCivil(y, 1, 1) + 1
        return Fields(year: y, month: m, day: d, hour: sod / 3600, minute: (sod % 3600) / 60, second: sod % 60, micro: micro,
                      dayOfWeek: dow, dayOfYear: doy)
    }

    /// `2026-01-01 10:00:00`, with `.ffffff` only when there is a fraction (Redshift's display).
    public var text: String {
        let f = fields
        if (0...9999).contains(f.year) {
            // The usual case, written in place: a load converts every timestamp it reads.
            return String(unsafeUninitializedCapacity: 26) { b in
                var at = 0
                SimCalendar.digits(f.year, 4, b, &at); b[at] = UInt8(ascii: "-"); at += 1
                SimCalendar.digits(f.month, 2, b, &at); b[at] = UInt8(ascii: "-"); at += 1
                SimCalendar.digits(f.day, 2, b, &at); b[at] = UInt8(ascii: " "); at += 1
                SimCalendar.digits(f.hour, 2, b, &at); b[at] = UInt8(ascii: ":"); at += 1
                SimCalendar.digits(f.minute, 2, b, &at); b[at] = UInt8(ascii: ":"); at += 1
                SimCalendar.digits(f.second, 2, b, &at)
                if f.micro != 0 {
                    b[at] = UInt8(ascii: "."); at += 1
                    // Six digits, trailing zeros dropped.
                    var micro = f.micro, width = 6
                    while micro % 10 == 0 { micro /= 10; width -= 1 }
                    SimCalendar.digits(micro, width, b, &at)
                }
                return at
            }
        }
        var s = "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2)) \(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
        if f.micro != 0 {
            var frac = pad(f.micro, 6)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s
    }

    public var dateText: String {
        let f = fields
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))"
    }

    func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: - Calendar arithmetic

    /// Adds `n` units of a date part; months and years keep the day, clamped to the month's end.
    public func adding(_ part: DatePart, _ n: Int64) -> SQLDateTime {
        switch part {
        case .month, .quarter, .year, .decade, .century, .millennium:
            let months = n * part.months
            let f = fields
            let total = f.year * 12 + (f.month - 1) + months
            let y = total >= 0 ? total / 12 : (total - 11) / 12
            let m = total - y * 12 + 1
            let d = min(f.day, SQLDateTime.daysIn(year: y, month: m))
            return SQLDateTime(year: y, month: m, day: d, hour: f.hour, minute: f.minute, second: f.second, micro: f.micro)
        default:
            return SQLDateTime(microseconds: microseconds + n * part.microseconds)
        }
    }

    /// Truncates to the start of the date part (`DATE_TRUNC`).
    public func truncated(to part: DatePart) -> SQLDateTime {
        let f = fields
        switch part {
        case .microsecond: return self
        case .millisecond: return SQLDateTime(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second, micro: f.micro / 1000 * 1000)
        case .second: return SQLDateTime(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second)
        case .minute: return SQLDateTime(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute)
        case .hour: return SQLDateTime(year: f.year, month: f.month, day: f.day, hour: f.hour)
        case .day: return SQLDateTime(year: f.year, month: f.month, day: f.day)
        case .week:
            // Weeks start on Monday, as in Redshift.
            let day = SQLDateTime(year: f.year, month: f.month, day: f.day)
            let sinceMonday = (f.dayOfWeek + 6) % 7
            return day.adding(.day, -sinceMonday)
        case .month: return SQLDateTime(year: f.year, month: f.month, day: 1)
        case .quarter: return SQLDateTime(year: f.year, month: (f.month - 1) / 3 * 3 + 1, day: 1)
        case .year: return SQLDateTime(year: f.year, month: 1, day: 1)
        case .decade: return SQLDateTime(year: f.year / 10 * 10, month: 1, day: 1)
        case .century: return SQLDateTime(year: (f.year - 1) / 100 * 100 + 1, month: 1, day: 1)
        case .millennium: return SQLDateTime(year: (f.year - 1) / 1000 * 1000 + 1, month: 1, day: 1)
        }
    }

    /// `DATEDIFF`: how many part boundaries lie between the two values.
    public static func difference(_ part: DatePart, from a: SQLDateTime, to b: SQLDateTime) -> Int64 {
        switch part {
        case .month, .quarter, .year, .decade, .century, .millennium:
            let fa = a.fields, fb = b.fields
            let months = (fb.year * 12 + fb.month) - (fa.year * 12 + fa.month)
            if part == .month { return months }
            if part == .quarter { return (fb.year * 4 + (fb.month - 1) / 3) - (fa.year * 4 + (fa.month - 1) / 3) }
            return (fb.year / (part.months / 12)) - (fa.year / (part.months / 12))
        case .week:
            return (b.truncated(to: .week).microseconds - a.truncated(to: .week).microseconds) / part.microseconds
        default:
            let ta = a.truncated(to: part).microseconds, tb = b.truncated(to: part).microseconds
            return (tb - ta) / part.microseconds
        }
    }

    static func daysIn(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A date part as Redshift spells it, with its abbreviations (`d`, `hh`, `mon`, `yr`, …).
public enum DatePart: String, Sendable {
    case microsecond, millisecond, second, minute, hour, day, week, month, quarter, year, decade, century, millennium

    public init?(name: String) {
        switch name.lowercased() {
        case "microsecond", "microseconds", "us", "usec", "usecs", "microsec": self = .microsecond
        case "millisecond", "milliseconds", "ms", "msec", "msecs", "millisec": self = .millisecond
        case "second", "seconds", "s", "sec", "secs": self = .second
        case "minute", "minutes", "m", "min", "mins": self = .minute
        case "hour", "hours", "h", "hr", "hrs": self = .hour
        case "day", "days", "d": self = .day
        case "week", "weeks", "w", "wk", "wks": self = .week
        case "month", "months", "mon", "mons": self = .month
        case "quarter", "quarters", "qtr", "qtrs": self = .quarter
        case "year", "years", "y", "yr", "yrs": self = .year
        case "decade", "decades", "dec", "decs": self = .decade
        case "century", "centuries", "c", "cent", "cents": self = .century
        case "millennium", "millennia", "mil", "mils": self = .millennium
        default: return nil
        }
    }

    var microseconds: Int64 {
        switch self {
        case .microsecond: return 1
        case .millisecond: return 1000
        case .second: return 1_000_000
        case .minute: return 60_000_000
        case .hour: return 3_600_000_000
        case .day: return 86_400_000_000
        case .week: return 7 * 86_400_000_000
        default: return 0
        }
    }

    var months: Int64 {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        case .decade: return 120
        case .century: return 1200
        case .millennium: return 12000
        default: return 0
        }
    }
}
