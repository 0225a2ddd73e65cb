/// The four points of a request's life where a Lambda@Edge function can run (AWS's Lambda@Edge documentation).
public enum EdgeEventType: String, CaseIterable, Sendable, Comparable {
    case viewerRequest = "viewer-request"
    case originRequest = "origin-request"
    case originResponse = "origin-response"
    case viewerResponse = "viewer-response"

    /// Viewer triggers run on every request and are held to the tighter quotas.
    public var isViewer: Bool { self == .viewerRequest || self == .viewerResponse }
    /// Request triggers see no response yet and may answer in CloudFront's place.
    public var isRequest: Bool { self == .viewerRequest || self == .originRequest }

    /// The longest a function may run here: 5 s for viewer triggers, 30 s for origin triggers.
    public var timeoutMilliseconds: Int64 { isViewer ? 5_000 : 30_000 }

    /// Largest function code (the zipped package in AWS): 1 MB for viewer triggers, 50 MB for origin triggers.
    public var codeSizeLimitBytes: Int { isViewer ? 1024 * 1024 : 50 * 1024 * 1024 }

    /// Largest generated response body: 40 KB for viewer triggers, 1 MB for origin triggers.
    public var generatedBodyLimitBytes: Int { isViewer ? 40 * 1024 : 1024 * 1024 }

    /// The order a request meets the triggers.
    var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: EdgeEventType, b: EdgeEventType) -> Bool { a.order < b.order }
}
