/// Events of the simulator itself: speed, pause and resume of the clock.
public struct SimEvent: ServiceEvent {
    public enum Kind: Sendable { case speedChanged(Double), paused, resumed, advanced(SimDuration) }
    public let kind: Kind

    public var service: String { "sim" }
    public var resourceID: String? { nil }
    public var name: String {
        switch kind {
        case .speedChanged: return "SpeedChanged"
        case .paused: return "Paused"
        case .resumed: return "Resumed"
        case .advanced: return "Advanced"
        }
    }
    public var summary: String {
        switch kind {
        case let .speedChanged(x): return "clock speed set to \(SimSpeed.format(x))"
        case .paused: return "clock paused"
        case .resumed: return "clock resumed"
        case let .advanced(d): return "clock advanced by \(d)"
        }
    }
    public var detail: JSONValue {
        switch kind {
        case let .speedChanged(x): return ["Speed": .double(x)]
        case let .advanced(d): return ["Milliseconds": .int(d.milliseconds)]
        default: return [:]
        }
    }
}

public enum SimSpeed {
    /// Fastest the interactive clock may run: a day of virtual time per wall second is plenty.
    public static let maximum: Double = 86_400
    public static let minimum: Double = 0.01

    public static func format(_ x: Double) -> String {
        x == x.rounded() ? "\(Int(x))×" : "\(x)×"
    }
}
