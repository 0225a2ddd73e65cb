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
    let authentication: PGAuthentication?
    private var frames: AsyncStream<PGFrontend>.Continuation?

    init(mailbox: EstateMailbox, cluster: String?, authentication: PGAuthentication? = nil) {
        self.mailbox = mailbox
        self.cluster = cluster
        self.authentication = authentication
    }

    func channelActive(context: ChannelHandlerContext) {
        let (stream, continuation) = AsyncStream<PGFrontend>.makeStream()
        frames = continuation
        let session = PGSession(channel: context.channel, mailbox: mailbox, cluster: cluster, authentication: authentication)
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

/// The protocol's conversation for one connection, reading frames in order: the simple query
/// protocol (`Query`) and the extended one (`Parse`, `Bind`, `Describe`, `Execute`, `Close`,
/// `Sync`, `Flush`), which psycopg, redshift_connector and JDBC use.
///
/// Only the one task that reads the connection's frames touches its state, so the class needs
/// no lock.
final class PGSession: @unchecked Sendable {
    let channel: any Channel
    let mailbox: EstateMailbox
    let cluster: String?
    let authentication: PGAuthentication?
    /// The password exchange under way, between the startup message and AuthenticationOk.
    private var exchange: PGAuthExchange?

    private var statements: [String: PGExtended.Statement] = [:]
    private var portals: [String: PGExtended.Portal] = [:]
    private var transaction = PGTransaction()
    /// This connection's transaction block as the leader's undo log knows it: unique while the
    /// session lives, and the session ends its block before it goes.
    private var block: Int { Int(bitPattern: UInt(bitPattern: ObjectIdentifier(self))) }
    /// After an extended-protocol error, messages are skipped until Sync, as the protocol says.
    private var skippingToSync = false
    /// Answers to extended-protocol messages, written at Sync or Flush.
    private var pending: [ByteBuffer] = []

    init(channel: any Channel, mailbox: EstateMailbox, cluster: String?, authentication: PGAuthentication? = nil) {
        self.channel = channel
        self.mailbox = mailbox
        self.cluster = cluster
        self.authentication = authentication
    }

    /// What follows a successful authentication: AuthenticationOk, the parameters, ReadyForQuery.
    static var welcome: [ByteBuffer] {
        [PGBackend.authenticationOK()] + parameters.map { PGBackend.parameterStatus($0.0, $0.1) }
            + [PGBackend.backendKeyData(process: 1, secret: 1), PGBackend.readyForQuery()]
    }

    /// What the server reports at startup; Redshift's leader says it is PostgreSQL 8.0.2.
    static let parameters: [(String, String)] = [
        ("server_version", "8.0.2"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"),
        ("DateStyle", "ISO, MDY"), ("TimeZone", "UTC"), ("integer_datetimes", "on"),
        ("standard_conforming_strings", "on"), ("is_superuser", "on"),
    ]

    func run(_ frames: AsyncStream<PGFrontend>) async {
        for await frame in frames {
            switch frame {
            case let .startup(code, body):
                switch code {
                case PGFrameDecoder.sslRequest:
                    // "N": no TLS here; the client goes on in plain text (psql's sslmode=prefer).
                    send([ByteBuffer(bytes: [UInt8(ascii: "N")])])
                case PGFrameDecoder.protocolVersion3:
                    guard let authentication else {
                        // Trust: any user is accepted, as a local PostgreSQL's default `trust` line does.
                        send(Self.welcome)
                        continue
                    }
                    var exchange = PGAuthExchange(authentication, user: PGBackend.startupParameters(body)["user"] ?? "")
                    let challenge = exchange.challenge()
                    self.exchange = exchange
                    send([PGBackend.authentication(challenge.code, challenge.data)])
                case PGFrameDecoder.cancelRequest:
                    // Statements finish in virtual time before their answer is written; nothing is left to cancel.
                    _ = try? await channel.close()
                    return
                default:
                    send([PGBackend.error(code: "08P01", message: "unsupported frontend protocol \(code >> 16).\(code & 0xffff): cloudtop speaks 3.0", severity: "FATAL")])
                    _ = try? await channel.close()
                    return
                }
            case let .message(type, body):
                if type == UInt8(ascii: "X") {
                    await abandonBlock()
                    _ = try? await channel.close()
                    return
                }
                if exchange != nil {
                    guard await authenticate(type, body) else { return }
                    continue
                }
                await handle(type, body)
            }
        }
        await abandonBlock()
    }

    /// A connection that goes mid-block rolls it back, as PostgreSQL does.
    private func abandonBlock() async {
        guard transaction.inBlock else { return }
        transaction.end()
        let (block, cluster) = (block, cluster)
        _ = await mailbox.perform { estate in estate.endBlock(block, cluster: cluster, commit: false) }
    }

    /// One message of the password exchange; false when the connection was refused and closed.
    private func authenticate(_ type: UInt8, _ body: ByteBuffer) async -> Bool {
        guard type == UInt8(ascii: "p"), var exchange else {
            send([PGBackend.error(code: "08P01", message: "expected password response, got message type \(Character(Unicode.Scalar(type)))", severity: "FATAL")])
            _ = try? await channel.close()
            return false
        }
        switch exchange.receive(Array(body.readableBytesView)) {
        case let .send(data):
            self.exchange = exchange
            send([PGBackend.authentication(11, data)])
            return true
        case let .accepted(final):
            self.exchange = nil
            send((final.map { [PGBackend.authentication(12, $0)] } ?? []) + Self.welcome)
            return true
        case let .refused(code, message):
            send([PGBackend.error(code: code, message: message, severity: "FATAL")])
            _ = try? await channel.close()
            return false
        }
    }

    private func handle(_ type: UInt8, _ body: ByteBuffer) async {
        var body = body
        if type == UInt8(ascii: "S") {
            skippingToSync = false
            portals[""] = nil
            pending.append(PGBackend.readyForQuery(transaction.status))
            flush()
            return
        }
        if type == UInt8(ascii: "H") { flush(); return }
        if skippingToSync { return }
        do throws(SQLError) {
            switch type {
            case UInt8(ascii: "Q"):
                let sql = body.readNullTerminatedString() ?? ""
                pending += await simpleQuery(sql)
                pending.append(PGBackend.readyForQuery(transaction.status))
                flush()
            case UInt8(ascii: "P"): try parse(PGExtended.readParse(&body))
            case UInt8(ascii: "B"): try bind(PGExtended.readBind(&body))
            case UInt8(ascii: "D"): try await describe(&body)
            case UInt8(ascii: "E"): try await execute(&body)
            case UInt8(ascii: "C"): try close(&body)
            default:
                throw SQLError(SQLError.featureNotSupported, "message type '\(Character(Unicode.Scalar(type)))' (COPY and function calls) is not supported")
            }
        } catch {
            pending.append(PGBackend.error(code: error.code, message: error.message, position: error.position))
            transaction.failed()
            skippingToSync = true
        }
    }

    private func flush() {
        send(pending)
        pending.removeAll()
    }

    private func send(_ buffers: [ByteBuffer]) {
        guard !buffers.isEmpty else { return }
        var all = ByteBuffer()
        for var b in buffers { all.writeBuffer(&b) }
        channel.writeAndFlush(all, promise: nil)
    }

    // MARK: - Simple query

    /// One simple-protocol query: each statement's rows and command tag, up to the first error.
    /// Statements run one by one, so `BEGIN; …; ROLLBACK` in one message is a block like any other.
    ///
    /// Several statements outside a block run as one implicit transaction, as PostgreSQL runs
    /// them: an error rolls back what the message's earlier statements did, unless a COMMIT among
    /// them ended the implicit block first; a BEGIN among them makes it a regular block. When one
    /// of them is DDL the undo log cannot take back (a view, an index), they run one by one and
    /// each stays done, as before.
    private func simpleQuery(_ sql: String) async -> [ByteBuffer] {
        if PGTransaction.isBlank(sql) { return [PGBackend.emptyQuery()] }
        let statements = Self.statements(sql)
        let implicit = statements.count > 1 && statements.allSatisfy { WarehouseDatabase.canRunInBlock($0.text) }
        var out: [ByteBuffer] = []
        for (statement, offset) in statements {
            // Outside a block, including after a COMMIT or ROLLBACK earlier in the message.
            if implicit, !transaction.inBlock { transaction.beginImplicit() }
            switch await run(statement) {
            case let .failure(error):
                // A position counts from the start of the query, not of its statement.
                out.append(PGBackend.error(code: error.code, message: error.message, position: error.position.map { $0 + offset }))
                if transaction.isImplicit { await endImplicitBlock(commit: false) }
                return out
            case .success(nil):
                out.append(PGBackend.emptyQuery())
            case let .success(result?):
                for notice in result.notices { out.append(PGBackend.notice(code: notice.code, message: notice.message)) }
                if result.hasResultSet {
                    out.append(PGBackend.rowDescription(result.columns.map { ($0.name, Int32($0.typeOID)) }))
                    for row in result.rows { out.append(PGBackend.dataRow(row.map(\.text))) }
                }
                out.append(PGBackend.commandComplete(result.commandTag))
            }
        }
        if transaction.isImplicit { await endImplicitBlock(commit: true) }
        return out
    }

    private func endImplicitBlock(commit: Bool) async {
        let (block, cluster) = (block, cluster)
        transaction.end()
        _ = await mailbox.perform { estate in estate.endBlock(block, cluster: cluster, commit: commit) }
    }

    /// A query's statements as text with where each starts, split at top-level semicolons; text
    /// the lexer cannot read goes whole, for the leader to report its error.
    static func statements(_ sql: String) -> [(text: String, offset: Int)] {
        guard let tokens = try? SQLLexer.tokenize(sql) else { return [(sql, 0)] }
        let statements = SQLLexer.statements(tokens).map { (SQLLexer.render($0), max(0, $0.first?.offset ?? 0)) }
        return statements.isEmpty ? [(sql, 0)] : statements
    }

    /// Runs one statement for this session: transaction control answered here, everything else
    /// on the leader through WLM.
    private func run(_ sql: String) async -> Result<StatementResult?, SQLError> {
        if let control = PGTransaction.control(sql) { return await run(control) }
        if let tag = deallocate(sql) { return .success(StatementResult(commandTag: tag)) }
        if let refusal = transaction.refusal { return .failure(refusal) }
        let verb = SQLVerb(statement: sql, cluster: cluster, block: transaction.inBlock ? block : nil)
        let outcome = await mailbox.perform { estate in estate.runStatement(verb) }
        switch outcome {
        case let .failure(error):
            transaction.failed()
            return .failure(SQLError(error.code == "ClusterNotFound" ? "3D000" : "57P03", error.message))
        case let .success(.failed(error)):
            transaction.failed()
            return .failure(error)
        case let .success(.result(result)):
            return .success(result)
        }
    }

    /// BEGIN, COMMIT, ROLLBACK and savepoints, as PostgreSQL answers them; the leader undoes or
    /// keeps the block's changes.
    private func run(_ control: PGTransaction.Control) async -> Result<StatementResult?, SQLError> {
        let (block, cluster) = (block, cluster)
        switch control {
        case .begin:
            if let refusal = transaction.refusal { return .failure(refusal) }
            transaction.begin()
            return .success(StatementResult(commandTag: "BEGIN"))
        case .commit, .rollback:
            // COMMIT of a failed block rolls it back, and says so.
            let commit = control == .commit && !transaction.isFailed
            let wasInBlock = transaction.inBlock
            // PostgreSQL warns when no BEGIN opened a block, an implicit one included, and goes on.
            let explicit = wasInBlock && !transaction.isImplicit
            transaction.end()
            if wasInBlock, let error = await mailbox.perform({ estate in estate.endBlock(block, cluster: cluster, commit: commit) }) {
                return .failure(error)
            }
            var result = StatementResult(commandTag: commit ? "COMMIT" : "ROLLBACK")
            if !explicit { result.notices = [SQLError("25P01", "there is no transaction in progress")] }
            return .success(result)
        case let .savepoint(name):
            if let refusal = transaction.savepointRefusal { return .failure(refusal) }
            if let refusal = transaction.refusal { return .failure(refusal) }
            let mark = await mailbox.perform { estate in estate.blockMark(cluster: cluster) }
            transaction.addSavepoint(name, at: mark)
            return .success(StatementResult(commandTag: "SAVEPOINT"))
        case let .rollbackTo(name):
            if transaction.savepointRefusal != nil { return .failure(SQLError("25P01", "ROLLBACK TO SAVEPOINT can only be used in transaction blocks")) }
            switch transaction.savepoint(name) {
            case let .failure(error):
                transaction.failed()
                return .failure(error)
            case let .success((index, mark)):
                transaction.rolledBack(toSavepointAt: index)
                if let error = await mailbox.perform({ estate in estate.rollbackBlock(block, cluster: cluster, to: mark) }) {
                    transaction.failed()
                    return .failure(error)
                }
                return .success(StatementResult(commandTag: "ROLLBACK"))
            }
        case let .release(name):
            if transaction.savepointRefusal != nil { return .failure(SQLError("25P01", "RELEASE SAVEPOINT can only be used in transaction blocks")) }
            if let refusal = transaction.refusal { return .failure(refusal) }
            switch transaction.savepoint(name) {
            case let .failure(error):
                transaction.failed()
                return .failure(error)
            case let .success((index, _)):
                transaction.released(savepointAt: index)
                return .success(StatementResult(commandTag: "RELEASE"))
            }
        }
    }

    /// `DEALLOCATE [PREPARE] name | ALL`: drops this connection's prepared statements (psycopg
    /// sends it on rollback); nil for any other statement.
    private func deallocate(_ sql: String) -> String? {
        let words = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ";")))
            .split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.first?.uppercased() == "DEALLOCATE", words.count >= 2 else { return nil }
        let name = words.last!
        if name.uppercased() == "ALL" {
            statements = statements.filter { $0.key.isEmpty }
            return "DEALLOCATE ALL"
        }
        statements[name.trimmingCharacters(in: .init(charactersIn: "\""))] = nil
        return "DEALLOCATE"
    }

    // MARK: - Extended query

    private func parse(_ message: PGExtended.Parse) throws(SQLError) {
        if !message.name.isEmpty, statements[message.name] != nil {
            throw SQLError("42P05", "prepared statement \"\(message.name)\" already exists")
        }
        let needed = max(PGPlaceholders.count(in: message.sql), message.parameterTypes.count)
        let types = (0..<needed).map { k in k < message.parameterTypes.count && message.parameterTypes[k] != 0 ? message.parameterTypes[k] : PGValueCodec.text }
        statements[message.name] = PGExtended.Statement(sql: message.sql, parameterTypes: types)
        pending.append(PGBackend.parseComplete())
    }

    private func bind(_ message: PGExtended.Bind) throws(SQLError) {
        guard let statement = statements[message.statement] else {
            throw SQLError("26000", "prepared statement \"\(message.statement)\" does not exist")
        }
        if !message.portal.isEmpty, portals[message.portal] != nil {
            throw SQLError("42P03", "portal \"\(message.portal)\" already exists")
        }
        guard message.values.count == statement.parameterTypes.count else {
            throw SQLError("08P01", "bind message supplies \(message.values.count) parameters, but prepared statement \"\(message.statement)\" requires \(statement.parameterTypes.count)")
        }
        var literals: [String] = []
        for (k, value) in message.values.enumerated() {
            literals.append(try PGValueCodec.literal(value, typeOID: statement.parameterTypes[k], format: PGExtended.format(message.parameterFormats, k)))
        }
        let sql = try PGPlaceholders.substitute(statement.sql, literals)
        portals[message.portal] = PGExtended.Portal(sql: sql, resultFormats: message.resultFormats,
                                                    describedColumns: statement.describedColumns, isEmpty: PGTransaction.isBlank(sql))
        pending.append(PGBackend.bindComplete())
    }

    private func describe(_ body: inout ByteBuffer) async throws(SQLError) {
        guard let kind = body.readInteger(as: UInt8.self), let name = body.readNullTerminatedString() else { throw PGExtended.malformed("Describe") }
        if kind == UInt8(ascii: "S") {
            guard var statement = statements[name] else { throw SQLError("26000", "prepared statement \"\(name)\" does not exist") }
            pending.append(PGBackend.parameterDescription(statement.parameterTypes))
            let columns = try await describeColumns(statement)
            statement.describedColumns = columns
            statements[name] = statement
            pending.append(columns.map { PGBackend.rowDescription($0.map { ($0.name, Int32($0.typeOID)) }) } ?? PGBackend.noData())
            return
        }
        guard var portal = portals[name] else { throw SQLError("34000", "portal \"\(name)\" does not exist") }
        // A query's columns are known once it ran; other statements return no rows, so they wait for Execute.
        if portal.result == nil, !portal.isEmpty, SQLVerb(statement: portal.sql, cluster: cluster).isReadOnly {
            portal.result = try await run(portal.sql).get()
            portals[name] = portal
        }
        guard let result = portal.result, result.hasResultSet else { pending.append(PGBackend.noData()); return }
        let columns = Self.columns(of: portal, result)
        pending.append(PGBackend.rowDescription(columns.map { ($0.name, Int32($0.typeOID)) },
                                                formats: columns.indices.map { PGExtended.format(portal.resultFormats, $0) }))
    }

    private func execute(_ body: inout ByteBuffer) async throws(SQLError) {
        guard let name = body.readNullTerminatedString(), let maxRows = body.readInteger(as: Int32.self) else { throw PGExtended.malformed("Execute") }
        guard var portal = portals[name] else { throw SQLError("34000", "portal \"\(name)\" does not exist") }
        if portal.isEmpty { pending.append(PGBackend.emptyQuery()); return }
        if portal.result == nil {
            guard let result = try await run(portal.sql).get() else { pending.append(PGBackend.emptyQuery()); return }
            portal.result = result
        }
        let result = portal.result!
        let columns = Self.columns(of: portal, result)
        let end = maxRows > 0 ? min(result.rows.count, portal.sentRows + Int(maxRows)) : result.rows.count
        for row in result.rows[portal.sentRows..<end] {
            var values: [[UInt8]?] = []
            for (k, value) in row.enumerated() {
                let oid = k < columns.count ? Int32(columns[k].typeOID) : PGValueCodec.text
                values.append(try PGValueCodec.encode(value, typeOID: oid, format: PGExtended.format(portal.resultFormats, k)))
            }
            pending.append(PGBackend.dataRow(bytes: values))
        }
        portal.sentRows = end
        portals[name] = portal
        if end < result.rows.count {
            pending.append(PGBackend.portalSuspended())
        } else {
            for notice in result.notices { pending.append(PGBackend.notice(code: notice.code, message: notice.message)) }
            pending.append(PGBackend.commandComplete(result.commandTag))
        }
    }

    private func close(_ body: inout ByteBuffer) throws(SQLError) {
        guard let kind = body.readInteger(as: UInt8.self), let name = body.readNullTerminatedString() else { throw PGExtended.malformed("Close") }
        if kind == UInt8(ascii: "S") { statements[name] = nil } else { portals[name] = nil }
        pending.append(PGBackend.closeComplete())
    }

    /// The columns rows are sent as: those the client learned from Describe when they match the
    /// result's shape, else the result's own.
    static func columns(of portal: PGExtended.Portal, _ result: StatementResult) -> [ResultColumn] {
        if let described = portal.describedColumns, described.count == result.columns.count { return described }
        return result.columns
    }

    /// A statement's result columns before it has parameters: a read-only query runs on the
    /// leader's database with typed stand-ins for its parameters (not through WLM, so it is
    /// neither queued nor logged as a query); anything else returns no rows.
    private func describeColumns(_ statement: PGExtended.Statement) async throws(SQLError) -> [ResultColumn]? {
        let standIns = statement.parameterTypes.map { oid -> String in
            switch oid {
            case _ where PGValueCodec.numberTypes.contains(oid): return "0"
            case PGValueCodec.bool: return "TRUE"
            case PGValueCodec.date: return "'2000-01-01'"
            case PGValueCodec.timestamp, PGValueCodec.timestamptz: return "'2000-01-01 00:00:00'"
            case PGValueCodec.text, PGValueCodec.varchar, PGValueCodec.bpchar: return "''"
            default: return "NULL"
            }
        }
        let sql = try PGPlaceholders.substitute(statement.sql, standIns)
        guard !PGTransaction.isBlank(sql), PGTransaction.control(sql) == nil else { return nil }
        let verb = SQLVerb(statement: sql, cluster: cluster)
        guard verb.isReadOnly else { return nil }
        let outcome = await mailbox.perform { estate in estate.describeColumns(verb) }
        return try outcome.get()
    }
}

extension Estate {
    /// Runs a read-only statement directly on its cluster's database for its columns.
    func describeColumns(_ verb: SQLVerb) -> Result<[ResultColumn]?, SQLError> {
        guard let cluster = verb.cluster.flatMap({ warehouse.cluster($0) }) ?? (verb.cluster == nil ? warehouse.clusters.first : nil) else {
            return .failure(SQLError("3D000", verb.cluster.map { "Cluster \($0) not found." } ?? "There is no warehouse cluster."))
        }
        do {
            guard let result = try cluster.database.execute(verb.statement).last, result.hasResultSet else { return .success(nil) }
            return .success(result.columns)
        } catch {
            return .failure(error)
        }
    }
}
