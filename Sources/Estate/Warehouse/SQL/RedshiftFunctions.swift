import GRDB

/// What the SQL functions may read of the session: the virtual clock, the user and database.
///
/// SQLite calls functions from inside a statement, so they cannot ask the estate; the leader
/// sets these values before each statement. One database is used by one estate thread only.
public final class SessionState: @unchecked Sendable {
    public var now: SimInstant = .zero
    public var user = "awsuser"
    public var database = "dev"
    public var version = RedshiftVersion.banner

    public init() {}
}

public enum RedshiftVersion {
    /// `SELECT version()` on Redshift.
    public static let banner = "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467"
}

/// Redshift's functions that SQLite lacks, registered on each cluster's database.
///
/// Date and time functions read the virtual clock through `SessionState`, never the host's.
public enum RedshiftFunctions {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func text(_ v: DatabaseValue) -> String? {
        switch v.storage {
        case .null: return nil
        case let .string(s): return s
        case let .int64(i): return String(i)
        case let .double(d): return String(d)
        case .blob: return nil
        }
    }

    static func timestamp(_ v: DatabaseValue, _ function: String) throws -> SQLDateTime? {
        guard let s = text(v) else { return nil }
        guard let t = SQLDateTime(parsing: s) else { throw Failure(description: "invalid input syntax for type timestamp: \"\(s)\" in \(function)") }
        return t
    }

    static func part(_ v: DatabaseValue, _ function: String) throws -> DatePart {
        guard let s = text(v), let p = DatePart(name: s) else {
            throw Failure(description: "\(function): unsupported date part \"\(text(v) ?? "NULL")\"")
        }
        return p
    }

    static func integer(_ v: DatabaseValue) -> Int64? {
        switch v.storage {
        case let .int64(i): return i
        case let .double(d): return Int64(d)
        case let .string(s): return Int64(s)
        default: return nil
        }
    }

    public static func register(on db: Database, session: SessionState) {
        db.add(function: DatabaseFunction("getdate", argumentCount: 0) { _ in
            let t = SQLDateTime(session.now)
            return SQLDateTime(microseconds: t.microseconds / 1_000_000 * 1_000_000).text
        })
        db.add(function: DatabaseFunction("sysdate", argumentCount: 0) { _ in SQLDateTime(session.now).text })
        db.add(function: DatabaseFunction("rs_current_date", argumentCount: 0) { _ in SQLDateTime(session.now).dateText })
        db.add(function: DatabaseFunction("rs_current_time", argumentCount: 0) { _ in String(SQLDateTime(session.now).text.dropFirst(11)) })
        db.add(function: DatabaseFunction("version", argumentCount: 0) { _ in session.version })
        db.add(function: DatabaseFunction("current_user", argumentCount: 0) { _ in session.user })
        db.add(function: DatabaseFunction("current_database", argumentCount: 0) { _ in session.database })
        db.add(function: DatabaseFunction("current_schema", argumentCount: 0) { _ in "public" })

        db.add(function: DatabaseFunction("dateadd", argumentCount: 3, pure: true) { v in
            guard let n = integer(v[1]), let t = try timestamp(v[2], "dateadd") else { return nil }
            return t.adding(try part(v[0], "dateadd"), n).text
        })
        db.add(function: DatabaseFunction("datediff", argumentCount: 3, pure: true) { v in
            guard let a = try timestamp(v[1], "datediff"), let b = try timestamp(v[2], "datediff") else { return nil }
            return SQLDateTime.difference(try part(v[0], "datediff"), from: a, to: b)
        })
        db.add(function: DatabaseFunction("date_trunc", argumentCount: 2, pure: true) { v in
            guard let t = try timestamp(v[1], "date_trunc") else { return nil }
            return t.truncated(to: try part(v[0], "date_trunc")).text
        })
        let datePart: @Sendable ([DatabaseValue]) throws -> (any DatabaseValueConvertible)? = { v in
            guard let name = text(v[0]), let t = try timestamp(v[1], "date_part") else { return nil }
            let f = t.fields
            switch name.lowercased() {
            case "dow", "dayofweek": return f.dayOfWeek
            case "doy", "dayofyear": return f.dayOfYear
            case "epoch": return Double(t.microseconds) / 1_000_000
            case "week", "w":
                // ISO week number.
                let thursday = t.truncated(to: .week).adding(.day, 3)
                return (thursday.fields.dayOfYear - 1) / 7 + 1
            default:
                switch try part(v[0], "date_part") {
                case .microsecond: return f.second * 1_000_000 + f.micro
                case .millisecond: return f.second * 1000 + f.micro / 1000
                case .second: return f.second
                case .minute: return f.minute
                case .hour: return f.hour
                case .day: return f.day
                case .month: return f.month
                case .quarter: return (f.month - 1) / 3 + 1
                case .year: return f.year
                case .decade: return f.year / 10
                case .century: return (f.year - 1) / 100 + 1
                case .millennium: return (f.year - 1) / 1000 + 1
                case .week: return 0
                }
            }
        }
        db.add(function: DatabaseFunction("date_part", argumentCount: 2, pure: true, function: datePart))
        db.add(function: DatabaseFunction("datepart", argumentCount: 2, pure: true, function: datePart))

        db.add(function: DatabaseFunction("nvl", pure: true) { v in v.first { !$0.isNull } })
        db.add(function: DatabaseFunction("nvl2", argumentCount: 3, pure: true) { v in v[0].isNull ? v[2] : v[1] })
        db.add(function: DatabaseFunction("decode", pure: true) { v in
            // DECODE(expr, search1, result1, …, [default]); NULL matches NULL, as in Redshift.
            guard let expr = v.first else { return nil }
            var k = 1
            while k + 1 < v.count {
                if v[k] == expr || (v[k].isNull && expr.isNull) { return v[k + 1] }
                k += 2
            }
            return k < v.count ? v[k] : nil
        })
        db.add(function: DatabaseFunction("len", argumentCount: 1, pure: true) { v in
            guard let s = text(v[0]) else { return nil }
            // LEN ignores trailing blanks, as for CHAR values in Redshift.
            var t = Substring(s)
            while t.hasSuffix(" ") { t = t.dropLast() }
            return t.count
        })
        db.add(function: DatabaseFunction("to_char", argumentCount: 2, pure: true) { v in
            guard let format = text(v[1]) else { return nil }
            if case .string = v[0].storage, let t = try timestamp(v[0], "to_char") { return DateFormatPattern.format(t, format) }
            switch v[0].storage {
            case let .int64(i): return NumberFormatPattern.format(Double(i), format)
            case let .double(d): return NumberFormatPattern.format(d, format)
            default: return nil
            }
        })
        db.add(function: DatabaseFunction("rs_to_date", argumentCount: 1, pure: true) { v in
            try timestamp(v[0], "date")?.dateText
        })
        db.add(function: DatabaseFunction("rs_to_timestamp", argumentCount: 1, pure: true) { v in
            try timestamp(v[0], "timestamp")?.text
        })
        db.add(function: DatabaseFunction("rs_to_bool", argumentCount: 1, pure: true) { v in
            switch v[0].storage {
            case .null: return nil
            case let .int64(i): return i != 0 ? 1 : 0
            case let .double(d): return d != 0 ? 1 : 0
            case let .string(s):
                switch s.lowercased().trimmingCharacters(in: .whitespaces) {
                case "t", "true", "y", "yes", "1", "on": return 1
                case "f", "false", "n", "no", "0", "off": return 0
                default: throw Failure(description: "invalid input syntax for type boolean: \"\(s)\"")
                }
            case .blob: return nil
            }
        })
        db.add(function: DatabaseFunction("median", argumentCount: 1, pure: true, aggregate: Median.self))
        db.add(function: DatabaseFunction("rs_listagg", argumentCount: 3, pure: true, aggregate: ListAgg.self))
        db.add(function: DatabaseFunction("rs_listagg_desc", argumentCount: 3, pure: true, aggregate: ListAggDescending.self))
        db.add(function: DatabaseFunction("rs_slice", argumentCount: 2, pure: true) { v in
            Int64(SliceHash.slice(of: v[0], slices: Int(integer(v[1]) ?? 1)))
        })
    }
}

