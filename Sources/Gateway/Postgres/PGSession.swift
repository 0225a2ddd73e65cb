import Estate
import NIOCore

/// One client connection: startup, then queries run on the estate's thread in the order sent.
///
/// Frames arrive on the connection's event loop and go into a stream that one task reads in
/// order, so a pipelining client's statements run one after another, each through the mailbox.
final class PGSessionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = PGFrontend
    typealias OutboundOut = ByteBuffer

    let mailbox: EstateMailbox
    let cluster: String?
    private var frames: AsyncStream<PGFrontend>.Continuation?

    init(mailbox: EstateMailbox, cluster: String?) {
        self.mailbox = mailbox
        self.cluster = cluster
    }

    func channelActive(context: ChannelHandlerContext) {
        let (stream, continuation) = AsyncStream<PGFrontend>.makeStream()
        frames = continuation
        let session = PGSession(channel: context.channel, mailbox: mailbox, cluster: cluster)
        Task { await session.run(stream) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        frames?.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        frames?.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The protocol's conversation for one connection, reading frames in order.
struct PGSession: Sendable {
    let channel: any Channel
    let mailbox: EstateMailbox
    let cluster: String?

    /// What the server reports at startup; Redshift's leader says it is PostgreSQL 8.0.2.
    static let parameters: [(String, String)] = [
        ("server_version", "8.0.2"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"),
        ("DateStyle", "ISO, MDY"), ("TimeZone", "UTC"), ("integer_datetimes", "on"),
        ("standard_conforming_strings", "on"), ("is_superuser", "on"),
    ]

    func run(_ frames: AsyncStream<PGFrontend>) async {
        // After an extended-protocol error, messages are skipped until Sync, as the protocol says.
        var skippingToSync = false
        for await frame in frames {
            switch frame {
            case let .startup(code, _):
                switch code {
                case PGFrameDecoder.sslRequest:
                    // "N": no TLS here; the client goes on in plain text (psql's sslmode=prefer).
                    send([ByteBuffer(bytes: [UInt8(ascii: "N")])])
                case PGFrameDecoder.protocolVersion3:
                    send([PGBackend.authenticationOK()] + Self.parameters.map { PGBackend.parameterStatus($0.0, $0.1) }
                         + [PGBackend.backendKeyData(process: 1, secret: 1), PGBackend.readyForQuery()])
                case PGFrameDecoder.cancelRequest:
                    // Statements finish in virtual time before their answer is written; nothing is left to cancel.
                    _ = try? await channel.close()
                    return
                default:
                    send([PGBackend.error(code: "08P01", message: "unsupported frontend protocol \(code >> 16).\(code & 0xffff): cloudtop speaks 3.0", severity: "FATAL")])
                    _ = try? await channel.close()
                    return
                }
            case var .message(type, body):
                switch type {
                case UInt8(ascii: "Q"):
                    let sql = body.readNullTerminatedString() ?? ""
                    send(await query(sql) + [PGBackend.readyForQuery()])
                case UInt8(ascii: "X"):
                    _ = try? await channel.close()
                    return
                case UInt8(ascii: "S"):
                    skippingToSync = false
                    send([PGBackend.readyForQuery()])
                case UInt8(ascii: "H"):
                    break
                default:
                    if !skippingToSync {
                        skippingToSync = true
                        send([PGBackend.error(code: "0A000", message: "the extended query protocol is not supported yet; use the simple query protocol (psql does)")])
                    }
                }
            }
        }
    }

    private func send(_ buffers: [ByteBuffer]) {
        var all = ByteBuffer()
        for var b in buffers { all.writeBuffer(&b) }
        channel.writeAndFlush(all, promise: nil)
    }

    /// One simple-protocol query: its rows and command tag, or its error.
    private func query(_ sql: String) async -> [ByteBuffer] {
        if sql.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ";"))).isEmpty {
            return [PGBackend.emptyQuery()]
        }
        let verb = SQLVerb(statement: sql, cluster: cluster)
        let outcome = await mailbox.perform { estate in estate.runStatement(verb) }
        switch outcome {
        case let .failure(error):
            let code = error.code == "ClusterNotFound" ? "3D000" : "57P03"
            return [PGBackend.error(code: code, message: error.message)]
        case let .success(.failed(error)):
            return [PGBackend.error(code: error.code, message: error.message, position: error.position)]
        case .success(.result(nil)):
            return [PGBackend.emptyQuery()]
        case let .success(.result(result?)):
            var out: [ByteBuffer] = []
            if result.hasResultSet {
                out.append(PGBackend.rowDescription(result.columns.map { ($0.name, Int32($0.typeOID)) }))
                for row in result.rows { out.append(PGBackend.dataRow(row.map(\.text))) }
            }
            out.append(PGBackend.commandComplete(result.commandTag))
            return out
        }
    }
}
