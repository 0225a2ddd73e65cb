import Estate
import Terminal

/// How an instance reads as a table row: the columns, their widths, and the colour rule.
public enum InstanceRow {
    public enum Column: Int, CaseIterable, Sendable {
        case name, id, type, state, zone, vcpu, memory, cpu, uptime, price

        var title: String {
            switch self {
            case .name: return "NAME"
            case .id: return "INSTANCE ID"
            case .type: return "TYPE"
            case .state: return "STATE"
            case .zone: return "AZ"
            case .vcpu: return "VCPU"
            case .memory: return "MEMORY"
            case .cpu: return "CPU%"
            case .uptime: return "UPTIME"
            case .price: return "$/H"
            }
        }

        /// Widths keep IDs and states whole; the name and the CPU graph take what is left.
        /// Columns further right drop first on narrow screens, so the least useful go first.
        var width: ColumnWidth {
            switch self {
            case .name: return .flex(min: 8, weight: 2)
            case .id: return .fixed(19)
            case .type: return .fixed(14)
            case .state: return .fixed(13)
            case .zone: return .fixed(10)
            case .vcpu: return .fixed(4)
            case .memory: return .fixed(8)
            case .cpu: return .flex(min: 6, weight: 3)
            case .uptime: return .fixed(6)
            case .price: return .fixed(7)
            }
        }

        var alignment: Alignment {
            switch self {
            case .vcpu, .memory, .uptime, .price: return .right
            default: return .left
            }
        }
    }

    /// Columns in display order: on an 80-column screen the ones after STATE drop from the right.
    static let displayOrder: [Column] = [.name, .id, .state, .type, .cpu, .vcpu, .memory, .zone, .uptime, .price]

    /// Built once: the table asks for them every frame.
    static let columns: [TableColumn] = displayOrder.map { TableColumn($0.title, width: $0.width, alignment: $0.alignment) }

    static func stateStyle(_ state: InstanceStateName, theme: Theme) -> Style {
        theme["state.\(state.rawValue)"]
    }

    /// The cells of one instance, in display order. `cpuWidth` sizes the sparkline beside the number.
    static func cells(_ instance: Instance, now: SimInstant, theme: Theme, cpuWidth: Int) -> [TableCell] {
        displayOrder.map { column in
            switch column {
            case .name: return TableCell(instance.name ?? "–")
            case .id: return TableCell(instance.instanceID, style: theme["dim"])
            case .type: return TableCell(instance.instanceType)
            case .state: return TableCell("● " + instance.state.rawValue, style: stateStyle(instance.state, theme: theme))
            case .zone: return TableCell(instance.availabilityZone)
            case .vcpu: return TableCell(String(instance.vCPUs))
            case .memory: return TableCell(Format.memory(miB: instance.memoryMiB))
            case .cpu: return TableCell(cpuText(instance, width: cpuWidth), style: cpuStyle(instance, theme: theme))
            case .uptime: return uptimeCell(instance, now: now)
            case .price: return TableCell(Format.dollars(instance.hourlyPriceUSD))
            }
        }
    }

    /// Where the uptime is among `cells`: the one cell that moves with the clock alone.
    static let uptimeIndex = displayOrder.firstIndex(of: .uptime)!

    static func uptimeCell(_ instance: Instance, now: SimInstant) -> TableCell {
        TableCell(instance.runningSince.map { Format.age(now - $0) } ?? "–")
    }

    /// Until when (exclusive) `cells(instance, now:…)` reads as it does at `now`, the instance
    /// itself unchanged: the uptime is the only cell that follows the clock, and it counts
    /// seconds only in its first minute.
    static func cellsHold(_ instance: Instance, from now: SimInstant) -> SimInstant {
        guard let since = instance.runningSince else { return SimInstant(milliseconds: .max) }
        return now + Format.ageUnchanged(after: now - since)
    }

    /// `42.1% ▂▃▅▇` — the latest value, then as much history as fits.
    static func cpuText(_ instance: Instance, width: Int) -> String {
        guard instance.state == .running, let last = instance.metrics.cpuPercent.last else { return "–" }
        let percent = Format.percent(last)
        let number = percent.count >= 6 ? String(percent.prefix(6)) : percent + String(repeating: " ", count: 6 - percent.count)
        let graphWidth = width - number.count
        guard graphWidth >= 3 else { return number }
        return number + Sparkline.string(values: instance.metrics.cpuPercent.values, width: graphWidth, max: 100)
    }

    static func cpuStyle(_ instance: Instance, theme: Theme) -> Style {
        guard let cpu = instance.metrics.cpuPercent.last, instance.state == .running else { return theme["dim"] }
        return cpu >= 85 ? theme["error"] : cpu >= 60 ? theme["warning"] : theme["sparkline"]
    }

    /// What a column sorts by, computed once per instance per rebuild rather than once per
    /// comparison (finding the Name tag or the last sample is too slow to repeat n log n times).
    enum SortKey: Comparable {
        case text(String)
        case number(Double)
    }

    static func sortKey(_ i: Instance, by column: Column) -> SortKey {
        switch column {
        case .name: return .text(i.name ?? "")
        case .id: return .text(i.instanceID)
        case .type: return .text(i.instanceType)
        case .state: return .number(Double(i.state.code))
        case .zone: return .text(i.availabilityZone)
        case .vcpu: return .number(Double(i.vCPUs))
        case .memory: return .number(Double(i.memoryMiB))
        case .cpu: return .number(i.state == .running ? i.metrics.cpuPercent.last ?? -1 : -1)
        case .uptime: return .number(-Double(i.runningSince?.milliseconds ?? Int64.max))
        case .price: return .number(i.hourlyPriceUSD)
        }
    }

    /// Positions of `instances` in display order; ties break on the instance id so the order is stable.
    static func sortedIndices(_ instances: [Instance], _ indices: [Int], by column: Column, order: SortOrder) -> [Int] {
        var keyed = indices.map { (key: sortKey(instances[$0], by: column), id: instances[$0].instanceID, index: $0) }
        keyed.sort { ($0.key, $0.id) < ($1.key, $1.id) }
        let sorted = keyed.map(\.index)
        return order == .descending ? sorted.reversed() : sorted
    }

    /// Whether an instance passes the `/` filter: it matches when any of name, id, type, state or zone does.
    static func matches(_ instance: Instance, filter: TextFilter) -> Bool {
        filter.keeps([instance.name ?? "", instance.instanceID, instance.instanceType, instance.state.rawValue, instance.availabilityZone])
    }
}
