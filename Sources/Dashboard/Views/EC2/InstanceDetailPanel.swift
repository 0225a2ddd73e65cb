import Estate
import Terminal

/// One instance in depth: its type explained in words, its specs, graphs, and its own events.
public struct InstanceDetailModel {
    public var instance: Instance
    public var spec: InstanceTypeSpec?
    public var now: SimInstant
    public var history: [EventLog.Entry]
}

enum InstanceDetailPanel {
    static func render(_ m: InstanceDetailModel, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let i = m.instance
        let title = "\(i.name ?? i.instanceID) · \(i.instanceID) · \(i.instanceType)"
        let inner = Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
            .inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let halves = inner.width >= 90 ? inner.columns([.percent(50), .fill], spacing: 2) : [inner]
        var y = halves[0].y
        func line(_ spans: [Span], in rect: Rect) {
            guard y < rect.bottom else { return }
            _ = buffer.write(Line(spans).truncated(to: rect.width), at: Point(x: rect.x, y: y), maxWidth: rect.width)
            y += 1
        }
        let left = halves[0]
        line([Span("State  ", style: theme["dim"]), Span("● " + i.state.rawValue, style: theme["state.\(i.state.rawValue)"]),
              Span("   up " + (i.runningSince.map { Format.age(m.now - $0) } ?? "–"), style: theme["dim"])], in: left)
        line([Span("Zone   ", style: theme["dim"]), Span("\(i.availabilityZone)  \(i.privateIPAddress)  \(i.subnetID)")], in: left)
        line([Span("Image  ", style: theme["dim"]), Span(i.imageID)], in: left)
        line([Span("Since  ", style: theme["dim"]), Span("launched \(Format.clock(i.launchTime))")], in: left)
        y += 1
        if let spec = m.spec {
            let explanation = spec.explanation
            line([Span(spec.name.name, style: theme["accent"]), Span(" — " + explanation.summary)], in: left)
            for (term, meaning) in explanation.terms {
                line([Span("  " + TextWidth.pad(term, to: 8), style: theme["accent"]), Span(meaning)], in: left)
            }
            y += 1
            var specs = "\(spec.vCPUs) vCPU · \(Format.memory(miB: spec.memoryMiB)) · \(spec.architectures.joined(separator: "/")) · \(spec.networkPerformance)"
            if spec.bareMetal { specs += " · bare metal" }
            line([Span("Specs  ", style: theme["dim"]), Span(specs)], in: left)
            line([Span("Price  ", style: theme["dim"]), Span("\(Format.dollars(spec.hourlyPriceUSD))/h"),
                  Span(" (simulated)" + (spec.isEstimated ? ", specs estimated" : ""), style: theme["dim"])], in: left)
            line([Span("Load   ", style: theme["dim"]), Span(i.workload.name + " workload")], in: left)
        }
        let right = halves.count > 1 ? halves[1] : Rect(x: left.x, y: y + 1, width: left.width, height: max(0, left.bottom - y - 1))
        renderGraphsAndHistory(m, theme: theme, into: &buffer, area: right)
    }

    private static func renderGraphsAndHistory(_ m: InstanceDetailModel, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let metrics = m.instance.metrics
        let graphs: [(String, MetricRing, Double?, (Double) -> String)] = [
            ("CPU", metrics.cpuPercent, 100, { Format.percent($0) }),
            ("Network in", metrics.networkInBytes, nil, { Format.bytes($0) + "/min" }),
            ("Network out", metrics.networkOutBytes, nil, { Format.bytes($0) + "/min" }),
        ]
        let graphHeight = area.height >= 20 ? 3 : 1
        var y = area.y
        for (label, ring, max, format) in graphs where y + 1 + graphHeight <= area.bottom {
            let latest = ring.last.map(format) ?? "no samples yet"
            _ = buffer.write(Line([Span(label + "  ", style: theme["dim"]), Span(latest)]), at: Point(x: area.x, y: y), maxWidth: area.width)
            Sparkline(values: ring.values, max: max, style: theme["sparkline"])
                .render(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: graphHeight))
            y += 1 + graphHeight + 1
        }
        guard y < area.bottom else { return }
        _ = buffer.write("Events", at: Point(x: area.x, y: y), style: theme["table.header"], maxWidth: area.width)
        y += 1
        for entry in m.history where y < area.bottom {
            _ = buffer.write(Line([Span(Format.clock(entry.time) + "  ", style: theme["dim"]), Span(EventsTable.shortSummary(entry))])
                .truncated(to: area.width), at: Point(x: area.x, y: y), maxWidth: area.width)
            y += 1
        }
    }
}
