/// `d`, `y` and `c` in the Warehouse view: the cluster shown. (A table has no describe among the
/// estate's operations, and a query of SVV_TABLE_INFO would run through WLM and move the clock,
/// which looking must not do.)
extension WarehouseView: Inspectable {
    public var inspection: Inspection? {
        guard let summary else { return nil }
        return Inspection(kind: "Cluster", id: summary.identifier, command: "redshift describe-clusters --cluster-identifier \(summary.identifier)")
    }
}
