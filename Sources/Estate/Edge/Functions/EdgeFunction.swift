/// The runtime a function's body runs on.
public enum EdgeRuntime: String, Sendable, CaseIterable {
    case nodejs20 = "nodejs20.x"
    case python311 = "python3.11"
    /// CloudFront Functions' JavaScript runtime, run by the same Node worker.
    case cloudFrontJS = "cloudfront-js-2.0"
    /// The estate's declarative rule language: no process, fully deterministic (an extension of ours).
    case rules = "cloudtop-rules"

    /// Runtimes that run in a worker process.
    public var needsProcess: Bool { self != .rules }
}

/// What a function runs: declarative rules, or handler code for a runtime.
public enum EdgeFunctionBody: Sendable {
    case rules(EdgeRuleSet)
    /// `handler` is `file.export` (`index.handler`); CloudFront Functions always call `handler`.
    case code(runtime: EdgeRuntime, handler: String, fileName: String, source: String)

    public var runtime: EdgeRuntime {
        switch self {
        case .rules: return .rules
        case let .code(runtime, _, _, _): return runtime
        }
    }

    public var handlerName: String {
        switch self {
        case .rules: return "rules"
        case let .code(_, handler, _, _): return handler
        }
    }

    /// The text the code's size and SHA-256 are taken over.
    var sourceText: String {
        switch self {
        case let .rules(set): return set.sourceText
        case let .code(_, _, _, source): return source
        }
    }
}

/// One immutable published version (`lambda publish-version`), the only thing CloudFront attaches.
public struct EdgeFunctionVersion: Sendable {
    public let number: Int
    public let body: EdgeFunctionBody
    public let timeoutSeconds: Int
    public let description: String
    public let publishedAt: SimInstant
    public let codeSha256: String
}

/// A Lambda@Edge function (or a CloudFront Function): its `$LATEST` body and its versions.
public final class EdgeFunction {
    public let name: String
    public let isCloudFrontFunction: Bool
    public internal(set) var latest: EdgeFunctionBody
    /// Lambda's function timeout; Lambda's default is 3 s.
    public internal(set) var timeoutSeconds: Int
    public internal(set) var memoryMB: Int = 128
    /// Concurrent executions allowed (the region's 1,000 when not reserved).
    public internal(set) var reservedConcurrency: Int?
    public var concurrencyLimit: Int { reservedConcurrency ?? Self.regionConcurrencyLimit }
    /// Lambda's default concurrent executions per region.
    public static let regionConcurrencyLimit = 1_000
    public internal(set) var description: String
    public internal(set) var lastModified: SimInstant
    public internal(set) var versions: [EdgeFunctionVersion] = []
    /// The file it was loaded from, for messages.
    public let sourceFile: String?

    init(name: String, isCloudFrontFunction: Bool, body: EdgeFunctionBody, timeoutSeconds: Int, description: String, now: SimInstant, sourceFile: String?) {
        self.name = name
        self.isCloudFrontFunction = isCloudFrontFunction
        self.latest = body
        self.timeoutSeconds = timeoutSeconds
        self.description = description
        self.lastModified = now
        self.sourceFile = sourceFile
    }

    public func version(_ number: Int) -> EdgeFunctionVersion? { versions.first { $0.number == number } }

    func arn(accountID: String, region: String, qualifier: String? = nil) -> String {
        if isCloudFrontFunction { return "arn:aws:cloudfront::\(accountID):function/\(name)" }
        return "arn:aws:lambda:\(region):\(accountID):function:\(name)" + (qualifier.map { ":\($0)" } ?? "")
    }
}

/// CloudFront Functions' code size limit.
public enum CloudFrontFunctionLimits {
    public static let maximumCodeBytes = 10 * 1024
    /// The time a function may take, which compute utilization is a percentage of. AWS gives no
    /// figure, only the percentage; about a millisecond is what it is reported to be, measured
    /// here as CPU time so a busy machine does not push a function over.
    public static let maximumComputeMicroseconds = 1_000
}
