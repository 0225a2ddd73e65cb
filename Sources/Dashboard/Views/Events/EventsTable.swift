import Estate
import Terminal

/// The bus, newest first, coloured by service.
public struct EventsViewModel {
    public var events: [EventLog.Entry]
    public var totalCount: Int
    public var filter: String
    public var matcher: TextFilter = .none
}

enum EventsTable {
    static let columns = [
        TableColumn("TIME", width: .fixed(19)),
        TableColumn("SERVICE", width: .fixed(7)),
        TableColumn("EVENT", width: .fixed(20)),
        TableColumn("RESOURCE", width: .fixed(19)),
        TableColumn("SUMMARY", width: .flex(min: 10)),
    ]

    static func render(_ m: EventsViewModel, table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.listPanel("Events", shown: m.events.count, total: m.totalCount, filter: m.filter, note: "newest first",
                                     theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        var table = Table(columns: columns, rowCount: m.events.count, headerStyle: theme["table.header"],
                          selectionStyle: theme["selection"]) { index in
            let e = m.events[index]
            let kind = theme[e.role]
            return [TableCell(Format.clock(e.time), style: theme["dim"]), TableCell(e.service, style: serviceStyle(e.service, theme: theme)),
                    TableCell(e.name, style: kind), TableCell(e.resourceID ?? "–"), TableCell(shortSummary(e))]
        }
        table.highlight(m.matcher, theme: theme)
        table.render(into: &buffer, area: inner, state: state)
    }

    /// The summary without its leading resource id, which has its own column here.
    static func shortSummary(_ e: EventLog.Entry) -> String {
        guard let id = e.resourceID, e.summary.hasPrefix(id + " ") else { return e.summary }
        return String(e.summary.dropFirst(id.count + 1))
    }

    static func serviceStyle(_ service: String, theme: Theme) -> Style { theme["event.\(service)"] }

    /// One event as a line of text, for the Overview and instance details.
    static func line(_ e: EventLog.Entry, theme: Theme) -> Line {
        Line([Span(SimCalendar.timeOfDay(e.time) + " ", style: theme["dim"]),
              Span(TextWidth.pad(e.service, to: max(8, TextWidth.of(e.service) + 1)), style: serviceStyle(e.service, theme: theme)),
              Span(e.summary, style: e.role.hasPrefix("event.") ? .plain : theme[e.role])])
    }

    static func matches(_ e: EventLog.Entry, filter: TextFilter) -> Bool {
        filter.keeps([e.service, e.name, e.resourceID ?? "", e.summary])
    }
}