/// `MEDIAN(x)`: the middle value, or the mean of the two middle values, ignoring NULLs.
struct Median: DatabaseAggregate {
    var values: [Double] = []
    mutating func step(_ v: [DatabaseValue]) {
        switch v[0].storage {
        case let .int64(i): values.append(Double(i))
        case let .double(d): values.append(d)
        case let .string(s): if let d = Double(s) { values.append(d) }
        default: break
        }
    }
    func finalize() -> (any DatabaseValueConvertible)? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// `LISTAGG(value, delimiter) WITHIN GROUP (ORDER BY key)`.
struct ListAgg: DatabaseAggregate {
    var items: [(key: DatabaseValue, value: String, position: Int)] = []
    var delimiter = ""
    static var descending: Bool { false }
    mutating func step(_ v: [DatabaseValue]) {
        guard let s = RedshiftFunctions.text(v[0]) else { return }
        delimiter = RedshiftFunctions.text(v[1]) ?? ""
        items.append((v[2], s, items.count))
    }
    func finalize() -> (any DatabaseValueConvertible)? {
        guard !items.isEmpty else { return nil }
        let desc = Self.descending
        let sorted = items.sorted { a, b in
            let c = SQLValueOrder.compare(a.key, b.key)
            if c != 0 { return desc ? c > 0 : c < 0 }
            return a.position < b.position
        }
        return sorted.map(\.value).joined(separator: delimiter)
    }
}

struct ListAggDescending: DatabaseAggregate {
    var inner = ListAgg()
    mutating func step(_ v: [DatabaseValue]) { inner.step(v) }
    func finalize() -> (any DatabaseValueConvertible)? {
        guard !inner.items.isEmpty else { return nil }
        let sorted = inner.items.sorted { a, b in
            let c = SQLValueOrder.compare(a.key, b.key)
            return c != 0 ? c > 0 : a.position < b.position
        }
        return sorted.map(\.value).joined(separator: inner.delimiter)
    }
}

/// SQLite's ordering of values of mixed storage classes: NULL, numbers, text, blobs.
enum SQLValueOrder {
    static func compare(_ a: DatabaseValue, _ b: DatabaseValue) -> Int {
        func rank(_ v: DatabaseValue) -> Int {
            switch v.storage { case .null: return 0; case .int64, .double: return 1; case .string: return 2; case .blob: return 3 }
        }
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.storage, b.storage) {
        case let (.int64(x), .int64(y)): return x < y ? -1 : x > y ? 1 : 0
        case let (.string(x), .string(y)): return x < y ? -1 : x > y ? 1 : 0
        default:
            let x = Double.fromDatabaseValue(a) ?? 0, y = Double.fromDatabaseValue(b) ?? 0
            return x < y ? -1 : x > y ? 1 : 0
        }
    }
}
