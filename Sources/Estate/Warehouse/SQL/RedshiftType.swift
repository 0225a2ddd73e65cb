/// A Redshift column type as written (`VARCHAR(256)`, `DECIMAL(12,2)`, `TIMESTAMP`), and how it
/// lives in SQLite.
///
/// SQLite has five storage classes; Redshift's types map onto them by affinity. Dates and
/// timestamps are stored as ISO text (`2026-01-01 10:00:00`), the form Redshift prints, so
/// SQLite's own date functions and text comparisons agree with Redshift's ordering.
public struct RedshiftType: Equatable, Sendable {
    public enum Family: String, Sendable {
        case integer, decimal, float, boolean, text, date, timestamp, time, super_, binary
    }

    /// The type's canonical Redshift name, lower-case: `integer`, `character varying(256)`.
    public let name: String
    public let family: Family
    /// The most bytes a text value may hold (`VARCHAR(n)`, `CHAR(n)`); nil for other types.
    /// Kept apart from `name` so a load checks each field without parsing the name again.
    public let length: Int?

    /// Parses a type from its words and an optional `(n[, m])`, e.g. `["double", "precision"]`.
    public init?(words: [String], modifiers: [Int]) {
        let joined = words.map { $0.lowercased() }.joined(separator: " ")
        let mod = modifiers.isEmpty ? "" : "(" + modifiers.map(String.init).joined(separator: ",") + ")"
        switch joined {
        case "smallint", "int2": (name, family) = ("smallint", .integer)
        case "int", "integer", "int4": (name, family) = ("integer", .integer)
        case "bigint", "int8": (name, family) = ("bigint", .integer)
        case "decimal", "numeric":
            let p = modifiers.first ?? 18, s = modifiers.count > 1 ? modifiers[1] : 0
            (name, family) = ("numeric(\(p),\(s))", .decimal)
        case "real", "float4": (name, family) = ("real", .float)
        case "float", "float8", "double precision", "double": (name, family) = ("double precision", .float)
        case "boolean", "bool": (name, family) = ("boolean", .boolean)
        case "varchar", "character varying", "nvarchar", "text":
            (name, family) = ("character varying(\(modifiers.first ?? 256))", .text)
        case "char", "character", "nchar", "bpchar":
            (name, family) = ("character(\(modifiers.first ?? 1))", .text)
        case "date": (name, family) = ("date", .date)
        case "timestamp", "timestamp without time zone", "datetime": (name, family) = ("timestamp without time zone", .timestamp)
        case "timestamptz", "timestamp with time zone": (name, family) = ("timestamp with time zone", .timestamp)
        case "time", "time without time zone", "timetz", "time with time zone": (name, family) = ("time without time zone", .time)
        case "super": (name, family) = ("super", .super_)
        case "varbyte", "varbinary", "binary varying", "geometry", "geography", "hllsketch":
            (name, family) = (joined + mod, .binary)
        default: return nil
        }
        length = family == .text ? (modifiers.first ?? (name.hasPrefix("character(") ? 1 : 256)) : nil
    }

    /// The declared type SQLite sees, chosen for its affinity.
    public var sqliteType: String {
        switch family {
        case .integer, .boolean: return "INTEGER"
        case .decimal, .float: return "REAL"
        case .text, .date, .timestamp, .time, .super_: return "TEXT"
        case .binary: return "BLOB"
        }
    }

    /// The PostgreSQL type OID a wire client expects for this type (PostgreSQL's frontend/backend protocol documentation).
    public var typeOID: Int {
        switch family {
        case .integer: return name == "bigint" ? 20 : name == "smallint" ? 21 : 23
        case .decimal: return 1700
        case .float: return name == "real" ? 700 : 701
        case .boolean: return 16
        case .text: return name.hasPrefix("character(") ? 1042 : 1043
        case .date: return 1082
        case .timestamp: return name.contains("with time zone") && !name.contains("without") ? 1184 : 1114
        case .time: return 1083
        case .super_, .binary: return 25
        }
    }

    /// The words that may continue a type name after its first word.
    static let continuationWords: Set<String> = ["PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE"]

    /// Reads a type starting at `index` in significant tokens; returns the type and the index after it.
    static func read(_ tokens: [SQLToken], at index: Int) -> (RedshiftType, Int)? {
        guard index < tokens.count, tokens[index].kind == .word else { return nil }
        var words = [tokens[index].text]
        var i = index + 1
        while i < tokens.count, continuationWords.contains(tokens[i].keyword) {
            // `TIME` after `WITH`/`WITHOUT` belongs to the type; a lone `TIME` after another word does too.
            words.append(tokens[i].text); i += 1
        }
        var modifiers: [Int] = []
        if i < tokens.count, tokens[i].isSymbol("(") {
            var j = i + 1
            var ok = true
            while j < tokens.count, !tokens[j].isSymbol(")") {
                if tokens[j].kind == .number, let n = Int(tokens[j].text) { modifiers.append(n) }
                else if tokens[j].isKeyword("MAX") { modifiers.append(65535) }
                else if !tokens[j].isSymbol(",") { ok = false; break }
                j += 1
            }
            if ok, j < tokens.count { i = j + 1 } else { modifiers = [] }
        }
        guard let type = RedshiftType(words: words, modifiers: modifiers) else { return nil }
        return (type, i)
    }

    /// SQL that converts an expression to this type, as `expr::type` and `CAST(expr AS type)` do.
    func castTokens(_ expr: [SQLToken]) -> [SQLToken] {
        func call(_ f: String) -> [SQLToken] { [.word(f), .symbol("(")] + expr + [.symbol(")")] }
        switch family {
        case .date: return call("rs_to_date")
        case .timestamp: return call("rs_to_timestamp")
        case .boolean: return call("rs_to_bool")
        case .decimal:
            if let scale = name.split(separator: ",").last.flatMap({ Int($0.dropLast()) }) {
                return [.word("round"), .symbol("("), .word("CAST"), .symbol("(")] + expr
                    + [.word("AS"), .word("REAL"), .symbol(")"), .symbol(","), SQLToken(.number, String(scale)), .symbol(")")]
            }
            fallthrough
        default:
            return [.word("CAST"), .symbol("(")] + expr + [.word("AS"), .word(sqliteType), .symbol(")")]
        }
    }
}
