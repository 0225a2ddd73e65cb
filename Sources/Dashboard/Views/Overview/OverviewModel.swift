import Estate

/// Estate-wide series for the Overview: average CPU, network and running count per metrics period.
///
/// Sampled when EC2 reports a metrics period on the bus, kept apart from drawing (htop's meters):
/// the tile, a sparkline or a number all read the same series.
public final class OverviewModel {
    public static let capacity = 120
    public private(set) var averageCPUPercent = MetricRing(capacity: capacity)
    public private(set) var networkInBytes = MetricRing(capacity: capacity)
    public private(set) var runningInstances = MetricRing(capacity: capacity)
    private unowned let estate: Estate

    public init(estate: Estate) {
        self.estate = estate
        sample()
        estate.bus.subscribe { [weak self] event in
            if let e = event.event as? EC2Event, case .metricsSampled = e.kind { self?.sample() }
        }
    }

    private func sample() {
        var cpu = 0.0, network = 0.0, running = 0
        for instance in estate.ec2.instances where instance.state == .running {
            running += 1
            cpu += instance.metrics.cpuPercent.last ?? 0
            network += instance.metrics.networkInBytes.last ?? 0
        }
        guard running > 0 || runningInstances.count > 0 else { return }
        averageCPUPercent.append(running > 0 ? cpu / Double(running) : 0)
        networkInBytes.append(network)
        runningInstances.append(Double(running))
    }
}
