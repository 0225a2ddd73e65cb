import NIOCore

/// A message from a PostgreSQL client (protocol v3, PostgreSQL's "Frontend/Backend Protocol").
enum PGFrontend: Sendable {
    /// A startup-phase packet: no type byte, a 32-bit code (196608 for v3.0, 80877103 for
    /// SSLRequest, 80877102 for CancelRequest) and its body.
    case startup(code: Int32, body: ByteBuffer)
    /// A typed message after startup: `Q` query, `P` parse, `S` sync, `X` terminate, …
    case message(type: UInt8, body: ByteBuffer)
}

/// Splits the byte stream into frontend messages: startup packets until the real startup
/// message, typed messages after it.
struct PGFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = PGFrontend
    private var started = false
    /// The protocol's own bound on a message; a longer one is a broken or hostile client.
    static let maximumLength = 64 << 20

    static let protocolVersion3: Int32 = 196_608
    static let sslRequest: Int32 = 80_877_103
    static let cancelRequest: Int32 = 80_877_102

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if !started {
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return .needMoreData }
            guard length >= 8, length <= Self.maximumLength else { throw PGProtocolError.badLength }
            guard buffer.readableBytes >= Int(length) else { return .needMoreData }
            buffer.moveReaderIndex(forwardBy: 4)
            let code = buffer.readInteger(as: Int32.self)!
            let body = buffer.readSlice(length: Int(length) - 8)!
            if code == Self.protocolVersion3 { started = true }
            context.fireChannelRead(wrapInboundOut(.startup(code: code, body: body)))
            return .continue
        }
        guard buffer.readableBytes >= 5, let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self) else { return .needMoreData }
        guard length >= 4, length <= Self.maximumLength else { throw PGProtocolError.badLength }
        guard buffer.readableBytes >= Int(length) + 1 else { return .needMoreData }
        let type = buffer.readInteger(as: UInt8.self)!
        buffer.moveReaderIndex(forwardBy: 4)
        let body = buffer.readSlice(length: Int(length) - 4)!
        context.fireChannelRead(wrapInboundOut(.message(type: type, body: body)))
        return .continue
    }
}

enum PGProtocolError: Error { case badLength }

/// Backend messages, written as the protocol lays them out.
enum PGBackend {
    static func message(_ type: Character, _ fill: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var body = ByteBuffer()
        fill(&body)
        var out = ByteBuffer()
        out.writeInteger(type.asciiValue!)
        out.writeInteger(Int32(body.readableBytes + 4))
        out.writeBuffer(&body)
        return out
    }

    static func authenticationOK() -> ByteBuffer { message("R") { $0.writeInteger(Int32(0)) } }

    /// An authentication request: 5 MD5 (with its salt), 10 SASL, 11 SASL continue, 12 SASL final.
    static func authentication(_ code: Int32, _ data: [UInt8]) -> ByteBuffer {
        message("R") { $0.writeInteger(code); $0.writeBytes(data) }
    }

    /// The startup message's `name\0value\0` pairs (`user`, `database`, …).
    static func startupParameters(_ body: ByteBuffer) -> [String: String] {
        var body = body
        var out: [String: String] = [:]
        while let name = body.readNullTerminatedString(), !name.isEmpty, let value = body.readNullTerminatedString() { out[name] = value }
        return out
    }

    static func parameterStatus(_ name: String, _ value: String) -> ByteBuffer {
        message("S") { $0.writeNullTerminatedString(name); $0.writeNullTerminatedString(value) }
    }

    static func backendKeyData(process: Int32, secret: Int32) -> ByteBuffer {
        message("K") { $0.writeInteger(process); $0.writeInteger(secret) }
    }

    /// `ReadyForQuery` with the transaction status: `I` idle, `T` in a block, `E` in a failed block.
    static func readyForQuery(_ status: UInt8 = UInt8(ascii: "I")) -> ByteBuffer { message("Z") { $0.writeInteger(status) } }

    static func parseComplete() -> ByteBuffer { message("1") { _ in } }
    static func bindComplete() -> ByteBuffer { message("2") { _ in } }
    static func closeComplete() -> ByteBuffer { message("3") { _ in } }
    static func noData() -> ByteBuffer { message("n") { _ in } }
    static func portalSuspended() -> ByteBuffer { message("s") { _ in } }

    static func parameterDescription(_ typeOIDs: [Int32]) -> ByteBuffer {
        message("t") { b in
            b.writeInteger(Int16(typeOIDs.count))
            for oid in typeOIDs { b.writeInteger(oid) }
        }
    }

    static func emptyQuery() -> ByteBuffer { message("I") { _ in } }

    static func commandComplete(_ tag: String) -> ByteBuffer { message("C") { $0.writeNullTerminatedString(tag) } }

    /// Columns in text format, with PostgreSQL's type OIDs so clients convert the text.
    /// `formats` gives each column's format code (0 text, 1 binary); empty means all text.
    static func rowDescription(_ columns: [(name: String, typeOID: Int32)], formats: [Int16] = []) -> ByteBuffer {
        message("T") { b in
            b.writeInteger(Int16(columns.count))
            for (k, column) in columns.enumerated() {
                b.writeNullTerminatedString(column.name)
                b.writeInteger(Int32(0))    // table OID: not a table column as far as the client knows
                b.writeInteger(Int16(0))    // attribute number
                b.writeInteger(column.typeOID)
                b.writeInteger(Int16(-1))   // type size: variable
                b.writeInteger(Int32(-1))   // type modifier
                b.writeInteger(k < formats.count ? formats[k] : 0)
            }
        }
    }

    static func dataRow(_ values: [String?]) -> ByteBuffer {
        message("D") { b in
            b.writeInteger(Int16(values.count))
            for value in values {
                guard let value else { b.writeInteger(Int32(-1)); continue }
                b.writeInteger(Int32(value.utf8.count))
                b.writeString(value)
            }
        }
    }

    /// A row of values already in their wire format (nil: NULL).
    static func dataRow(bytes values: [[UInt8]?]) -> ByteBuffer {
        message("D") { b in
            b.writeInteger(Int16(values.count))
            for value in values {
                guard let value else { b.writeInteger(Int32(-1)); continue }
                b.writeInteger(Int32(value.count))
                b.writeBytes(value)
            }
        }
    }

    /// `ErrorResponse`: severity, SQLSTATE, message and, for syntax errors, the 1-based position.
    /// A NoticeResponse: the same fields as an error, at WARNING, which the client shows and goes on.
    static func notice(code: String, message text: String) -> ByteBuffer {
        fields("N", code: code, message: text, position: nil, severity: "WARNING")
    }

    static func error(code: String, message text: String, position: Int? = nil, severity: String = "ERROR") -> ByteBuffer {
        fields("E", code: code, message: text, position: position, severity: severity)
    }

    private static func fields(_ type: Character, code: String, message text: String, position: Int?, severity: String) -> ByteBuffer {
        message(type) { b in
            for (field, value) in [("S", severity), ("V", severity), ("C", code), ("M", text)] {
                b.writeInteger(Character(field).asciiValue!)
                b.writeNullTerminatedString(value)
            }
            if let position {
                b.writeInteger(UInt8(ascii: "P"))
                b.writeNullTerminatedString(String(position))
            }
            b.writeInteger(UInt8(0))
        }
    }
}
