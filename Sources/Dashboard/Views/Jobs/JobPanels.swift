import Estate
import Terminal

/// The panes below the operator graph: window results as they fire, and a search index the
/// job writes, drawn the way Kibana's Discover page shows one (documents over time, newest hits).
enum JobPanels {
    // MARK: - Window output

    /// Newest at the bottom, like a log: `12:03:00–12:04:00 events-per-user user-17  events=3 pages=2`.
    static func renderWindowOutput(_ results: [WindowResult], theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Window output (\(results.count) latest)", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if results.isEmpty {
            _ = buffer.write("No window has fired yet: results appear when the watermark passes a window's end.",
                             at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let shown = results.suffix(inner.height)
        let top = inner.y + inner.height - shown.count
        for (i, r) in shown.enumerated() {
            _ = buffer.write(windowLine(r, theme: theme).truncated(to: inner.width), at: Point(x: inner.x, y: top + i), maxWidth: inner.width)
        }
    }

    static func windowLine(_ r: WindowResult, theme: Theme) -> Line {
        let fields = (r.value.objectValue ?? []).filter { $0.0 != "window_start" && $0.0 != "window_end" }
        let values = fields.map { "\($0.0)=\(compact($0.1))" }.joined(separator: " ")
        return Line([
            Span("\(JobsFormat.time(r.start))–\(JobsFormat.time(r.end)) ", style: theme["dim"]),
            Span(r.output + " ", style: theme["accent"]),
            Span(values),
        ])
    }

    /// A value as it reads inline: strings bare, the rest as JSON.
    static func compact(_ v: JSONValue) -> String {
        v.stringValue ?? v.serialized()
    }

    // MARK: - Search index

    static func renderSearch(_ m: SearchPanelModel?, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard let m else {
            let inner = Block(title: "Search", titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
                .inset(horizontal: 1, vertical: 0)
            if !inner.isEmpty {
                _ = buffer.write("This job writes no search index.", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            }
            return
        }
        var title = "Search · \(m.index) · \(Format.count(m.documentCount)) docs"
        if m.of > 1 { title += " · \(m.position + 1)/\(m.of), i: next index" }
        let inner = Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
            .inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        // The histogram takes up to half the height (at least three rows), the hits the rest.
        let chartHeight = inner.height >= 6 ? max(3, inner.height / 2) : inner.height
        let parts = inner.rows([.fixed(chartHeight), .fill])
        renderHistogram(m, theme: theme, into: &buffer, area: parts[0])
        renderHits(m.newest, theme: theme, into: &buffer, area: parts[1])
    }

    /// Bars of documents per minute over a time axis, the scale's top on the left.
    static func renderHistogram(_ m: SearchPanelModel, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard area.height >= 2, area.width >= 12 else { return }
        let top = m.perMinute.max() ?? 0
        let label = Format.count(top)
        let axisWidth = label.count + 1
        let bars = Rect(x: area.x + axisWidth, y: area.y, width: area.width - axisWidth, height: area.height - 1)
        _ = buffer.write(label, at: area.origin, style: theme["dim"], maxWidth: axisWidth)
        _ = buffer.write(TextWidth.pad("0", to: label.count, alignment: .right), at: Point(x: area.x, y: bars.bottom - 1), style: theme["dim"], maxWidth: axisWidth)
        let values = m.perMinute.suffix(bars.width).map(Double.init)
        if top == 0 {
            _ = buffer.write("no documents in the last \(JobDetailModel.histogramMinutes) minutes", at: bars.origin, style: theme["dim"], maxWidth: bars.width)
        } else {
            Sparkline(values: values, max: Double(top), style: theme["sparkline"]).render(into: &buffer, area: bars)
        }
        // Time axis: the first shown minute at the left edge of the bars, the last at the right.
        let shown = values.count
        let first = SimInstant(milliseconds: m.firstMinute.milliseconds + Int64(m.perMinute.count - shown) * 60_000)
        let last = SimInstant(milliseconds: first.milliseconds + Int64(max(0, shown - 1)) * 60_000)
        let axisY = area.bottom - 1
        let left = bars.right - shown
        _ = buffer.write(JobsFormat.minute(first), at: Point(x: left, y: axisY), style: theme["dim"], maxWidth: bars.right - left)
        if shown > 12 {
            let text = "per minute · " + JobsFormat.minute(last)
            _ = buffer.write(text, at: Point(x: bars.right - text.count, y: axisY), style: theme["dim"], maxWidth: text.count)
        }
    }

    /// The newest documents, newest first: `_id` then `_source`.
    static func renderHits(_ hits: [SearchHit], theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        _ = buffer.write("Newest hits", at: area.origin, style: theme["table.header"], maxWidth: area.width)
        for (i, hit) in hits.prefix(max(0, area.height - 1)).enumerated() {
            let line = Line([
                Span(JobsFormat.time(hit.ingestedAt) + " ", style: theme["dim"]),
                Span(hit.id + " ", style: theme["tail.key"]),
                Span(hit.source.serialized(), style: theme["tail.data"]),
            ])
            _ = buffer.write(line.truncated(to: area.width), at: Point(x: area.x, y: area.y + 1 + i), maxWidth: area.width)
        }
    }
}
