import Foundation
import GRDB

/// Turns SQLite's answers into Redshift's: typed values, column metadata, and errors with a
/// SQLSTATE and the position in the user's text.
enum ResultTyping {
    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: return .null
        case let .int64(i): return .int(i)
        case let .double(d): return .double(d)
        case let .string(s): return .text(s)
        case let .blob(b): return .text(b.map { String(format: "%02x", $0) }.joined())
        }
    }

    /// Column metadata: a column named like a column of a table the statement reads takes that
    /// column's Redshift type; others are typed by their values. Boolean columns turn 0/1 into
    /// booleans.
    static func columns(names: [String], rows: inout [[SQLValue]], tables: [WarehouseTable], booleans: Set<String> = []) -> [ResultColumn] {
        var columns: [ResultColumn] = []
        for (k, name) in names.enumerated() {
            let lower = name.lowercased()
            if let table = tables.first(where: { $0.definition.column(lower) != nil }), let c = table.definition.column(lower),
               rows.allSatisfy({ fits($0[k], c.type.family) }) {
                columns.append(ResultColumn(name: name, typeName: typeName(c.type), typeOID: c.type.typeOID, tableName: table.name))
                if c.type.family == .boolean {
                    for r in rows.indices { if case let .int(i) = rows[r][k] { rows[r][k] = .bool(i != 0) } }
                }
                continue
            }
            if booleans.contains(lower), rows.allSatisfy({ if case let .int(i) = $0[k] { return i == 0 || i == 1 } else { return $0[k] == .null } }) {
                // A catalog column such as pg_attribute.attnotnull: psql reads `t` and `f`.
                for r in rows.indices { if case let .int(i) = rows[r][k] { rows[r][k] = .bool(i != 0) } }
                columns.append(ResultColumn(name: name, typeName: "bool", typeOID: 16, tableName: ""))
                continue
            }
            var typeName = "varchar", oid = 1043
            for row in rows {
                switch row[k] {
                case .null: continue
                case .int: (typeName, oid) = ("int8", 20)
                case .double: (typeName, oid) = ("float8", 701)
                case .bool: (typeName, oid) = ("bool", 16)
                case .text: (typeName, oid) = ("varchar", 1043)
                }
                break
            }
            columns.append(ResultColumn(name: name, typeName: typeName, typeOID: oid, tableName: ""))
        }
        return columns
    }

    /// Whether a value can be of a declared family (an expression may share a column's name).
    static func fits(_ v: SQLValue, _ family: RedshiftType.Family) -> Bool {
        switch (v, family) {
        case (.null, _): return true
        case (.int, .integer), (.int, .boolean), (.int, .decimal), (.double, .decimal), (.double, .float), (.int, .float): return true
        case (.text, .text), (.text, .date), (.text, .timestamp), (.text, .time), (.text, .super_), (.text, .binary): return true
        default: return false
        }
    }

    static func typeName(_ t: RedshiftType) -> String {
        switch t.family {
        case .integer: return t.name == "bigint" ? "int8" : t.name == "smallint" ? "int2" : "int4"
        case .decimal: return "numeric"
        case .float: return t.name == "real" ? "float4" : "float8"
        case .boolean: return "bool"
        case .text: return t.name.hasPrefix("character(") ? "bpchar" : "varchar"
        case .date: return "date"
        case .timestamp: return t.typeOID == 1184 ? "timestamptz" : "timestamp"
        case .time: return "time"
        case .super_: return "super"
        case .binary: return "varbyte"
        }
    }

    /// SQLite's message with PostgreSQL's SQLSTATE and the 1-based position of the offending
    /// token in the original statement.
    static func sqlError(_ error: DatabaseError, tokens: [SQLToken]) -> SQLError {
        let message = error.message ?? "\(error)"
        var code = SQLError.internalError
        var needle: String?
        if message.hasPrefix("near \"") {
            code = SQLError.syntax
            needle = String(message.dropFirst(6).prefix { $0 != "\"" })
        } else if message.hasPrefix("no such table: ") {
            code = SQLError.undefinedTable
            needle = String(message.dropFirst(15)).split(separator: ".").last.map(String.init)
        } else if message.hasPrefix("no such column: ") {
            code = SQLError.undefinedColumn
            needle = String(message.dropFirst(16)).split(separator: ".").last.map(String.init)
        } else if message.hasPrefix("no such function: ") {
            code = "42883"
            needle = String(message.dropFirst(18))
        } else if message.hasPrefix("invalid regular expression") {
            code = "2201B"
        } else if message.contains("already exists") {
            code = SQLError.duplicateTable
        } else if message.contains("incomplete input") {
            code = SQLError.syntax
            return SQLError(code, "syntax error at end of input", position: (tokens.last.map { $0.offset + $0.text.count } ?? 0) + 1)
        } else if message.hasPrefix("NOT NULL constraint failed: ") {
            // Redshift's wording and PostgreSQL's not_null_violation.
            let column = String(message.dropFirst(28)).split(separator: ".").last.map(String.init) ?? ""
            return SQLError("23502", "Cannot insert a NULL value into column \(column)",
                            position: tokens.first { $0.offset >= 0 && $0.identifierName == column.lowercased() }.map { $0.offset + 1 })
        } else if error.resultCode == .SQLITE_CONSTRAINT {
            code = "23505"
        } else if message.contains("syntax error") {
            code = SQLError.syntax
        }
        var position: Int?
        if let needle {
            let match = tokens.first { $0.offset >= 0 && $0.text.caseInsensitiveCompare(needle) == .orderedSame }
                ?? tokens.first { $0.offset >= 0 && $0.identifierName == needle.lowercased() }
            position = match.map { $0.offset + 1 }
        }
        return SQLError(code, message, position: position)
    }
}
