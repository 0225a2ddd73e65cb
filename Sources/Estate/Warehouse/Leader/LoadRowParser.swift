import GRDB

/// Reads one line of a COPY or Spectrum file into typed column values, and writes UNLOAD lines.
///
/// Errors carry Redshift's STL_LOAD_ERRORS codes: 1204 string longer than its column, 1205 bad
/// date, 1206 bad timestamp, 1207 invalid digit, 1214 wrong number of fields, 1216 bad JSON.
enum LoadRowParser {
    struct Problem: Error {
        var code: Int
        var reason: String
        var column: String
        var value: String
    }

    static func parse(_ line: String, columns: [ColumnDefinition], options: WarehouseDatabase.TransferOptions) -> Result<[DatabaseValue], Problem> {
        let fields: [String?]
        switch options.format {
        case "JSON":
            guard case let .object(pairs)? = try? JSONParser.parse(line) else {
                return .failure(Problem(code: 1216, reason: "Invalid JSONPath format: Not a valid JSON object", column: "", value: String(line.prefix(100))))
            }
            fields = columns.map { c in
                guard let k = matchingKey(c.name, count: pairs.count, key: { pairs[$0].0 }) else { return nil }
                switch pairs[k].1 {
                case .null: return nil
                case let .string(s): return s
                case let .bool(b): return b ? "true" : "false"
                case let v: return v.serialized()
                }
            }
        case "CSV":
            fields = splitCSV(line, options.delimiter).map { Optional($0) }
        default:
            fields = line.split(separator: options.delimiter, omittingEmptySubsequences: false).map { f in
                String(f) == options.nullText ? nil : String(f).replacingOccurrences(of: "\\\(options.delimiter)", with: String(options.delimiter))
            }
        }
        return row(fields, columns: columns, options: options)
    }

    /// `COPY … JSON 'auto'`'s match of a column to a key: the first key equal to its name, else
    /// the first equal to it ignoring case.
    @inline(__always)
    static func matchingKey(_ column: String, count: Int, key: (Int) -> String) -> Int? {
        // Keys usually match exactly; folding case only when not keeps a load cheap.
        for k in 0..<count where key(k) == column { return k }
        let folded = column.lowercased()
        for k in 0..<count where key(k).lowercased() == folded { return k }
        return nil
    }

    /// Typed column values from one field's text per column (nil: NULL), or the first problem.
    static func row(_ fields: [String?], columns: [ColumnDefinition], options: WarehouseDatabase.TransferOptions) -> Result<[DatabaseValue], Problem> {
        if fields.count < columns.count {
            return .failure(Problem(code: 1214, reason: "Delimiter not found", column: columns[fields.count].name, value: ""))
        }
        if fields.count > columns.count {
            return .failure(Problem(code: 1214, reason: "Extra column(s) found", column: columns.last?.name ?? "", value: fields[columns.count] ?? ""))
        }
        var values: [DatabaseValue] = []
        for (c, field) in zip(columns, fields) {
            switch convert(field, c, emptyAsNull: options.emptyAsNull) {
            case let .success(v): values.append(v)
            case let .failure(p): return .failure(p)
            }
        }
        return .success(values)
    }

    /// Spectrum's reading: a field that does not fit its type becomes NULL.
    static func lenient(_ line: String, columns: [ColumnDefinition], options: WarehouseDatabase.TransferOptions) -> [DatabaseValue] {
        let fields = line.split(separator: options.delimiter, omittingEmptySubsequences: false).map(String.init)
        return columns.enumerated().map { k, c in
            guard k < fields.count, case let .success(v) = convert(fields[k], c, emptyAsNull: true) else { return .null }
            return v
        }
    }

    static func convert(_ field: String?, _ c: ColumnDefinition, emptyAsNull: Bool) -> Result<DatabaseValue, Problem> {
        guard let raw = field else { return .success(.null) }
        let text = raw.trimmingBlanks()
        if text.isEmpty, c.type.family != .text || emptyAsNull { return .success(.null) }
        func fail(_ code: Int, _ reason: String) -> Result<DatabaseValue, Problem> {
            .failure(Problem(code: code, reason: reason, column: c.name, value: raw))
        }
        switch c.type.family {
        case .integer:
            guard let i = Int64(text) else { return fail(1207, "Invalid digit, Value '\(text.first.map(String.init) ?? "")', Pos 0, Type: Integer") }
            if c.type.name == "smallint", !(-32768...32767).contains(i) { return fail(1208, "Overflow for SMALLINT") }
            if c.type.name == "integer", !(Int64(Int32.min)...Int64(Int32.max)).contains(i) { return fail(1208, "Overflow for INTEGER") }
            return .success(i.databaseValue)
        case .decimal, .float:
            guard let d = Double(text), d.isFinite else { return fail(1207, "Invalid digit, Value '\(text.first.map(String.init) ?? "")', Pos 0, Type: Decimal") }
            return .success(d.databaseValue)
        case .boolean:
            switch text.lowercased() {
            case "t", "true", "1", "y", "yes": return .success(1.databaseValue)
            case "f", "false", "0", "n", "no": return .success(0.databaseValue)
            default: return fail(1206, "Invalid boolean value")
            }
        case .date:
            guard let t = SQLDateTime(parsing: text) else { return fail(1205, "Invalid Date Format - length must be 10 or more") }
            return .success(t.dateText.databaseValue)
        case .timestamp:
            guard let t = SQLDateTime(parsing: text) else { return fail(1206, "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]") }
            return .success(t.text.databaseValue)
        case .text:
            if let limit = c.type.length, raw.utf8.count > limit {
                return fail(1204, "String length exceeds DDL length")
            }
            return .success(raw.databaseValue)
        case .time, .super_, .binary:
            return .success(raw.databaseValue)
        }
    }

    /// CSV fields: the delimiter separates, double quotes enclose, `""` is a quote.
    static func splitCSV(_ line: String, _ delimiter: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == delimiter {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }

    /// One UNLOAD line: text format escapes the delimiter, CSV quotes fields that need it.
    static func format(_ row: [SQLValue], _ options: WarehouseDatabase.TransferOptions) -> String {
        row.map { v in
            guard let s = v.text else { return options.format == "CSV" ? "" : options.nullText }
            if options.format == "CSV" {
                return s.contains(options.delimiter) || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            return s.replacingOccurrences(of: String(options.delimiter), with: "\\\(options.delimiter)")
        }.joined(separator: String(options.delimiter))
    }
}
