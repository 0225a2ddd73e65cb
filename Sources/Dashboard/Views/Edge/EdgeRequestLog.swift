import Estate
import Terminal

/// The live request log: one row per request, newest at the bottom.
enum EdgeRequestLog {
    static let columns = [
        TableColumn("TIME", width: .fixed(12)),
        TableColumn("REQUEST → REWRITTEN", width: .flex(min: 14, weight: 3)),
        TableColumn("ST", width: .fixed(3), alignment: .right),
        TableColumn("CACHE", width: .fixed(9)),
        TableColumn("FUNCTIONS", width: .flex(min: 9, weight: 2)),
    ]

    static func cells(_ r: EdgeRequestRow, theme: Theme) -> [TableCell] {
        [
            TableCell(r.time, style: theme["dim"]),
            TableCell(r.method + " " + (r.rewrittenUri.map { "\(r.uri) → \($0)" } ?? r.uri)),
            TableCell(String(r.status), style: statusStyle(r.status, theme: theme)),
            TableCell(resultLabel(r.resultType), style: r.resultType == "Hit" ? theme["ok"] : r.resultType == "Error" ? theme["error"] : nil),
            // Names only: the trace pane says at which trigger each ran.
            TableCell(r.functions.isEmpty ? "–" : r.functions.map { String($0.split(separator: ":", maxSplits: 1).last ?? "") }.joined(separator: " "), style: r.functions.contains { $0.hasSuffix("!") } ? theme["error"] : theme["dim"]),
        ]
    }

    static func statusStyle(_ status: Int, theme: Theme) -> Style? {
        switch status {
        case ..<300: return theme["ok"]
        case ..<400: return nil
        case ..<500: return theme["warning"]
        default: return theme["error"]
        }
    }

    /// `Hit`, `Miss`, `Generated` (an answer from a function), `Error`.
    static func resultLabel(_ resultType: String) -> String {
        resultType == "LambdaGeneratedResponse" ? "Generated" : resultType
    }

    static func render(_ model: EdgeViewModel, table state: TableState, filter: String, following: Bool, theme: Theme,
                       into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.listPanel("Requests", shown: model.requests.count, total: model.totalRequests, filter: filter,
                                     note: following ? "following" : "paused, f follows", theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        if model.requests.isEmpty {
            let text = model.totalRequests == 0 ? "No requests yet. Try :edge request GET /docs" : "No request matches /\(filter)."
            _ = buffer.write(text, at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        var table = Table(columns: columns, rowCount: model.requests.count, headerStyle: theme["table.header"], selectionStyle: theme["selection"]) {
            cells(model.requests[$0], theme: theme)
        }
        table.highlight(model.matcher, theme: theme)
        table.render(into: &buffer, area: inner, state: state)
    }
}

/// The selected request's story: the functions in the order they ran, the cache, what reached
/// the origin, and the response with its headers.
enum EdgeTracePanel {
    /// The request and its answer first, then the functions in order, so a short pane shows the
    /// most; the cache, the origin, the response headers and the viewer follow.
    static func lines(_ e: EdgeExchange, theme: Theme) -> [Line] {
        var out: [Line] = []
        let request = e.viewerRequest
        out.append(Line([
            Span(request.method + " ", style: theme["accent"]),
            Span(request.uri + (request.querystring.isEmpty ? "" : "?" + request.querystring) + "  "),
            Span("\(e.response.status) \(e.response.statusDescription)", style: EdgeRequestLog.statusStyle(e.response.status, theme: theme) ?? .plain),
            Span(" · " + EdgeRequestLog.resultLabel(e.resultType) + " · " + EdgePanels.milliseconds(e.timeTakenMilliseconds) + " ms", style: theme["dim"]),
        ]))
        if e.trace.isEmpty { out.append(Line("No function ran.", style: theme["dim"])) }
        for step in e.trace {
            let version = step.version.map { ":\($0)" } ?? ""
            var timing = EdgePanels.milliseconds(Double(step.durationMicroseconds) / 1000) + " ms"
            if step.coldStart { timing += " cold start" }
            out.append(Line([
                Span(TextWidth.pad(step.eventType.rawValue, to: 16), style: theme["accent"]),
                Span(TextWidth.pad(step.functionName + version, to: 19), style: step.error == nil ? .plain : theme["error"]),
                Span(timing, style: theme["dim"]),
            ]))
            if let error = step.error { out.append(Line("  " + error, style: theme["error"])) }
        }
        if let detail = e.errorDetail, !e.trace.contains(where: { $0.error == detail }) { out.append(Line(detail, style: theme["error"])) }
        out.append(Line([Span(TextWidth.pad("Cache", to: 10), style: theme["dim"]),
                         Span(e.cacheHit ? "Hit" : "Miss", style: e.cacheHit ? theme["ok"] : .plain)]))
        let origin = e.originRequest.map { "\($0.method) \($0.uri)\($0.querystring.isEmpty ? "" : "?" + $0.querystring)" } ?? "none reached it"
        out.append(Line([Span(TextWidth.pad("Origin", to: 10), style: theme["dim"]), Span(origin, style: e.originRequest == nil ? theme["dim"] : .plain)]))
        out.append(Line([Span(TextWidth.pad("Response", to: 10), style: theme["dim"]), Span("\(e.response.status) \(e.response.statusDescription)")]))
        for name in e.response.headers.names {
            for value in e.response.headers.values(name) {
                out.append(Line([Span("  " + name + ": ", style: theme["dim"]), Span(value)]))
            }
        }
        var viewer = ["from \(request.clientIp)"]
        if let country = request.country { viewer.append(country) }
        if let agent = request.headers.first("user-agent") { viewer.append(agent) }
        out.append(Line(viewer.joined(separator: " · "), style: theme["dim"]))
        out.append(Line("\(e.distributionName) · \(e.requestId)", style: theme["dim"]))
        return out
    }

    static func render(_ exchange: EdgeExchange?, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Trace", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        guard let exchange else {
            _ = buffer.write("Select a request to see its trace.", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        for (i, line) in lines(exchange, theme: theme).prefix(inner.height).enumerated() {
            _ = buffer.write(line.truncated(to: inner.width), at: Point(x: inner.x, y: inner.y + i), maxWidth: inner.width)
        }
    }
}
