/// One value of a result row, typed the way the Data API and the wire protocol report it.
public enum SQLValue: Equatable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)

    /// The Data API's `Field`: `{"longValue": 3}`, `{"isNull": true}`, …
    public var field: JSONValue {
        switch self {
        case .null: return ["isNull": true]
        case let .int(i): return ["longValue": .int(i)]
        case let .double(d): return ["doubleValue": .double(d)]
        case let .text(s): return ["stringValue": .string(s)]
        case let .bool(b): return ["booleanValue": .bool(b)]
        }
    }

    /// The text form `sqlite3` and psql print.
    public var text: String? {
        switch self {
        case .null: return nil
        case let .int(i): return String(i)
        case let .double(d): return JSONValue.format(d)
        case let .text(s): return s
        case let .bool(b): return b ? "t" : "f"
        }
    }
}

/// A result column's metadata, as the Data API's `ColumnMetadata` and a wire `RowDescription` need it.
public struct ResultColumn: Equatable, Sendable {
    public var name: String
    /// Redshift's type name: `int8`, `float8`, `varchar`, `bool`, `timestamp`, …
    public var typeName: String
    public var typeOID: Int
    /// The table the column comes from, when it is a plain column reference.
    public var tableName: String

    public var json: JSONValue {
        [
            "isCaseSensitive": .bool(typeName == "varchar" || typeName == "bpchar" || typeName == "text"),
            "isCurrency": false, "isSigned": .bool(["int2", "int4", "int8", "float4", "float8", "numeric"].contains(typeName)),
            "label": .string(name), "length": 0, "name": .string(name), "nullable": 1,
            "precision": 0, "scale": 0, "schemaName": .string(tableName.isEmpty ? "" : "public"),
            "tableName": .string(tableName), "typeName": .string(typeName),
        ]
    }
}

/// What one statement produced: rows for a query, a command tag for everything else.
public struct StatementResult: Equatable, Sendable {
    public var columns: [ResultColumn]
    public var rows: [[SQLValue]]
    /// `SELECT 3`, `INSERT 0 5`, `CREATE TABLE`, … (what a wire client's CommandComplete says).
    public var commandTag: String
    /// Rows inserted, updated, deleted or loaded; -1 when the statement changes none.
    public var rowsAffected: Int
    /// Warnings sent before the result (PostgreSQL's NoticeResponse), such as a COMMIT with no
    /// transaction block open.
    public var notices: [SQLError] = []

    public init(columns: [ResultColumn] = [], rows: [[SQLValue]] = [], commandTag: String, rowsAffected: Int = -1) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.rowsAffected = rowsAffected
    }

    public var hasResultSet: Bool { !columns.isEmpty }
}

/// A statement the leader refused or SQLite failed, PostgreSQL-style (PostgreSQL's frontend/backend protocol documentation).
public struct SQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// SQLSTATE: 42601 syntax error, 42P01 undefined table, 42703 undefined column, 57014 cancelled, …
    public var code: String
    public var message: String
    /// 1-based character position in the statement text, when the error has a place.
    public var position: Int?

    public init(_ code: String, _ message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var description: String { position.map { "\(message) (at position \($0))" } ?? message }

    public static let syntax = "42601", undefinedTable = "42P01", undefinedColumn = "42703", duplicateTable = "42P07"
    public static let featureNotSupported = "0A000", cancelled = "57014", internalError = "XX000", dataException = "22000"
}
