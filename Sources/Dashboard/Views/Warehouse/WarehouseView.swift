import Estate
import Terminal

extension ViewID {
    public static let warehouse = ViewID("warehouse")
}

/// The Warehouse view: a cluster's nodes and slices (storage bars that show skew), its tables,
/// its queries as they queue and run, and a SQL console whose statements go through WLM like
/// any client's.
public struct WarehouseView: DashboardView {
    /// Which of the estate's clusters is shown.
    public private(set) var clusterIndex = 0
    public private(set) var clusterCount = 0
    public private(set) var summary: WarehouseSummary?
    public var table = TableState()
    /// The queries panel's selection; it follows its query as newer ones push it down.
    public var queryTable = TableState()
    private var selectedQuery: Int?
    /// Which panel the moves, `d` and `y` act on.
    public private(set) var panel = Panel.tables
    public var console = SQLConsole()
    /// Whether keys go to the console (after `e`) rather than to the panels.
    public private(set) var editing = false
    /// Grid rows on screen at the last layout: what PgUp and PgDn move by.
    private var gridPageRows = 10
    private var modelKey: ModelKey?

    struct ModelKey: Equatable {
        let redshift: UInt64, data: UInt64, second: Int64, cluster: Int, count: Int
    }

    /// The panels in the order ← and → walk them: the cluster, its tables, its queries.
    public enum Panel: Int, CaseIterable, Sendable {
        case cluster, tables, queries
    }

    public init() {}

    public var scope: Action.Scope { editing ? .console : .warehouse }
    public var takesText: Bool { editing }
    public var breadcrumbs: [String] { editing ? ["SQL console"] : [] }

    public var footerActions: [Action] {
        if editing { return [.runSQL, .explainSQL, .historyPrevious, .back] }
        return (clusterCount > 1 ? [.sqlConsole, .open, .nextCluster] : [.sqlConsole, .open]) + [.nextPanel]
    }

