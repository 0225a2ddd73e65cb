@testable import Dashboard
import Estate
import Terminal
import Testing

/// The Warehouse view through the in-memory buffer: slices and skew, tables, queries as they
/// queue and run, and the SQL console.
@Suite struct WarehouseViewTests {
    typealias F = DashboardFixtures

    /// The default estate's dashboard showing the warehouse.
    static func warehouse() -> Dashboard {
        let d = F.dashboard()
        F.press(d, .character("4"))
        return d
    }

    static func view(_ d: Dashboard) -> WarehouseView { d.focused(WarehouseView.self)! }

    /// Opens the console, types `text` and presses Enter.
    static func run(_ d: Dashboard, _ text: String) {
        if !view(d).editing { F.press(d, .character("e")) }
        F.type(d, text)
        F.press(d, .enter)
    }

    /// Lets virtual time pass so WLM runs what was sent, then refreshes.
    static func settle(_ d: Dashboard, seconds: Int64 = 5) {
        d.estate.advance(by: .seconds(seconds))
        d.refresh()
    }

    /// An estate with one empty two-node ra3.xlplus cluster (2 slices a node) and nothing else.
    static func emptyCluster() throws -> Dashboard {
        let yaml = "name: t\nseed: 1\nwarehouse:\n  - cluster: lab\n    node-type: ra3.xlplus\n    nodes: 2\n"
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 1)
        let d = Dashboard(estate: estate)
        estate.advance(by: .minutes(2))
        F.press(d, .character("4"))
        return d
    }

    @Test func keyFourShowsSlicesTablesQueriesAndTheConsole() {
        let d = Self.warehouse()
        #expect(d.state.view == .warehouse)
        let text = F.text(d)
        #expect(text.contains("shop · available") && text.contains("ra3.xlplus × 2 · 4 slices"))
        for (node, slice) in [(0, 0), (0, 1), (1, 2), (1, 3)] { #expect(text.contains("c\(node)·s\(slice)")) }
        #expect(text.contains("LEADER"))
        let wide = F.text(d, width: 200, height: 50)
        #expect(wide.contains("COMPUTE-0 slice 0") && wide.contains("slice 3"))
        for table in ["customers", "orders", "clicks", "date_dim", "orders_stream", "clickstream_events"] { #expect(text.contains(table), "\(table)") }
        // Styles as SVV_TABLE_INFO prints them.
        #expect(text.contains("KEY(customer_id)") && text.contains("EVEN") && text.contains("ALL"))
        #expect(text.contains("Queries ·") && text.contains("SQL console"))
        #expect(ViewRegistry.named("warehouse") == .warehouse)
    }

    /// A table whose rows all share one DISTKEY value sits on one slice: that slice's bar is
    /// full, the others empty, and the skew figures say so.
    @Test func skewShowsAsUnequalSliceBars() throws {
        let d = try Self.emptyCluster()
        let runner = CommandRunner(estate: d.estate)
        let insert = (0..<100).map { "(7, 'row \($0)')" }.joined(separator: ", ")
        for sql in ["CREATE TABLE hot (k INT, v VARCHAR(20)) DISTKEY(k)", "INSERT INTO hot VALUES \(insert)"] {
            let outcome = runner.run("sql \(SQLConsole.quoted(sql))")
            #expect(outcome?.isFailure == false, "\(outcome!.json)")
        }
        d.refresh()
        let s = Self.view(d).summary!
        let rows = s.slices.map(\.rows)
        #expect(rows.sorted() == [0, 0, 0, 100], "all 100 rows on one slice: \(rows)")
        // Two columns plus three hidden ones, one 1 MB block each, on the one slice that has rows.
        #expect(s.slices.map(\.blocksMB).sorted() == [0, 0, 0, 5])
        let lines = F.screen(d)
        // The slices panel: the left 38 columns (the tables panel shares its rows).
        let sliceLines = lines.map { String($0.prefix(38)) }.filter { $0.contains("·s") }
        #expect(sliceLines.count == 4)
        let full = sliceLines.filter { $0.contains(" 100 ") }
        // At 120 columns the slices panel is 38 wide: 34 cells inside, less 6 for `c0·s0 ` and 15 for the figures.
        #expect(full.count == 1 && full[0].contains(String(repeating: "█", count: 13)), "\(full)")
        for line in sliceLines where !line.contains(" 100 ") { #expect(!line.contains("█"), "an empty slice has no bar: \(line)") }
        // Fullest ÷ emptiest: 5 MB against an empty slice counted as 1.
        #expect(lines.contains { $0.contains("fullest ÷ emptiest slice: 5.00") })
        // skew_rows: 100 rows ÷ an empty slice counted as one row.
        #expect(lines.contains { $0.contains("hot") && $0.contains(" 100 ") && $0.contains("KEY(k)") })
    }

    @Test func theConsoleRunsAStatementThroughWLMAndShowsTheGrid() {
        let d = Self.warehouse()
        Self.run(d, "SELECT region, COUNT(*) AS n FROM customers GROUP BY region ORDER BY region;")
        #expect(Self.view(d).console.pending != nil, "sent, not yet answered")
        #expect(F.text(d).contains("waiting for WLM"))
        Self.settle(d)
        let v = Self.view(d)
        guard case let .rows(grid)? = v.console.outcome else { Issue.record("no result: \(String(describing: v.console.outcome))"); return }
        #expect(grid.columns == ["region", "n"])
        #expect(grid.rows.map { $0[0] } == ["central", "east", "north", "south", "west"])
        #expect(grid.rows.compactMap { Int($0[1] ?? "") }.reduce(0, +) == ShopSampleData.customerCount)
        #expect(v.console.editor.isEmpty, "a statement that worked leaves the editor empty")
        let text = F.text(d)
        #expect(text.contains("5 rows · query"))
        #expect(text.contains("central") && text.contains("west"))
        // The query is in the live list as completed, with its text on one line.
        #expect(v.summary!.queries.first?.text == "SELECT region, COUNT(*) AS n FROM customers GROUP BY region ORDER BY region;")
        #expect(v.summary!.queries.first?.state == .finished)
    }

    @Test func enterWithoutSemicolonStartsANewLine() {
        let d = Self.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT 1")
        F.press(d, .enter)
        F.type(d, "  + 1 AS two;")
        #expect(Self.view(d).console.editor.lines.count == 2)
        #expect(Self.view(d).console.pending == nil)
        F.press(d, .enter)
        #expect(Self.view(d).console.pending?.sql == "SELECT 1\n  + 1 AS two;")
        Self.settle(d)
        guard case let .rows(grid)? = Self.view(d).console.outcome else { Issue.record("no result"); return }
        #expect(grid.columns == ["two"] && grid.rows == [["2"]])
        let lines = F.screen(d)
        #expect(lines.contains { $0.contains("1 row · query") })
    }

    @Test func badSQLIsMarkedWhereItWentWrongAndTheNextStatementWorks() {
        let d = Self.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT 1;")
        F.press(d, .enter)
        Self.settle(d)
        // Second line, the unknown column starts at its 8th character.
        F.type(d, "SELECT order_id,")
        F.press(d, .enter)
        F.type(d, "  nosuch FROM orders;")
        F.press(d, .enter)
        Self.settle(d)
        let v = Self.view(d)
        guard case let .failed(e)? = v.console.outcome else { Issue.record("expected an error"); return }
        #expect(e.message.contains("nosuch"), "\(e.message)")
        #expect(e.place?.line == 1 && e.place?.column == 2, "\(String(describing: e.place))")
        #expect(v.console.editor.text == "SELECT order_id,\n  nosuch FROM orders;", "the failed text stays to be fixed")
        d.arrange(for: Size(width: 120, height: 40))
        var buffer = Buffer(width: 120, height: 40)
        d.render(into: &buffer)
        let lines = buffer.lines
        #expect(lines.contains { $0.contains("ERROR:") && $0.contains("(line 2, column 3)") })
        // The marked cell: the `n` of nosuch after the continuation prompt `dev-# `.
        guard let y = lines.firstIndex(where: { $0.contains("dev-#   nosuch") }) else { Issue.record("no second line"); return }
        let x = lines[y].distance(from: lines[y].startIndex, to: lines[y].range(of: "nosuch")!.lowerBound)
        #expect(buffer[x, y].symbol == "n")
        #expect(buffer[x, y].style == d.theme["error"].over(Style(attributes: .underline)))
        #expect(buffer[x + 1, y].style == .plain, "only the position is marked")
        // The warehouse still serves: the fixed statement runs.
        F.press(d, .ctrl("p"))  // history holds both; the editor is the failed one, edited below
        F.press(d, .ctrl("n"))
        for _ in 0..<"nosuch FROM orders;".count { F.press(d, .backspace) }
        F.type(d, "status FROM orders LIMIT 3;")
        F.press(d, .enter)
        Self.settle(d)
        guard case let .rows(grid)? = Self.view(d).console.outcome else { Issue.record("no result after the error"); return }
        #expect(grid.columns == ["order_id", "status"] && grid.rows.count == 3)
    }

    @Test func explainOnAKeyShowsThePlanWithoutRunningOrClearing() {
        let d = Self.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT c.region, SUM(o.total) FROM orders o JOIN customers c ON o.customer_id = c.customer_id GROUP BY c.region")
        F.press(d, .ctrl("x"))
        #expect(Self.view(d).console.pending?.sql.hasPrefix("EXPLAIN SELECT c.region") == true)
        Self.settle(d)
        let v = Self.view(d)
        guard case let .rows(grid)? = v.console.outcome else { Issue.record("no plan"); return }
        // Both tables are distributed on customer_id: the join is collocated (AWS: DS_DIST_NONE).
        #expect(grid.rows.contains { ($0[0] ?? "").contains("DS_DIST_NONE") }, "\(grid.rows)")
        #expect(v.console.editor.text.hasPrefix("SELECT c.region"), "EXPLAIN leaves the statement in the editor")
        #expect(v.console.history.isEmpty, "an EXPLAIN is not a statement sent")
        #expect(F.text(d).contains("XN Hash Join DS_DIST_NONE") || F.text(d).contains("DS_DIST_NONE"))
    }

    @Test func historyWalksBackAndForth() {
        let d = Self.warehouse()
        Self.run(d, "SELECT 1;")
        Self.settle(d)
        Self.run(d, "SELECT 2;")
        Self.settle(d)
        F.type(d, "SELECT 3")
        F.press(d, .up)
        #expect(Self.view(d).console.editor.text == "SELECT 2;")
        F.press(d, .ctrl("p"))
        #expect(Self.view(d).console.editor.text == "SELECT 1;")
        F.press(d, .ctrl("p"))
        #expect(Self.view(d).console.editor.text == "SELECT 1;", "stops at the oldest")
        F.press(d, .down, .down)
        #expect(Self.view(d).console.editor.text == "SELECT 3", "past the newest, the draft comes back")
    }

    @Test func tabCompletesTablesColumnsAndAliases() {
        let d = Self.warehouse()
        F.press(d, .character("e"))
        F.type(d, "SELECT * FROM orders_s")
        F.press(d, .tab)
        #expect(Self.view(d).console.editor.text == "SELECT * FROM orders_stream")
        // Columns of the tables the statement names.
        F.type(d, " WHERE curr")
        F.press(d, .tab)
        #expect(Self.view(d).console.editor.text == "SELECT * FROM orders_stream WHERE currency")
        // Ambiguous: a table and two columns start with `cu`; Tab lists them.
        F.type(d, " = 'EUR' AND cu")
        F.press(d, .tab)
        #expect(Self.view(d).console.editor.text.hasSuffix("AND cu"))
        #expect(Self.view(d).console.completions == ["customers", "customer_id", "currency"])
        #expect(F.text(d).contains("Tab: customers  customer_id  currency"))
        // One more letter: Tab extends to what the two left share.
        F.type(d, "s")
        F.press(d, .tab)
        #expect(Self.view(d).console.editor.text.hasSuffix("AND customer"))
        #expect(Self.view(d).console.completions == ["customers", "customer_id"])
        F.press(d, .character("_"))
        #expect(Self.view(d).console.completions.isEmpty, "the list goes with the next key")
        // An alias's columns: `o.` is orders in `FROM orders o`.
        F.press(d, .escape)
        let d2 = Self.warehouse()
        F.press(d2, .character("e"))
        F.type(d2, "SELECT o.sta FROM orders o")
        for _ in 0..<" FROM orders o".count { F.press(d2, .left) }
        F.press(d2, .tab)
        #expect(Self.view(d2).console.editor.text == "SELECT o.status FROM orders o")
    }

    @Test func typingInTheConsoleDoesNotTriggerOtherKeys() {
        let d = Self.warehouse()
        F.press(d, .character("e"))
        F.type(d, "q2:?")
        #expect(!d.shouldQuit)
        #expect(d.state.view == .warehouse)
        if case .none = d.state.overlay {} else { Issue.record("an overlay opened") }
        #expect(Self.view(d).console.editor.text == "q2:?")
        F.press(d, .escape)
        #expect(!Self.view(d).editing)
        F.press(d, .character("2"))
        #expect(d.state.view == .ec2)
    }

    @Test func queriesBeyondTheSlotsWaitQueued() {
        let d = Self.warehouse()
        let runner = CommandRunner(estate: d.estate)
        // Five slots in the default queue: seven scans, so two wait.
        for _ in 0..<7 {
            _ = runner.run("redshift-data execute-statement --cluster-identifier shop --sql 'SELECT COUNT(*) FROM orders o JOIN customers c ON o.customer_id = c.customer_id'")
        }
        d.refresh()
        let s = Self.view(d).summary!
        #expect(s.runningCount == 5 && s.queuedCount == 2)
        let lines = F.screen(d)
        #expect(lines.contains { $0.contains("Queries · 5 running · 2 queued") })
        // Newest first: the two waiting, then as many running as the panel has room for.
        let rows = lines.filter { $0.contains("default") && $0.contains("SELECT COUNT(*) FROM orders o JOIN") }
        #expect(rows.prefix(2).allSatisfy { $0.contains("Queued") } && rows.count > 2 && rows.dropFirst(2).allSatisfy { $0.contains("Running") }, "\(rows)")
        Self.settle(d, seconds: 60)
        #expect(Self.view(d).summary!.queries.prefix(7).allSatisfy { $0.state == .finished })
    }

    @Test func enterOnATableQueriesIt() {
        let d = Self.warehouse()
        let names = Self.view(d).summary!.tables.map(\.name)
        F.press(d, .down)
        F.press(d, .enter)
        #expect(Self.view(d).editing)
        #expect(Self.view(d).console.editor.text == "SELECT * FROM \(names[1]) LIMIT 100;")
    }

    @Test func theOverviewHasAWarehouseTileAndHelpListsTheKeys() {
        let d = F.dashboard()
        let overview = F.text(d)
        #expect(overview.contains("Warehouse") && overview.contains("ra3.xlplus × 2") && overview.contains("6 tables"))
        #expect(overview.contains("orders → orders_stream"))
        F.press(d, .character("?"))
        let help = F.text(d, width: 120, height: 60)
        for text in ["4", "Warehouse", "SQL console", "EXPLAIN the statement", "Ctrl-X", "Ctrl-R", "earlier statement"] {
            #expect(help.contains(text), "\(text)")
        }
    }

    @Test func withoutAClusterTheViewSaysHowToMakeOne() throws {
        let estate = try EstateBuilder.build(yaml: "name: t\nseed: 1\n", file: "estate.yaml", seed: 1)
        let d = Dashboard(estate: estate)
        F.press(d, .character("4"))
        #expect(F.text(d).contains("No warehouse clusters. Try :redshift create-cluster"))
        F.press(d, .character("e"))
        #expect(!Self.view(d).editing)
    }
}
