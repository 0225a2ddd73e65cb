import Estate
import Foundation
import Hummingbird
import Logging

/// The HTTP server in front of a `Gateway` (Hummingbird on SwiftNIO). It runs on its own
/// threads; each request's operation is handed to the estate's thread through the mailbox.
public final class GatewayServer: @unchecked Sendable {
    public let host: String
    public let port: Int
    private let task: Task<Void, Never>

    private init(host: String, port: Int, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.task = task
    }

    /// The largest request body read (S3 objects and PutRecords batches are far smaller).
    public static let maximumBodyBytes = 64 << 20

    /// Starts listening and returns once the socket is bound (`port` 0 picks a free one), or
    /// throws why it could not be (the port is taken, say).
    public static func start(host: String, port: Int, gateway: Gateway, mailbox: EstateMailbox) throws -> GatewayServer {
        let ready = Handoff<Result<Int, any Error>>()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: maximumBodyBytes)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            // HTTP/1's Host header arrives as the request's authority; SigV4 signs it and S3's
            // virtual-host addressing reads the bucket from it.
            if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
            let wire = WireRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                   headers: headers, body: Array(body.readableBytesView))
            var events: AsyncStream<[UInt8]>?
            let answer: WireResponse
            if wire.header("x-amz-target") == Gateway.subscribeTarget {
                (answer, events) = await gateway.subscribe(wire, mailbox: mailbox)
            } else {
                answer = await gateway.respond(to: wire, mailbox: mailbox)
            }
            var fields = HTTPFields()
            // The names are this module's own constants, so they are valid field names.
            for (name, value) in answer.headers { fields[.init(name)!] = value }
            guard let events else {
                return Response(status: .init(code: answer.status), headers: fields,
                                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
            }
            // An event stream: the head now, then each message as the estate pushes it.
            let head = answer.body
            return Response(status: .init(code: answer.status), headers: fields, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: head))
                for await message in events { try await writer.write(ByteBuffer(bytes: message)) }
                try await writer.finish(nil)
            })
        }
        // Quiet: the dashboard owns the terminal, and `serve` prints its own lines.
        let logger = Logger(label: "cloudtop.gateway") { _ in SwiftLogNoOpLogHandler() }
        let app = Application(responder: responder, configuration: .init(address: .hostname(host, port: port)),
                              onServerRunning: { channel in ready.put(.success(channel.localAddress?.port ?? port)) },
                              logger: logger)
        let task = Task.detached {
            do {
                try await app.run()
            } catch {
                ready.put(.failure(error))
            }
        }
        let bound = try ready.take().get()
        return GatewayServer(host: host, port: bound, task: task)
    }

    public var endpoint: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Stops accepting connections.
    public func stop() { task.cancel() }
}

/// One value handed from one thread to another; the first `put` wins.
final class Handoff<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: T?

    func put(_ v: T) {
        condition.lock()
        if value == nil { value = v }
        condition.signal()
        condition.unlock()
    }

    func take() -> T {
        condition.lock()
        while value == nil { condition.wait() }
        let v = value!
        condition.unlock()
        return v
    }
}
