import Estate
import NIOCore

/// The extended query protocol's frontend messages, read from their bodies, and what the
/// session keeps between them: prepared statements and portals.
enum PGExtended {
    /// `Parse`: a statement name (empty: the unnamed one), its text and declared parameter types.
    struct Parse {
        var name: String
        var sql: String
        var parameterTypes: [Int32]
    }

    /// `Bind`: a portal from a statement, its parameter values and the result formats asked for.
    struct Bind {
        var portal: String
        var statement: String
        var parameterFormats: [Int16]
        var values: [[UInt8]?]
        var resultFormats: [Int16]
    }

    /// A prepared statement: its text, the parameter types (declared, or text where the client
    /// left them open) and, once described, its columns.
    struct Statement {
        var sql: String
        var parameterTypes: [Int32]
        var describedColumns: [ResultColumn]?
    }

    /// A bound statement: the SQL with its literals in place, the formats asked for, and once
    /// run, its outcome and how many rows were already sent (Execute may ask for some at a time).
    struct Portal {
        var sql: String
        var resultFormats: [Int16]
        /// Column types the client learned from describing the statement; rows are sent as those.
        var describedColumns: [ResultColumn]?
        var result: StatementResult?
        var sentRows = 0
        var isEmpty: Bool
    }

    static func malformed(_ what: String) -> SQLError { SQLError("08P01", "malformed \(what) message") }

    static func readParse(_ body: inout ByteBuffer) throws(SQLError) -> Parse {
        guard let name = body.readNullTerminatedString(), let sql = body.readNullTerminatedString(),
              let count = body.readInteger(as: Int16.self), count >= 0 else { throw malformed("Parse") }
        var types: [Int32] = []
        for _ in 0..<count {
            guard let oid = body.readInteger(as: Int32.self) else { throw malformed("Parse") }
            types.append(oid)
        }
        return Parse(name: name, sql: sql, parameterTypes: types)
    }

    static func readBind(_ body: inout ByteBuffer) throws(SQLError) -> Bind {
        guard let portal = body.readNullTerminatedString(), let statement = body.readNullTerminatedString() else { throw malformed("Bind") }
        let formats = try readFormats(&body)
        guard let count = body.readInteger(as: Int16.self), count >= 0 else { throw malformed("Bind") }
        var values: [[UInt8]?] = []
        for _ in 0..<count {
            guard let length = body.readInteger(as: Int32.self) else { throw malformed("Bind") }
            if length < 0 { values.append(nil); continue }
            guard let bytes = body.readBytes(length: Int(length)) else { throw malformed("Bind") }
            values.append(bytes)
        }
        let results = try readFormats(&body)
        guard formats.count <= 1 || formats.count == values.count else {
            throw SQLError("08P01", "bind message has \(formats.count) parameter formats but \(values.count) parameters")
        }
        return Bind(portal: portal, statement: statement, parameterFormats: formats, values: values, resultFormats: results)
    }

    static func readFormats(_ body: inout ByteBuffer) throws(SQLError) -> [Int16] {
        guard let count = body.readInteger(as: Int16.self), count >= 0 else { throw malformed("Bind") }
        var formats: [Int16] = []
        for _ in 0..<count {
            guard let f = body.readInteger(as: Int16.self), f == 0 || f == 1 else {
                throw SQLError("22023", "unsupported format code; 0 (text) and 1 (binary) are defined")
            }
            formats.append(f)
        }
        return formats
    }

    /// The format for item `k` of `count` under the protocol's rule: none listed means text,
    /// one listed applies to all, otherwise one each.
    static func format(_ formats: [Int16], _ k: Int) -> Int16 {
        formats.isEmpty ? 0 : formats.count == 1 ? formats[0] : (k < formats.count ? formats[k] : 0)
    }
}
