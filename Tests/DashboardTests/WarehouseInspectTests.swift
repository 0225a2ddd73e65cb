@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// The Warehouse view's panels under ← and →, `d` and `y` on a table or a query, and EXPLAIN
/// plans shown whole.
@Suite struct WarehouseInspectTests {
    typealias F = DashboardFixtures
    typealias W = WarehouseViewTests

    static func page(_ d: Dashboard) -> DescribePage? {
        if case let .page(p) = d.state.overlay { return p }
        return nil
    }

    static func json(_ page: DescribePage) throws -> JSONValue { try JSONParser.parse(page.jsonLines.joined(separator: "\n")) }

    @Test func arrowsWalkTheClusterTablesAndQueries() {
        let d = W.warehouse()
        #expect(W.view(d).panel == .tables)
        F.press(d, .right)
        #expect(W.view(d).panel == .queries)
        F.press(d, .right)
        #expect(W.view(d).panel == .cluster)
        // ← walks back, past the first panel to the last.
        F.press(d, .left)
        #expect(W.view(d).panel == .queries)
        F.press(d, .left)
        #expect(W.view(d).panel == .tables)
        F.press(d, .character("?"))
        let help = F.text(d, width: 120, height: 80)
        #expect(help.contains("→               next panel") && help.contains("←               previous panel"))
    }

    /// `y` on the orders table: describe-table's reply, as the palette prints it, with the
    /// columns as its DDL declares them.
    @Test func aTableRowDescribesItsColumns() throws {
        let d = W.warehouse()
        let names = W.view(d).summary!.tables.map(\.name)
        let orders = try #require(names.firstIndex(of: "orders"))
        for _ in 0..<orders { F.press(d, .down) }
        F.press(d, .character("y"))
        let page = try #require(Self.page(d))
        #expect(page.inspection.kind == "Table" && page.inspection.id == "orders")
        #expect(page.inspection.command == "redshift-data describe-table --cluster-identifier shop --database dev --table orders")
        let reply = CommandRunner(estate: d.estate, readOnly: true).run(page.inspection.command)!.json
        #expect(page.jsonLines == reply.pretty(indent: 4).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let json = try Self.json(page)
        #expect(json["TableName"] == "orders")
        // orders (order_id BIGINT IDENTITY(1, 1), customer_id VARCHAR(20) NOT NULL, order_date DATE NOT NULL, status VARCHAR(10), total DECIMAL(10,2), items SMALLINT)
        let columns = try #require(json["ColumnList"]?.arrayValue)
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["order_id", "customer_id", "order_date", "status", "total", "items"])
        #expect(columns[1]["typeName"] == "varchar" && columns[1]["length"] == 20 && columns[1]["nullable"] == 0)
        #expect(columns[4]["typeName"] == "numeric" && columns[4]["precision"] == 10 && columns[4]["scale"] == 2)
        F.press(d, .character("d"))
        #expect(F.text(d).contains("Table orders — describe"))
    }

    /// A console statement is a Data API statement: `y` shows describe-statement for it.
    @Test func aConsoleQueryDescribesItsStatement() throws {
        let d = W.warehouse()
        W.run(d, "SELECT COUNT(*) FROM customers;")
        W.settle(d)
        F.press(d, .escape, .right)
        let q = try #require(W.view(d).selectedQuerySummary)
        #expect(q.text == "SELECT COUNT(*) FROM customers;")
        F.press(d, .character("y"))
        let page = try #require(Self.page(d))
        #expect(page.inspection.kind == "Statement")
        let json = try Self.json(page)
        #expect(json["Id"]?.stringValue == page.inspection.id)
        #expect(json["QueryString"] == "SELECT COUNT(*) FROM customers;" && json["Status"] == "FINISHED")
        #expect(json["RedshiftQueryId"] == .int(Int64(q.query)) && json["ResultRows"] == 1 && json["HasResultSet"] == true)
    }

    /// A query sent another way (here the `sql` verb) is described from what the system tables record.
    @Test func aQueryFromElsewhereDescribesItsSystemTableRow() throws {
        let d = W.warehouse()
        _ = CommandRunner(estate: d.estate).run("sql \"SELECT region FROM customers LIMIT 3\"")
        d.refresh()
        F.press(d, .right)
        let q = try #require(W.view(d).selectedQuerySummary)
        #expect(q.text == "SELECT region FROM customers LIMIT 3" && q.statementID == nil)
        F.press(d, .character("y"))
        let page = try #require(Self.page(d))
        #expect(page.inspection.kind == "Query" && page.inspection.id == String(q.query))
        let json = try Self.json(page)
        #expect(json["querytxt"] == "SELECT region FROM customers LIMIT 3" && json["state"] == "Completed" && json["returned_rows"] == 3)
    }

    /// Newer queries arrive at the top; the selection stays on the query chosen.
    @Test func theSelectionFollowsItsQuery() throws {
        let d = W.warehouse()
        let runner = CommandRunner(estate: d.estate)
        _ = runner.run("sql \"SELECT 1\"")
        _ = runner.run("sql \"SELECT 2\"")
        d.refresh()
        F.press(d, .right, .down)
        #expect(W.view(d).selectedQuerySummary?.text == "SELECT 1")
        _ = runner.run("sql \"SELECT 3\"")
        _ = F.screen(d)
        #expect(W.view(d).selectedQuerySummary?.text == "SELECT 1")
        #expect(W.view(d).queryTable.selected == 2)
        // Enter puts the query's text in the console, to run again or change.
        F.press(d, .enter)
        #expect(W.view(d).editing && W.view(d).console.editor.text == "SELECT 1;")
    }

    /// The plan column is not cut: every line of the plan is on screen whole, long ones wrapped
    /// under their own indentation.
    @Test(arguments: [(120, 40), (80, 24)] as [(Int, Int)])
    func explainPlansAreShownWhole(size: (Int, Int)) throws {
        let d = W.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT page, COUNT(*) AS views, COUNT(DISTINCT user_id) AS visitors FROM clickstream_events GROUP BY page ORDER BY views DESC")
        F.press(d, .ctrl("x"))
        W.settle(d)
        guard case let .rows(grid)? = W.view(d).console.outcome else { Issue.record("no plan"); return }
        let plan = grid.rows.map { $0[0] ?? "" }
        #expect(plan.contains { $0.count > 60 }, "a plan line longer than the 40 columns a grid column takes")
        let lines = F.screen(d, width: size.0, height: size.1)
        let header = try #require(lines.firstIndex { $0.contains("QUERY PLAN") })
        // The console's rows under the header, inside its border, as one text.
        let shown = lines[(header + 1)...].prefix { !$0.hasPrefix("└") }.map { String($0.dropFirst(2).dropLast(2)) }
        func words(_ s: String) -> String { s.split(separator: " ").joined(separator: " ") }
        let text = words(shown.joined(separator: " "))
        let fits = plan.prefix(shown.count / 2)
        #expect(!fits.isEmpty)
        for line in fits { #expect(text.contains(words(line)), "cut: \(line)") }
        #expect(!text.contains("…"))
    }

    @Test(arguments: [(120, 40), (80, 24)] as [(Int, Int)])
    func planGolden(size: (Int, Int)) {
        let d = W.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT page, COUNT(*) AS views, COUNT(DISTINCT user_id) AS visitors FROM clickstream_events GROUP BY page ORDER BY views DESC")
        F.press(d, .ctrl("x"))
        W.settle(d)
        Golden.check(F.screen(d, width: size.0, height: size.1), name: "warehouse-plan-\(size.0)x\(size.1)")
    }
}

