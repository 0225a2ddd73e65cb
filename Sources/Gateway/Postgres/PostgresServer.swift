import Estate
import NIOCore
import NIOPosix

/// The warehouse leader on the PostgreSQL wire protocol (v3), for psql and other SQL clients.
/// Statements run on the estate's thread through the mailbox, like the HTTP endpoint's.
public final class PostgresServer: Sendable {
    public let host: String
    public let port: Int
    private let channel: any Channel

    private init(host: String, port: Int, channel: any Channel) {
        self.host = host
        self.port = port
        self.channel = channel
    }

    /// Binds (`port` 0 picks a free one) and returns; statements go to `cluster`, or the
    /// estate's first cluster when nil.
    /// `authentication` nil is trust; otherwise each connection proves it knows the password.
    public static func start(host: String, port: Int, mailbox: EstateMailbox, cluster: String? = nil,
                             authentication: PGAuthentication? = nil) throws -> PostgresServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(PGFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(PGSessionHandler(mailbox: mailbox, cluster: cluster, authentication: authentication))
                }
            }
        let channel = try bootstrap.bind(host: host, port: port).wait()
        return PostgresServer(host: host, port: channel.localAddress?.port ?? port, channel: channel)
    }

    public func stop() { channel.close(promise: nil) }
}
