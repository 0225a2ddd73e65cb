import Estate
import Terminal

extension ViewID {
    public static let stacks = ViewID("stacks")
}

/// The Stacks view: stacks with their status, and Enter opens one: its resources as a tree in
/// dependency order (filling in as they form), its events newest first, outputs and parameters,
/// and drift marked on the resources it found changed. `n` deploys a template file.
public struct StacksView: DashboardView {
    public var table = TableState()
    /// The stack whose tree is open, if any.
    public var openStack: String?
    public var treeTable = TableState()
    public private(set) var stacks: [StackSummary] = []
    public private(set) var detail: StackDetail?
    private var modelKey: ModelKey?

    struct ModelKey: Equatable {
        let version: UInt64, drift: Int, openStack: String?
    }

    public init() {}

    public var scope: Action.Scope { .stacks }

    public var footerActions: [Action] {
        openStack != nil ? [.back, .deployTemplate, .detectDrift, .deleteStack] : [.open, .deployTemplate, .detectDrift, .deleteStack]
    }

    public var breadcrumbs: [String] { openStack.map { [$0] } ?? [] }

    /// `:stacks NAME` opens a stack's resources.
    public mutating func drill(into path: [String], _ context: ViewContext) -> String? {
        guard path.count <= 1 else { return "a stack has one level, its name: \(path.joined(separator: " "))" }
        if let name = path.first, context.estate.stacks.stack(name) == nil {
            let names = context.estate.stacks.stacks.map(\.stackName)
            return "no stack named \(name); stacks: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
        }
        openStack = nil
        detail = nil
        _ = refresh(context)
        guard let name = path.first else { return nil }
        table.selected = stacks.firstIndex { $0.name == name }
        openStack = name
        treeTable = TableState()
        _ = refresh(context)
        return nil
    }

    public var selectedStackName: String? {
        if let openStack { return openStack }
        guard let i = table.selected, stacks.indices.contains(i) else { return nil }
        return stacks[i].name
    }

    /// What `n` asks: a template file, with completion; the stack is named after the file.
    static let deployPrompt = PromptRequest(
        title: "Deploy a template", placeholder: "template file, e.g. Config/stacks/streams.yaml",
        command: "cloudformation deploy --stack-name {stem} --template-file {}", completion: .files(extensions: [".yaml", ".yml", ".json", ".template"]))

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let service = context.estate.stacks
        // Drift checks publish nothing on the bus; the count of checks made says one happened.
        let key = ModelKey(version: context.versions["cloudformation"], drift: service.driftCheckCount, openStack: openStack)
        guard key != modelKey else { return false }
        modelKey = key
        stacks = StacksModel.summaries(service)
        table.clamp(rowCount: stacks.count)
        if let name = openStack, let stack = service.stack(name) {
            detail = StacksModel.detail(stack)
            treeTable.clamp(rowCount: detail?.lines.count ?? 0)
        } else {
            detail = nil
        }
        return true
    }

    /// The Overview's Stacks tile, when the estate has stacks.
    static func overviewTile(_ context: ViewContext) -> OverviewTile? {
        let stacks = StacksModel.summaries(context.estate.stacks)
        guard !stacks.isEmpty else { return nil }
        return OverviewTile(title: "Stacks", lines: StacksPanels.tileLines(stacks, theme: context.theme))
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        if let rows = action.listMove(pageRows: currentTable.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .open:
            if openStack == nil, let name = selectedStackName {
                openStack = name
                treeTable = TableState()
                _ = refresh(context)
            }
        case .back:
            if openStack != nil { openStack = nil; detail = nil }
        case .deployTemplate:
            return [.prompt(Self.deployPrompt)]
        case .detectDrift:
            guard let name = selectedStackName else { return [.message("No stack selected.", isError: false)] }
            return [.run("cloudformation detect-stack-drift --stack-name \(name)", quiet: false)]
        case .deleteStack:
            guard let name = selectedStackName else { return [.message("No stack selected.", isError: false)] }
            return [.confirm(Confirmation(question: "Delete stack \(name) and the resources it created?",
                                          command: "cloudformation delete-stack --stack-name \(name)"))]
        default: break
        }
        return []
    }

    private var currentTable: TableState { openStack != nil ? treeTable : table }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        if openStack != nil {
            treeTable.move(by: rows, rowCount: detail?.lines.count ?? 0)
        } else {
            table.move(by: rows, rowCount: stacks.count)
        }
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        guard let list = layout.list else { return [] }
        let count = openStack != nil ? (detail?.lines.count ?? 0) : stacks.count
        guard let row = list.row(at: point, rowCount: count) else { return [] }
        scroll(by: currentTable.distance(to: row), context)
        return []
    }

    // MARK: - Layout and drawing

    public func layout(in area: Rect) -> ViewLayout {
        if openStack != nil, let detail {
            let inner = Chrome.listPanelInner(StacksPanels.detailParts(area, treeLines: detail.lines.count).tree)
            let list = ListLayout.table(treeTable, rowCount: detail.lines.count, in: inner)
            return ViewLayout(area: area, list: list, pageRows: list.body.height)
        }
        let list = ListLayout.table(table, rowCount: stacks.count, in: Chrome.listPanelInner(area))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        guard let list = layout.list else { return }
        if openStack != nil { treeTable = list.table } else { table = list.table }
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        if openStack != nil, let detail {
            StacksPanels.renderDetail(detail, table: layout.list?.table ?? treeTable, theme: theme, into: &buffer, area: layout.area)
            return
        }
        StacksPanels.renderList(stacks, table: layout.list?.table ?? table, theme: theme, into: &buffer, area: layout.area)
    }
}
