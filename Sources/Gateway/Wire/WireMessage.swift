/// One HTTP request as the protocols see it: no server types, so the translation is tested
/// without a socket and the server is a thin adapter.
public struct WireRequest: Sendable {
    public var method: String
    /// The path without the query, percent-encoded as sent.
    public var path: String
    /// The raw query string (after `?`), or empty.
    public var query: String
    /// Header names in lower case; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The service named in a SigV4 `Authorization` header's credential scope
    /// (`Credential=KEY/20260101/us-east-1/kinesis/aws4_request`), which every SDK sends.
    public var signedService: String? {
        guard let auth = header("authorization"), let range = auth.range(of: "Credential=") else { return nil }
        let credential = auth[range.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/")
        return parts.count >= 5 ? String(parts[parts.count - 2]) : nil
    }
}

/// The answer to one request.
public struct WireResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, contentType: String, text: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }

    public static func == (a: WireResponse, b: WireResponse) -> Bool {
        a.status == b.status && a.body == b.body && a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" }
    }
}
