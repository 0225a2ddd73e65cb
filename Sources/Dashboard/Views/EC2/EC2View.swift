import Estate
import Terminal

extension ViewID {
    public static let ec2 = ViewID("ec2")
}

/// The EC2 view: the instance table (sort, filter, selection) and one instance's details.
public struct EC2View: DashboardView {
    public var table = TableState()
    public var sortColumn: InstanceRow.Column = .name
    public var sortOrder: SortOrder = .ascending
    public var filter = ""
    /// The instance whose details are open, if any.
    public var detail: String?
    /// The instances as listed, filtered and sorted; rebuilt only when EC2 or the choice changed.
    public private(set) var model = EC2ViewModel(instances: [], totalCount: 0, now: SimInstant(milliseconds: 0),
                                                 sortColumn: .name, sortOrder: .ascending, filter: "")
    /// The open instance's details, rebuilt with the list.
    public private(set) var detailModel: InstanceDetailModel?
    private var modelKey: ModelKey?
    /// Bumped whenever the list is rebuilt, so cells formatted for an older one are not reused.
    /// The clock moving on is not a new list: `RowCells` knows which rows follow it.
    private var modelStamp = 0
    /// The cells of the rows on screen, formatted in the layout step: moving the selection or
    /// redrawing an unchanged table reuses them instead of formatting every row every frame.
    private(set) var rowCells = EC2ListPanel.RowCells()

    struct ModelKey: Equatable {
        let version: UInt64, sort: InstanceRow.Column, order: SortOrder, filter: String, detail: String?
    }

    public init() {}

    public var scope: Action.Scope { .ec2 }

    public var footerActions: [Action] {
        detail != nil ? [.back, .stop, .start, .reboot, .terminate] : [.launch, .open, .stop, .start, .reboot, .terminate, .filter, .sortNext]
    }

    public var filterText: String? { filter }

    public var breadcrumbs: [String] { detail.map { [$0] } ?? [] }

    /// The instance under the selection bar.
    public var selectedInstance: Instance? {
        guard let i = table.selected, model.instances.indices.contains(i) else { return nil }
        return model.instances[i]
    }

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let estate = context.estate
        let key = ModelKey(version: context.versions["ec2"], sort: sortColumn, order: sortOrder, filter: filter, detail: detail)
        // Uptimes count seconds, so the table changes with the clock's second as well.
        let second = estate.now.milliseconds / 1000
        let secondChanged = second != model.now.milliseconds / 1000
        if key == modelKey {
            guard secondChanged else { return false }
            // The same instances a second later: rows whose uptime turned over are redrawn in
            // the layout step (`RowCells`), the others are kept.
            model.now = estate.now
            detailModel?.now = estate.now
            return true
        }
        modelKey = key
        modelStamp &+= 1
        let all = estate.ec2.instances
        // Sort positions rather than the instances themselves: far less to move for 10,000 rows.
        let matcher = TextFilter(filter)
        let matching = all.indices.filter { InstanceRow.matches(all[$0], filter: matcher) }
        let list = InstanceRow.sortedIndices(all, matching, by: sortColumn, order: sortOrder).map { all[$0] }
        model = EC2ViewModel(instances: list, totalCount: all.count, now: estate.now,
                             sortColumn: sortColumn, sortOrder: sortOrder, filter: filter, matcher: matcher)
        table.clamp(rowCount: list.count)
        if let id = detail, let instance = estate.ec2.instance(id) {
            detailModel = InstanceDetailModel(instance: instance, spec: InstanceTypeCatalog.spec(named: instance.instanceType),
                                              now: estate.now, history: context.eventLog.history(of: id))
        } else {
            detailModel = nil
        }
        return true
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        if let rows = action.listMove(pageRows: table.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .open:
            if detail == nil, let instance = selectedInstance { detail = instance.instanceID }
        case .back:
            if detail != nil { detail = nil } else if !filter.isEmpty { setFilter("", context) }
        case .sortNext:
            let all = InstanceRow.displayOrder
            let i = all.firstIndex(of: sortColumn) ?? 0
            sortColumn = all[(i + 1) % all.count]
            sortOrder = .ascending
            return [.message("Sorted by \(sortColumn.title.lowercased())", isError: false)]
        case .sortReverse:
            sortOrder = sortOrder.reversed
        case .launch: return [.openLaunchMenu]
        case .stop: return instanceAction("stop-instances")
        case .start: return instanceAction("start-instances")
        case .reboot: return instanceAction("reboot-instances")
        case .terminate: return instanceAction("terminate-instances")
        default: break
        }
        return []
    }

    public mutating func setFilter(_ text: String, _ context: ViewContext) {
        filter = text
        table.selected = 0
    }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        guard detail == nil else { return }
        table.move(by: rows, rowCount: model.instances.count)
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        guard detail == nil, let row = layout.list?.row(at: point, rowCount: model.instances.count) else { return [] }
        table.move(by: table.distance(to: row), rowCount: model.instances.count)
        return []
    }

    /// Stop, start and reboot run at once; terminate asks first, since it cannot be undone.
    private func instanceAction(_ operation: String) -> [Effect] {
        let target = detail != nil ? detailModel?.instance : selectedInstance
        guard let instance = target else { return [.message("No instance selected.", isError: true)] }
        let line = "ec2 \(operation) --instance-ids \(instance.instanceID)"
        guard operation == "terminate-instances" else { return [.run(line, quiet: false)] }
        let name = instance.name.map { " (\($0))" } ?? ""
        return [.confirm(Confirmation(question: "Terminate \(instance.instanceID)\(name)? This cannot be undone.", command: line))]
    }

    // MARK: - Layout and drawing

    public func layout(in area: Rect) -> ViewLayout {
        guard detail == nil || detailModel == nil else { return ViewLayout(area: area) }
        let list = ListLayout.table(table, rowCount: model.instances.count, in: Chrome.listPanelInner(area))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        guard let list = layout.list else { return }
        table = list.table
        rowCells.prepare(model, stamp: modelStamp, list: list, theme: context.theme)
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        if detail != nil, let detailModel {
            InstanceDetailPanel.render(detailModel, theme: theme, into: &buffer, area: layout.area)
        } else {
            EC2ListPanel.render(model, table: layout.list?.table ?? table, cells: rowCells, stamp: modelStamp, theme: theme,
                                into: &buffer, area: layout.area)
        }
    }
}
