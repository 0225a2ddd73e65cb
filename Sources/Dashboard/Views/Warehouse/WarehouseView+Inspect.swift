/// `d`, `y` and `c` in the Warehouse view act on the focused panel: the cluster, the selected
/// table or the selected query, each through the read-only AWS call that describes it. None of
/// them runs SQL: a query of SVV_TABLE_INFO would go through WLM and move the clock, which
/// looking must not do.
extension WarehouseView: Inspectable {
    public var inspection: Inspection? {
        guard let summary else { return nil }
        let cluster = summary.identifier
        switch panel {
        case .cluster:
            return clusterInspection(summary)
        case .tables:
            // With no tables there is no row; the cluster is still there to look at.
            guard let name = selectedTable else { return clusterInspection(summary) }
            return Inspection(kind: "Table", id: name,
                              command: "redshift-data describe-table --cluster-identifier \(cluster) --database \(summary.database) --table \(name)")
        case .queries:
            guard let q = selectedQuerySummary else { return clusterInspection(summary) }
            // The Data API knows the statements it was sent (the console's); a query that came
            // through `sql` or the PostgreSQL endpoint has no statement there, only its rows in
            // the system tables.
            guard let id = q.statementID else {
                return Inspection(kind: "Query", id: String(q.query), command: Self.queryCommand(cluster: cluster, query: q.query))
            }
            return Inspection(kind: "Statement", id: id, command: "redshift-data describe-statement --id \(id)")
        }
    }

    /// What the system tables record of a query the Data API did not send.
    static func queryCommand(cluster: String, query: Int) -> String { "sim query describe \(query) --cluster \(cluster)" }

    func clusterInspection(_ summary: WarehouseSummary) -> Inspection {
        Inspection(kind: "Cluster", id: summary.identifier, command: "redshift describe-clusters --cluster-identifier \(summary.identifier)")
    }
}
