/// A viewer's request as Lambda@Edge sees it (`cf.request`).
public struct EdgeRequest: Equatable, Sendable {
    public var clientIp: String
    public var method: String
    /// The path, without the query string.
    public var uri: String
    /// The query string without its `?`.
    public var querystring: String
    public var headers: EdgeHeaders
    /// `http` or `https`: how the viewer reached the edge, which the behaviour's
    /// ViewerProtocolPolicy judges before anything else runs.
    public var viewerProtocol = "https"

    public static let protocols = ["http", "https"]

    public init(clientIp: String = "203.0.113.10", method: String, uri: String, querystring: String = "", headers: EdgeHeaders = EdgeHeaders()) {
        self.clientIp = clientIp
        self.method = method
        self.uri = uri
        self.querystring = querystring
        self.headers = headers
    }

    /// The viewer's country as CloudFront adds it (`cloudfront-viewer-country`).
    public var country: String? { headers.first("cloudfront-viewer-country") }

    /// Query parameters in their order; a name without `=` has an empty value.
    public var queryParameters: [(name: String, value: String)] {
        querystring.split(separator: "&").map { part in
            if let eq = part.firstIndex(of: "=") { return (String(part[..<eq]), String(part[part.index(after: eq)...])) }
            return (String(part), "")
        }
    }

    /// The event shape, with the origin block that origin triggers see.
    func json(origin: JSONValue?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("clientIp", .string(clientIp)), ("headers", headers.json), ("method", .string(method)),
        ]
        if let origin { pairs.append(("origin", origin)) }
        pairs.append(("querystring", .string(querystring)))
        pairs.append(("uri", .string(uri)))
        return .object(pairs)
    }
}

/// A response as Lambda@Edge sees it (`cf.response`) or as a function generates it.
public struct EdgeResponse: Equatable, Sendable {
    public var status: Int
    public var statusDescription: String
    public var headers: EdgeHeaders
    public var body: String?
    /// `text` or `base64`.
    public var bodyEncoding: String

    public init(status: Int, statusDescription: String? = nil, headers: EdgeHeaders = EdgeHeaders(), body: String? = nil, bodyEncoding: String = "text") {
        self.status = status
        self.statusDescription = statusDescription ?? HTTPStatus.reason(status)
        self.headers = headers
        self.body = body
        self.bodyEncoding = bodyEncoding
    }

    /// The body's size in bytes as it would go on the wire.
    public var bodyBytes: Int {
        guard let body else { return 0 }
        if bodyEncoding == "base64" { return body.utf8.count / 4 * 3 }
        return body.utf8.count
    }

    /// The event shape; the status is a string, as CloudFront writes it.
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("headers", headers.json), ("status", .string(String(status))), ("statusDescription", .string(statusDescription)),
        ]
        if let body {
            pairs.append(("body", .string(body)))
            pairs.append(("bodyEncoding", .string(bodyEncoding)))
        }
        return .object(pairs)
    }
}

/// Reason phrases for the statuses the edge produces.
public enum HTTPStatus {
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 414: return "URI Too Long"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}
