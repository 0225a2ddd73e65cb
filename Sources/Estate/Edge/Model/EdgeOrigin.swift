/// A simulated origin behind a distribution.
public struct EdgeOrigin: Sendable {
    public var id: String
    public var domainName: String
    public var kind: Kind

    public enum Kind: Sendable {
        /// An S3-style static site: 200 for each page it holds, 404 for anything else.
        case staticSite(StaticSite)
        /// A custom origin answering JSON with a latency distribution and an error rate.
        case api(APIBehaviour)
    }

    public struct StaticSite: Sendable {
        /// Every object the site holds (`/index.html`, `/docs/index.html`, `/css/site.css`, …).
        public var pages: Set<String>
        /// The `Cache-Control` the site sends, or nil to leave it to the behaviour's default TTL.
        public var cacheControl: String?
        public var pageBytes: Int = 2_048

        public init(pages: Set<String>, cacheControl: String? = nil) {
            self.pages = pages
            self.cacheControl = cacheControl
        }

        /// A site of `sections` sections with `pagesPerSection` pages each, an index per folder,
        /// a few assets and the pages the default distribution's uses need (`/login`).
        public static func generated(sections: [String], pagesPerSection: Int) -> StaticSite {
            var pages: Set<String> = ["/index.html", "/login/index.html", "/css/site.css", "/js/app.js", "/favicon.ico", "/robots.txt",
                                      "/account/orders", "/account/settings"]
            for section in sections {
                pages.insert("/\(section)/index.html")
                for n in 1...max(1, pagesPerSection) { pages.insert("/\(section)/page-\(n)/index.html") }
            }
            return StaticSite(pages: pages)
        }
    }

    public struct APIBehaviour: Sendable {
        /// Median and 99th percentile latency of the origin, in milliseconds (log-normal).
        public var latencyP50Milliseconds: Double = 40
        public var latencyP99Milliseconds: Double = 400
        /// Share of requests answered with a 5xx.
        public var errorRate: Double = 0.01
        public init() {}
    }

    public var isS3: Bool { if case .staticSite = kind { return true }; return false }

    /// The `request.origin` block origin triggers see.
    var eventJSON: JSONValue {
        switch kind {
        case .staticSite:
            return ["s3": ["authMethod": "none", "customHeaders": [:], "domainName": .string(domainName), "path": ""]]
        case .api:
            return ["custom": ["customHeaders": [:], "domainName": .string(domainName), "keepaliveTimeout": 5, "path": "",
                               "port": 443, "protocol": "https", "readTimeout": 30, "sslProtocols": ["TLSv1.2"]]]
        }
    }

    /// The origin's answer to a request, and how long it took.
    func respond(to request: EdgeRequest, random: inout SeededRandom) -> (EdgeResponse, latencyMilliseconds: Double) {
        switch kind {
        case let .staticSite(site):
            let latency = 5 + random.unit() * 25
            guard request.method == "GET" || request.method == "HEAD" else {
                return (EdgeResponse(status: 403, headers: EdgeHeaders([("Content-Type", "application/xml"), ("Server", "AmazonS3")]),
                                     body: "<Error><Code>MethodNotAllowed</Code></Error>"), latency)
            }
            guard site.pages.contains(request.uri) else {
                return (EdgeResponse(status: 404, headers: EdgeHeaders([("Content-Type", "application/xml"), ("Server", "AmazonS3")]),
                                     body: "<Error><Code>NoSuchKey</Code><Key>\(request.uri.dropFirst())</Key></Error>"), latency)
            }
            var headers = EdgeHeaders([("Content-Type", Self.contentType(request.uri)), ("Content-Length", String(site.pageBytes)),
                                       ("ETag", "\"\(HexDigest.fnv(request.uri))\""), ("Server", "AmazonS3")])
            if let control = site.cacheControl { headers.add("Cache-Control", control) }
            return (EdgeResponse(status: 200, headers: headers, body: nil), latency)
        case let .api(api):
            // Log-normal with the configured median and p99 (z(0.99) ≈ 2.326).
            let sigma = max(0.01, log(api.latencyP99Milliseconds / api.latencyP50Milliseconds) / 2.326)
            let latency = api.latencyP50Milliseconds * exp(sigma * random.normal())
            if random.unit() < api.errorRate {
                let status = random.unit() < 0.5 ? 500 : 503
                return (EdgeResponse(status: status, headers: EdgeHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
                                     body: "{\"message\":\"\(HTTPStatus.reason(status))\"}"), latency)
            }
            let body = "{\"path\":\"\(request.uri)\",\"ok\":true}"
            return (EdgeResponse(status: 200, headers: EdgeHeaders([("Content-Type", "application/json"), ("Content-Length", String(body.utf8.count)),
                                                                    ("Cache-Control", "max-age=5")]), body: body), latency)
        }
    }

    static func contentType(_ path: String) -> String {
        if path.hasSuffix(".css") { return "text/css" }
        if path.hasSuffix(".js") { return "application/javascript" }
        if path.hasSuffix(".ico") { return "image/x-icon" }
        if path.hasSuffix(".txt") { return "text/plain" }
        return "text/html"
    }
}

/// Short stable digests for ETags and ids, independent of the process (unlike `Hasher`).
enum HexDigest {
    static func fnv(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash ^= UInt64(byte); hash &*= 0x0000_0100_0000_01B3 }
        // Sixteen lowercase hex digits, zero-padded, written straight into the string: every
        // page the site serves gets one as its ETag.
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for i in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: hash >> UInt64(60 - 4 * i)) & 0xF
                buffer[i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
