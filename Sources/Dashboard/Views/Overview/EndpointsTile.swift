import Estate
import Terminal

extension OverviewView {
    /// With `--listen`: where the endpoints are and how many requests the AWS one answers a
    /// second. Absent without it. The values are copied here, at refresh, so drawing reads nothing.
    static func endpointsTile(_ context: ViewContext) -> OverviewTile? {
        guard let activity = context.endpoints else { return nil }
        let theme = context.theme
        let aws = activity.aws, postgres = activity.postgres, total = activity.total
        let rates = activity.perSecond.values
        let rate = rates.last.map { "\(Int($0))/s" } ?? "–"
        return OverviewTile(title: "Endpoints") { width in
            let graphWidth = max(0, OverviewPanels.tileTextWidth(screenWidth: width) - 19)
            return [
                Line([Span("AWS         ", style: theme["dim"]), Span(aws, style: theme["accent"])]),
                Line([Span("PostgreSQL  ", style: theme["dim"]), Span(postgres, style: theme["accent"])]),
                Line([Span("requests    ", style: theme["dim"]), Span(TextWidth.pad(rate, to: 7)),
                      Span(Sparkline.string(values: rates, width: graphWidth), style: theme["sparkline"])]),
                Line([Span("answered    ", style: theme["dim"]), Span("\(total) since start")]),
            ]
        }
    }
}
