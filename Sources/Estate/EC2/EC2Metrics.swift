import Foundation

/// How an instance's CPU behaves over time, drawn at launch from the EC2 generator.
///
/// Three shapes cover what dashboards usually show: a flat line with noise, a quiet machine with
/// bursts, and a service that follows the working day.
public enum WorkloadProfile: Sendable, Equatable {
    /// Around `basePercent`, with small noise.
    case steady(basePercent: Double)
    /// Mostly `basePercent`; with `burstChance` per sample, a burst near `burstPercent` begins.
    case bursty(basePercent: Double, burstPercent: Double, burstChance: Double)
    /// A 24-hour sine between `lowPercent` and `highPercent`, peaking at `peakHour` of the virtual day.
    case dailyCycle(lowPercent: Double, highPercent: Double, peakHour: Double)

    public var name: String {
        switch self {
        case .steady: return "steady"
        case .bursty: return "bursty"
        case .dailyCycle: return "daily"
        }
    }

    /// Draws a profile of the named kind (or any kind when nil) with seeded parameters.
    static func random(kind: String?, using random: inout SeededRandom) -> WorkloadProfile {
        let chosen = kind ?? ["steady", "bursty", "daily"][random.int(in: 0...2)]
        switch chosen {
        case "bursty":
            return .bursty(basePercent: random.double(in: 2..<12), burstPercent: random.double(in: 60..<98),
                           burstChance: random.double(in: 0.03..<0.12))
        case "daily":
            let low = random.double(in: 3..<20)
            return .dailyCycle(lowPercent: low, highPercent: low + random.double(in: 25..<70),
                               peakHour: random.double(in: 10..<18))
        default:
            return .steady(basePercent: random.double(in: 8..<55))
        }
    }
}

/// A fixed-capacity ring of samples, oldest first when read.
///
/// Float because 10,000 instances × 3 series × 60 samples must stay small, and a percentage
/// or byte rate needs no more precision on a dashboard.
public struct MetricRing: Sendable {
    public let capacity: Int
    private var storage: [Float]
    private var start = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = []
    }

    public mutating func append(_ value: Double) {
        if storage.count < capacity {
            storage.append(Float(value))
            count = storage.count
        } else {
            storage[start] = Float(value)
            start = (start + 1) % capacity
        }
    }

    public var last: Double? {
        guard count > 0 else { return nil }
        return Double(storage[(start + count - 1) % storage.count])
    }

    /// All samples, oldest first.
    public var values: [Double] {
        (0..<count).map { Double(storage[(start + $0) % storage.count]) }
    }
}

/// The CloudWatch-style series each instance keeps: `CPUUtilization`, `NetworkIn`, `NetworkOut`.
public struct InstanceMetrics: Sendable {
    public static let capacity = 60
    public var cpuPercent = MetricRing(capacity: capacity)
    /// Bytes received in the sample period.
    public var networkInBytes = MetricRing(capacity: capacity)
    /// Bytes sent in the sample period.
    public var networkOutBytes = MetricRing(capacity: capacity)
    /// Whether the instance is in a burst (bursty profile only); bursts last several samples.
    var inBurst = false

    public init() {}
}

/// Turns a workload profile into samples.
enum MetricSampler {
    /// Samples one period for an instance at `time`, drawing noise from `random`.
    static func sample(_ instance: inout Instance, at time: SimInstant, period: SimDuration, using random: inout SeededRandom) {
        let cpu: Double
        switch instance.workload {
        case let .steady(base):
            cpu = base + random.normal() * 2.5
        case let .bursty(base, burst, chance):
            if instance.metrics.inBurst {
                // A burst ends with probability 1/4 per sample: about four samples long.
                if random.unit() < 0.25 { instance.metrics.inBurst = false }
            } else if random.unit() < chance {
                instance.metrics.inBurst = true
            }
            cpu = (instance.metrics.inBurst ? burst : base) + random.normal() * 3
        case let .dailyCycle(low, high, peakHour):
            let hour = Double(time.milliseconds % 86_400_000) / 3_600_000
            let phase = cos(2 * Double.pi * (hour - peakHour) / 24)
            cpu = low + (high - low) * (phase + 1) / 2 + random.normal() * 2
        }
        let cpuPercent = min(100, max(0, cpu))
        // Network follows CPU: a busier web tier moves more bytes, scaled by the instance's size.
        let bytesPerSecondAtFull = Double(instance.vCPUs) * 2_500_000
        let seconds = period.seconds
        let inBytes = bytesPerSecondAtFull * (cpuPercent / 100) * seconds * random.double(in: 0.8..<1.2)
        let outBytes = inBytes * random.double(in: 0.3..<0.9)
        instance.metrics.cpuPercent.append(cpuPercent)
        instance.metrics.networkInBytes.append(inBytes.rounded())
        instance.metrics.networkOutBytes.append(outBytes.rounded())
    }
}
