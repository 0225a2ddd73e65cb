import Estate
import Terminal

/// The EC2 view's model: the instances to list, already filtered and sorted.
public struct EC2ViewModel {
    public var instances: [Instance]
    public var totalCount: Int
    public var now: SimInstant
    public var sortColumn: InstanceRow.Column
    public var sortOrder: SortOrder
    public var filter: String
}

/// The instance table, k9s-style: a titled box with the count, sortable columns, state colours.
enum EC2View {
    static func render(_ m: EC2ViewModel, table state: inout TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.listPanel("EC2 instances", shown: m.instances.count, total: m.totalCount, filter: m.filter,
                                     theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        if m.instances.isEmpty {
            let hint = m.filter.isEmpty ? "No instances. Press l to launch one." : "No instance matches /\(m.filter). Esc clears the filter."
            buffer.write(hint, at: Point(x: inner.x + 1, y: inner.y + min(1, inner.height - 1)), style: theme["dim"], maxWidth: inner.width - 1)
            return
        }
        let columns = InstanceRow.columns
        let placements = TableColumn.place(columns, in: inner.width, spacing: 1)
        let cpuIndex = InstanceRow.displayOrder.firstIndex(of: .cpu)!
        let cpuWidth = placements.first { $0.column == cpuIndex }?.width ?? 0
        let sortIndex = InstanceRow.displayOrder.firstIndex(of: m.sortColumn)!
        var table = Table(columns: columns, rowCount: m.instances.count, sort: (sortIndex, m.sortOrder),
                          headerStyle: theme["table.header"], selectionStyle: theme["selection"]) { index in
            InstanceRow.cells(m.instances[index], now: m.now, theme: theme, cpuWidth: cpuWidth)
        }
        table.columnSpacing = 1
        state.visibleRows = table.visibleRows(in: inner)
        table.render(into: &buffer, area: inner, state: &state)
    }
}
