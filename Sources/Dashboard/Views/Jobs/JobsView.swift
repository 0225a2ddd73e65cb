import Estate
import Terminal

extension ViewID {
    public static let jobs = ViewID("jobs")
}

/// The Jobs view: stream applications in a table; for the selected one its operator graph, the
/// window results as they fire, and the search index it writes as a Kibana-style panel.
public struct JobsView: DashboardView {
    public var table = TableState()
    /// Which of the selected job's search indices the panel shows (`i` moves on).
    public private(set) var indexChoice = 0
    public private(set) var jobs: [JobSummary] = []
    public private(set) var detail: JobDetailModel?
    private var modelKey: ModelKey?
    /// The search panel is re-read only when its index took documents or the minute turned.
    private var searchKey: SearchKey?

    struct ModelKey: Equatable {
        let version: UInt64, second: Int64, selected: String?, indexChoice: Int
    }

    struct SearchKey: Equatable {
        let index: String, changes: Int64, minute: Int64
    }

    public init() {}

    public var scope: Action.Scope { .jobs }
    public var footerActions: [Action] { [.up, .down, .nextIndex, .startJob, .stopJob] }

    public var selectedJobName: String? {
        guard let i = table.selected, jobs.indices.contains(i) else { return nil }
        return jobs[i].name
    }

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let estate = context.estate
        // Rates and checkpoint ages move every second without an event.
        let key = ModelKey(version: context.versions["kinesisanalyticsv2"], second: estate.now.milliseconds / 1000,
                           selected: selectedJobName, indexChoice: indexChoice)
        guard key != modelKey else { return false }
        modelKey = key
        jobs = estate.jobs.applications.map { JobSummary($0, now: estate.now) }
        table.clamp(rowCount: jobs.count)
        guard let name = selectedJobName, let summary = jobs.first(where: { $0.name == name }) else {
            detail = nil
            return true
        }
        let previousSearch = detail?.name == name ? detail?.search : nil
        var next = JobDetailModel(estate.jobs.application(named: name), now: estate.now)
        if !summary.searchIndices.isEmpty {
            let position = ((indexChoice % summary.searchIndices.count) + summary.searchIndices.count) % summary.searchIndices.count
            let index = summary.searchIndices[position]
            let sk = SearchKey(index: index, changes: estate.search.index(named: index)?.changeCount ?? 0, minute: estate.now.milliseconds / 60_000)
            if sk == searchKey, let previousSearch {
                next?.search = previousSearch
            } else {
                searchKey = sk
                next?.search = JobDetailModel.searchPanel(summary.searchIndices, choice: indexChoice, search: estate.search, now: estate.now)
            }
        }
        detail = next
        return true
    }

    /// The Overview's Jobs tile, when the estate runs stream jobs.
    static func overviewTile(_ context: ViewContext) -> OverviewTile? {
        let estate = context.estate
        let jobs = estate.jobs.applications.map { JobSummary($0, now: estate.now) }
        guard !jobs.isEmpty else { return nil }
        let documents = estate.search.indices.reduce(0) { $0 + $1.documentCount }
        let lines = JobRow.tileLines(jobs, indexedDocuments: documents, theme: context.theme)
        return OverviewTile(title: "Stream jobs", lines: lines)
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        if let rows = action.listMove(pageRows: table.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .nextIndex:
            guard let name = selectedJobName, let job = jobs.first(where: { $0.name == name }) else { return [] }
            guard job.searchIndices.count > 1 else {
                return [.message(job.searchIndices.isEmpty ? "\(name) writes no search index" : "\(name) writes one search index", isError: false)]
            }
            indexChoice = (indexChoice + 1) % job.searchIndices.count
            _ = refresh(context)
        case .startJob, .stopJob:
            guard let name = selectedJobName else { return [.message("No job selected.", isError: true)] }
            // The same operations as the CLI's; the service answers a job in the wrong state
            // (ResourceInUseException) and the footer shows it.
            let operation = action == .startJob ? "start-application" : "stop-application"
            return [.run("kinesisanalyticsv2 \(operation) --application-name \(name)", quiet: false)]
        default: break
        }
        return []
    }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        let before = selectedJobName
        table.move(by: rows, rowCount: jobs.count)
        if selectedJobName != before {
            indexChoice = 0
            _ = refresh(context)
        }
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        guard let list = layout.list, let row = list.row(at: point, rowCount: jobs.count) else { return [] }
        scroll(by: table.distance(to: row), context)
        return []
    }

    // MARK: - Layout and drawing

    /// The table on top (its rows, at most six), the graph under it, then window output and
    /// the search panel side by side.
    static func parts(_ area: Rect, jobs: Int, outputs: Int) -> (table: Rect, graph: Rect, window: Rect, search: Rect) {
        let tableHeight = min(area.height, min(max(jobs, 1), 6) + 3)
        let rest = area.height - tableHeight
        // Boxes of three content rows each with a row between them, plus the border.
        let wanted = max(1, outputs) * 5 + max(0, outputs - 1) + 2
        let graphHeight = min(wanted, max(min(rest, 5), rest * 11 / 20))
        let rows = area.rows([.fixed(tableHeight), .fixed(graphHeight), .fill])
        let bottom = rows[2].columns([.percent(45), .fill], spacing: 0)
        return (rows[0], rows[1], bottom[0], bottom[1])
    }

    public func layout(in area: Rect) -> ViewLayout {
        let parts = Self.parts(area, jobs: jobs.count, outputs: max(0, (detail?.vertices.count ?? 1) - 1))
        let list = ListLayout.table(table, rowCount: jobs.count, in: Chrome.listPanelInner(parts.table))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        if let list = layout.list { table = list.table }
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        let parts = Self.parts(layout.area, jobs: jobs.count, outputs: max(0, (detail?.vertices.count ?? 1) - 1))
        let inner = Block(title: "Stream applications (\(jobs.count))", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: parts.table).inset(horizontal: 1, vertical: 0)
        if jobs.isEmpty {
            _ = buffer.write("No stream jobs. Try :kinesisanalyticsv2 create-application, or list a job under jobs: in estate.yaml",
                             at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        if !inner.isEmpty {
            let jobs = self.jobs
            Table(columns: JobRow.columns, rowCount: jobs.count, headerStyle: theme["table.header"], selectionStyle: theme["selection"]) {
                JobRow.cells(jobs[$0], theme: theme)
            }.render(into: &buffer, area: inner, state: layout.list?.table ?? table)
        }
        guard let detail, let job = jobs.first(where: { $0.name == detail.name }) else { return }
        let graphInner = Block(title: "Operator graph · \(detail.name) · \(job.status)", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: parts.graph).inset(horizontal: 1, vertical: 0)
        OperatorGraph.render(detail.vertices, millisBehindLatest: job.millisBehindLatest, theme: theme, into: &buffer, area: graphInner)
        JobPanels.renderWindowOutput(detail.windowResults, theme: theme, into: &buffer, area: parts.window)
        JobPanels.renderSearch(detail.search, theme: theme, into: &buffer, area: parts.search)
    }
}
