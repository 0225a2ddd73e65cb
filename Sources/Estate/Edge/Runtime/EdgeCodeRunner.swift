/// Runs handler code for a function version: the only place the estate reaches outside itself.
///
/// Kept behind this protocol so that estates whose functions are all rules never start a process
/// and stay deterministic, and so tests can stand in a scripted runner.
public protocol EdgeCodeRunner: AnyObject {
    /// Whether the runtime's interpreter exists on this machine.
    func isAvailable(_ runtime: EdgeRuntime) -> Bool
    /// Hands one event to the warm worker of `invocation.workerKey` (starting it when needed) and
    /// waits at most `timeoutMilliseconds` of wall time for its answer.
    func invoke(_ invocation: CodeInvocation) -> CodeOutcome
    /// Stops every worker.
    func shutdown()
}

/// One event for one function version.
public struct CodeInvocation: Sendable {
    /// `name:version`: one worker per function version.
    public var workerKey: String
    public var runtime: EdgeRuntime
    /// `file.export`; `handler` for CloudFront Functions.
    public var handler: String
    public var fileName: String
    public var source: String
    /// The event, serialised as the runtime receives it.
    public var eventJSON: String
    public var timeoutMilliseconds: Int64
}

public enum CodeOutcome: Sendable, Equatable {
    /// The handler's result, as JSON text.
    case result(String, coldStart: Bool)
    /// The handler threw, the worker died, or it wrote something that is not a result.
    case failed(String, coldStart: Bool)
    case timedOut(coldStart: Bool)
    /// A CloudFront Function ran past its compute budget: its utilization in percent, when it
    /// finished at all (nil when it was cut off).
    case computeExceeded(utilization: Int?, coldStart: Bool)
    /// The interpreter is missing or would not start.
    case unavailable(String)

    var coldStart: Bool {
        switch self {
        case let .result(_, c), let .failed(_, c), let .timedOut(c), let .computeExceeded(_, c): return c
        case .unavailable: return false
        }
    }
}