/// The help window at a size where it does not fit: it scrolls and says so, and every line can be reached.
@Suite struct HelpScrollTests {
    typealias F = DashboardFixtures

    static func helpText(_ d: Dashboard) -> [String] {
        Overlays.helpLines(keymap: d.keymap, theme: d.theme).map { $0.spans.map(\.text).joined() }
    }

    @Test(arguments: [(120, 40), (80, 24)] as [(Int, Int)])
    func everyLineCanBeReachedWithTheMovingKeys(size: (Int, Int)) {
        let d = F.dashboard()
        F.press(d, .character("?"))
        var screen = F.screen(d, width: size.0, height: size.1)
        let last = "Rebind in Config/keys.yaml · Esc closes"
        #expect(!screen.joined().contains(last), "the help is taller than the screen")
        #expect(screen.contains { $0.contains("more rows below") }, "it says it scrolls")
        var seen = Set(screen.joined(separator: "\n").split(separator: "\n").map(String.init))
        var text = screen.joined(separator: "\n")
        for _ in 0..<200 where !text.contains("end of help") {
            F.press(d, .character("j"))
            screen = F.screen(d, width: size.0, height: size.1)
            text = screen.joined(separator: "\n")
            seen.formUnion(screen)
        }
        #expect(text.contains(last), "j reaches the last line")
        #expect(text.contains("end of help"))
        // Every line of help was on screen at some point (cut only by its column's width).
        let all = seen.joined(separator: "\n")
        for line in Self.helpText(d) where !line.isEmpty {
            let head = String(line.trimmingCharacters(in: .whitespaces).prefix(20))
            #expect(all.contains(head), "never shown: \(line)")
        }
        // One more j past the end changes nothing; PgUp and Home go back up.
        F.press(d, .character("j"))
        #expect(F.screen(d, width: size.0, height: size.1) == screen)
        F.press(d, .pageDown)
        #expect(F.screen(d, width: size.0, height: size.1) == screen)
        F.press(d, .home)
        #expect(d.state.helpScroll == 0)
        F.press(d, .end)
        #expect(F.text(d, width: size.0, height: size.1).contains(last))
        // Esc closes; help opens again at the top.
        F.press(d, .escape, .character("?"))
        #expect(F.text(d, width: size.0, height: size.1).contains("more rows below"))
    }

    @Test func pageDownMovesByAPage() {
        let d = F.dashboard()
        F.press(d, .character("?"))
        _ = F.screen(d, width: 80, height: 24)
        F.press(d, .pageDown)
        // 24 rows: 2 header, 1 footer, 21 for the body; the window's border and hint take 3, so 18 rows show, and a page keeps one.
        #expect(d.state.helpScroll == 17)
    }

    @Test func onATallScreenNothingScrolls() {
        let d = F.dashboard()
        F.press(d, .character("?"))
        let text = F.text(d, width: 200, height: 100)
        #expect(text.contains("Rebind in Config/keys.yaml · Esc closes") && !text.contains("scroll ·"))
        F.press(d, .character("j"))
        #expect(d.state.helpScroll == 0)
    }
}
