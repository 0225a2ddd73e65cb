/// How often each seeded fault strikes: the mean time between two, drawn exponentially from the
/// estate's seed. A kind left out never strikes; `faults:` absent means no faults at all.
///
/// ```yaml
/// faults:
///   status-check: 8h   # an instance fails its system status check and is replaced
///   hot-key: 4h        # one partition key floods a shard for a minute, past its write limit
///   job-restart: 6h    # a running job loses a task manager and restores its checkpoint
/// ```
public struct FaultSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case statusCheck = "status-check"
        case hotKey = "hot-key"
        case jobRestart = "job-restart"
    }

    public var meanInterval: [Kind: SimDuration] = [:]

    public init(meanInterval: [Kind: SimDuration] = [:]) { self.meanInterval = meanInterval }

    /// How long an impaired instance runs before it is replaced (an Auto Scaling health check's
    /// grace: the instance is marked unhealthy, then terminated and a new one launched).
    public static let replacementDelay = SimDuration.seconds(60)
    /// How long a hot key floods its shard.
    public static let hotKeyDuration = SimDuration.seconds(60)
    /// Records per second the hot key sends: above a shard's 1,000 records/s write limit.
    public static let hotKeyRate = 1_500.0
}