    var selectedTable: String? {
        guard let s = summary, let i = table.selected, s.tables.indices.contains(i) else { return nil }
        return s.tables[i].name
    }

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let warehouse = context.estate.warehouse
        let clusters = warehouse.clusters
        var changed = false
        if clusterIndex >= clusters.count { clusterIndex = 0 }
        let cluster = clusters.isEmpty ? nil : clusters[clusterIndex]
        if let cluster, console.collect(from: cluster.wlm.records) { changed = true }
        // Loaders add rows without events, so the model also follows the clock's second.
        let key = ModelKey(redshift: context.versions["redshift"], data: context.versions["redshift-data"],
                           second: context.estate.now.milliseconds / 1000, cluster: clusterIndex, count: clusters.count)
        guard key != modelKey else { return changed }
        modelKey = key
        clusterCount = clusters.count
        let dataAPI = context.estate.redshiftData
        summary = cluster.map { c in
            WarehouseSummary(c, loaders: warehouse.loaders, now: context.estate.now) { dataAPI.statementID(cluster: c.identifier, query: $0) }
        }
        table.clamp(rowCount: summary?.tables.count ?? 0)
        followSelectedQuery()
        return true
    }

    /// The Overview's Warehouse tile, when the estate has clusters.
    static func overviewTile(_ context: ViewContext) -> OverviewTile? {
        let warehouse = context.estate.warehouse
        guard !warehouse.clusters.isEmpty else { return nil }
        return WarehousePanels.tile(warehouse.clusters.map { WarehouseSummary($0, loaders: warehouse.loaders, now: context.estate.now) },
                                    theme: context.theme)
    }

    var selectedQuerySummary: QuerySummary? {
        guard let s = summary, let i = queryTable.selected, s.queries.indices.contains(i) else { return nil }
        return s.queries[i]
    }

    /// Keeps the selection on the same query while newer ones arrive above it.
    mutating func followSelectedQuery() {
        let queries = summary?.queries ?? []
        if let id = selectedQuery, let i = queries.firstIndex(where: { $0.query == id }) {
            queryTable.selected = i
        } else if queryTable.selected == nil, !queries.isEmpty {
            // The first query to arrive is selected, as a table's first row is.
            queryTable.selected = 0
        }
        queryTable.clamp(rowCount: queries.count)
        selectedQuery = selectedQuerySummary?.query
    }

    /// Runs a move on the focused panel's list.
    mutating func moveSelection(_ move: (inout TableState, Int) -> Void) {
        switch panel {
        case .cluster: break
        case .tables: move(&table, summary?.tables.count ?? 0)
        case .queries:
            move(&queryTable, summary?.queries.count ?? 0)
            selectedQuery = selectedQuerySummary?.query
        }
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        switch action {
        case .sqlConsole:
            guard summary != nil else { return [.message("There is no warehouse cluster; create one with :redshift create-cluster.", isError: true)] }
            editing = true
        case .back:
            if editing { editing = false; console.completions = [] }
        case .runSQL: return submit(explain: false, context)
        case .explainSQL: return submit(explain: true, context)
        case .historyPrevious: console.recall(-1)
        case .historyNext: console.recall(1)
        case .nextCluster:
            guard clusterCount > 1 else { return [] }
            clusterIndex = (clusterIndex + 1) % clusterCount
            table = TableState()
            _ = refresh(context)
        case .open:
            // Enter on a table puts a query of it in the console, ready to run or change; on a
            // query, its text, to run again or change.
            if panel == .queries, let q = selectedQuerySummary {
                console.editor = SQLEditor(q.text.hasSuffix(";") ? q.text : q.text + ";")
                editing = true
                return []
            }
            guard panel == .tables, let name = selectedTable else { return [] }
            console.editor = SQLEditor("SELECT * FROM \(name) LIMIT 100;")
            editing = true
        case .nextPanel, .previousPanel:
            let all = Panel.allCases
            panel = all[(panel.rawValue + (action == .nextPanel ? 1 : all.count - 1)) % all.count]
        default:
            guard action.listMove(pageRows: 1) != nil else { break }
            moveSelection { table, rowCount in
                if let rows = action.listMove(pageRows: table.visibleRows) { table.move(by: rows, rowCount: rowCount) }
            }
        }
        return []
    }

    /// Sends the editor's statement (or its EXPLAIN) as a Data API call.
    mutating func submit(explain: Bool, _ context: ViewContext) -> [Effect] {
        let clusters = context.estate.warehouse.clusters
        guard clusterIndex < clusters.count else { return [] }
        let cluster = clusters[clusterIndex]
        let source = console.editor.isEmpty ? (console.history.last ?? "") : console.editor.text
        guard source.contains(where: { !$0.isWhitespace && $0 != ";" }) else {
            return [.message("Type a statement first.", isError: false)]
        }
        guard console.pending == nil else { return [.message("The last statement is still running.", isError: false)] }
        guard cluster.status == .available else {
            console.refused("Cluster \(cluster.identifier) is \(cluster.status.rawValue); it cannot run queries now.")
            return []
        }
        var text = source
        if explain {
            // EXPLAIN takes one statement: only the editor's first is explained, never run.
            guard let tokens = try? SQLLexer.tokenize(source) else {
                console.refused("The statement does not parse; run it to see where.")
                return []
            }
            let statements = SQLLexer.statements(tokens).filter { $0.contains { !$0.isTrivia } }
            guard statements.count == 1 else {
                console.refused("EXPLAIN takes one statement; the console holds \(statements.count).")
                return []
            }
            while let last = text.last, last == ";" || last.isWhitespace { text.removeLast() }
        }
        console.sent(text, explain: explain, after: cluster.wlm.records.map(\.query).max() ?? 0)
        return [.run(SQLConsole.command(cluster: cluster.identifier, sql: console.pending!.sql), quiet: true)]
    }

    /// Keys while the console is being edited; nil leaves a key to the keymap.
    public mutating func type(_ key: Key, _ context: ViewContext) -> [Effect]? {
        let keepCompletions = key == .tab
        defer { if !keepCompletions { console.completions = [] } }
        var editor = console.editor
        switch key {
        case let .character(c):
            guard TextWidth.of(c) > 0 else { return nil }
            editor.insert(c)
        case .enter:
            // psql's rule: a statement ends with `;`; until then Enter starts a new line.
            let trimmed = editor.text.reversed().drop { $0.isWhitespace }
            if trimmed.first == ";", editor.isOnLastLine, editor.column == editor.lines[editor.row].count {
                return submit(explain: false, context)
            }
            editor.newline()
        case .backspace, .ctrl("h"): editor.backspace()
        case .delete, .ctrl("d"): editor.deleteForward()
        case .left: editor.moveLeft()
        case .right: editor.moveRight()
        case .home, .ctrl("a"): editor.home()
        case .end, .ctrl("e"): editor.end()
        case .up:
            if editor.isOnFirstLine { console.recall(-1); return [] }
            editor.moveUp()
        case .down:
            if editor.isOnLastLine { console.recall(1); return [] }
            editor.moveDown()
        case .tab:
            console.complete(catalog: summary?.catalog ?? [])
            return []
        case .pageUp, .pageDown:
            scrollGrid(rows: key == .pageUp ? -gridPageRows : gridPageRows)
            return []
        case .ctrl("b"), .ctrl("f"):
            scrollGrid(columns: key == .ctrl("b") ? -1 : 1)
            return []
        default:
            return nil
        }
        console.editor = editor
        return []
    }

    mutating func scrollGrid(rows: Int = 0, columns: Int = 0) {
        guard case let .rows(grid)? = console.outcome else { return }
        console.grid.row = max(0, min(console.grid.row + rows, grid.rows.count - gridPageRows))
        console.grid.column = max(0, min(console.grid.column + columns, grid.columns.count - 1))
    }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        if editing { scrollGrid(rows: rows) } else { moveSelection { $0.move(by: rows, rowCount: $1) } }
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        guard let s = summary else { return [] }
        let parts = WarehousePanels.parts(layout.area, s)
        if parts.console.contains(point) {
            editing = true
            return []
        }
        editing = false
        if parts.nodes.contains(point) { panel = .cluster }
        if parts.tables.contains(point) {
            panel = .tables
            let list = ListLayout.table(table, rowCount: s.tables.count, in: Chrome.listPanelInner(parts.tables))
            if let row = list.row(at: point, rowCount: s.tables.count) { table.move(by: table.distance(to: row), rowCount: s.tables.count) }
        }
        if parts.queries.contains(point) {
            panel = .queries
            let list = ListLayout.table(queryTable, rowCount: s.queries.count, in: Chrome.listPanelInner(parts.queries))
            if let row = list.row(at: point, rowCount: s.queries.count) {
                queryTable.move(by: queryTable.distance(to: row), rowCount: s.queries.count)
                selectedQuery = selectedQuerySummary?.query
            }
        }
        return []
    }

    // MARK: - Layout and drawing

    public func layout(in area: Rect) -> ViewLayout {
        guard let s = summary else { return ViewLayout(area: area) }
        let parts = WarehousePanels.parts(area, s)
        // The focused panel's list is the one the host scrolls and pages.
        var list: ListLayout?
        switch panel {
        case .cluster: list = nil
        case .tables: list = ListLayout.table(table, rowCount: s.tables.count, in: Chrome.listPanelInner(parts.tables))
        case .queries: list = ListLayout.table(queryTable, rowCount: s.queries.count, in: Chrome.listPanelInner(parts.queries))
        }
        return ViewLayout(area: area, list: list, pageRows: ConsolePanel.gridPageRows(parts.console, console))
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        if let list = layout.list {
            if panel == .queries { queryTable = list.table } else { table = list.table }
        }
        gridPageRows = layout.pageRows
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        let area = layout.area
        guard let s = summary else {
            let inner = Block(title: "Warehouse", titleStyle: theme["title"], borderStyle: theme["border"])
                .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
            guard !inner.isEmpty else { return }
            _ = buffer.write("No warehouse clusters. Try :redshift create-cluster --cluster-identifier analytics --node-type ra3.xlplus --master-username awsuser",
                             at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let parts = WarehousePanels.parts(area, s)
        let focused: Panel? = editing ? nil : panel
        WarehousePanels.renderNodes(s, title: WarehousePanels.title(s, index: clusterIndex, clusterCount: clusterCount), focused: focused == .cluster,
                                    theme: theme, into: &buffer, area: parts.nodes)
        WarehousePanels.renderTables(s, table: panel == .tables ? layout.list?.table ?? table : table, focused: focused == .tables,
                                     theme: theme, into: &buffer, area: parts.tables)
        WarehousePanels.renderQueries(s, table: panel == .queries ? layout.list?.table ?? queryTable : queryTable, focused: focused == .queries,
                                      theme: theme, into: &buffer, area: parts.queries)
        ConsolePanel.render(console, editing: editing, database: "dev", theme: theme, into: &buffer, area: parts.console)
    }
}
