/// What EC2 tells the bus.
public struct EC2Event: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case launched(instanceType: String, zone: String)
        case stateChanged(from: InstanceStateName, to: InstanceStateName)
        case rebooted
        /// A terminated instance aged out of `DescribeInstances` after an hour.
        case removed
        /// One metrics period was sampled for `instanceCount` running instances.
        case metricsSampled(instanceCount: Int)
        /// `CreateTags` or `DeleteTags` changed the instance's tags.
        case tagsChanged
        /// `ModifyInstanceAttribute` changed the (stopped) instance's type.
        case instanceTypeChanged(from: String, to: String)
        /// `ModifyInstanceAttribute` or `(Un)MonitorInstances` changed another attribute
        /// (`userData`, `ebsOptimized`, `monitoring`).
        case attributeChanged(String)
    }

    public let instanceID: String?
    public let kind: Kind

    public var service: String { "ec2" }
    public var resourceID: String? { instanceID }

    public var name: String {
        switch kind {
        case .launched: return "InstanceLaunched"
        case .stateChanged: return "InstanceStateChanged"
        case .rebooted: return "InstanceRebooted"
        case .removed: return "InstanceRemoved"
        case .metricsSampled: return "MetricsSampled"
        case .tagsChanged: return "TagsChanged"
        case .instanceTypeChanged: return "InstanceTypeChanged"
        case .attributeChanged: return "InstanceAttributeChanged"
        }
    }

    public var summary: String {
        let id = instanceID ?? "-"
        switch kind {
        case let .launched(type, zone): return "\(id) launched as \(type) in \(zone)"
        case let .stateChanged(from, to): return "\(id) \(from.rawValue) → \(to.rawValue)"
        case .rebooted: return "\(id) rebooted"
        case .removed: return "\(id) no longer listed (terminated an hour ago)"
        case let .metricsSampled(n): return "metrics sampled for \(n) running instances"
        case .tagsChanged: return "\(id) tags changed"
        case let .instanceTypeChanged(from, to): return "\(id) instance type \(from) → \(to)"
        case let .attributeChanged(attribute): return "\(id) \(attribute) changed"
        }
    }

    public var detail: JSONValue {
        switch kind {
        case let .launched(type, zone): return ["InstanceType": .string(type), "AvailabilityZone": .string(zone)]
        case let .stateChanged(from, to): return ["PreviousState": from.json, "CurrentState": to.json]
        case .rebooted, .removed, .tagsChanged: return [:]
        case let .metricsSampled(n): return ["InstanceCount": .int(Int64(n))]
        case let .instanceTypeChanged(from, to): return ["PreviousInstanceType": .string(from), "InstanceType": .string(to)]
        case let .attributeChanged(attribute): return ["Attribute": .string(attribute)]
        }
    }
}
