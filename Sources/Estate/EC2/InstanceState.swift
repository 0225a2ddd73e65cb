/// The six instance states and their codes (REFERENCE §1.3).
public enum InstanceStateName: String, CaseIterable, Sendable {
    case pending
    case running
    case shuttingDown = "shutting-down"
    case terminated
    case stopping
    case stopped

    /// The state code. Only its low byte is meaningful; AWS may set the high byte for internal use.
    public var code: Int {
        switch self {
        case .pending: return 0
        case .running: return 16
        case .shuttingDown: return 32
        case .terminated: return 48
        case .stopping: return 64
        case .stopped: return 80
        }
    }

    /// The state a raw 16-bit code stands for, reading only its low byte.
    public init?(code: Int) {
        guard let state = Self.allCases.first(where: { $0.code == code & 0xFF }) else { return nil }
        self = state
    }

    /// `StateReason` of an instance on its way up: AWS answers RunInstances with Code and Message both "pending".
    static let pendingReason: (code: String, message: String) = ("pending", "pending")

    public var json: JSONValue { ["Code": .int(Int64(code)), "Name": .string(rawValue)] }

    /// Whether an instance in this state is billed and produces metrics.
    public var isRunning: Bool { self == .running }
}
