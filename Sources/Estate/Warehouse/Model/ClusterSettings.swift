/// A cluster's settings that change with no interruption: CreateCluster sets them and
/// ModifyCluster changes them at once, as describe-clusters then shows them.
public struct ClusterSettings: Equatable, Sendable {
    public var publiclyAccessible = false
    public var encrypted = false
    public var automatedSnapshotRetentionPeriod = 1
    public var manualSnapshotRetentionPeriod = -1
    public var preferredMaintenanceWindow = "sat:10:00-sat:10:30"
    public var allowVersionUpgrade = true

    static let specs: [ParameterSpec] = [
        ParameterSpec("PubliclyAccessible", .boolean, help: "shown by describe-clusters; the endpoint is the same"),
        ParameterSpec("Encrypted", .boolean, help: "shown by describe-clusters"),
        ParameterSpec("AutomatedSnapshotRetentionPeriod", .integer, help: "days, 0–35"),
        ParameterSpec("ManualSnapshotRetentionPeriod", .integer, help: "days, -1 (forever) or 1–3653"),
        ParameterSpec("PreferredMaintenanceWindow", .string, help: "ddd:hh24:mi-ddd:hh24:mi, e.g. sat:10:00-sat:10:30"),
        ParameterSpec("AllowVersionUpgrade", .boolean, help: "take engine upgrades in the maintenance window"),
    ]

    /// The settings a request names over `self`; every value is checked as AWS checks it.
    func applying(_ p: Parameters) throws(AWSError) -> ClusterSettings {
        var next = self
        if let value = try p.bool("PubliclyAccessible") { next.publiclyAccessible = value }
        if let value = try p.bool("Encrypted") { next.encrypted = value }
        if let days = try p.int("AutomatedSnapshotRetentionPeriod") {
            guard (0...35).contains(days) else {
                throw AWSError("InvalidRetentionPeriodFault", "AutomatedSnapshotRetentionPeriod must be from 0 to 35 days, not \(days).")
            }
            next.automatedSnapshotRetentionPeriod = days
        }
        if let days = try p.int("ManualSnapshotRetentionPeriod") {
            guard days == -1 || (1...3653).contains(days) else {
                throw AWSError("InvalidRetentionPeriodFault", "ManualSnapshotRetentionPeriod must be -1 or from 1 to 3653 days, not \(days).")
            }
            next.manualSnapshotRetentionPeriod = days
        }
        if let window = try p.string("PreferredMaintenanceWindow") {
            guard Self.isWindow(window.lowercased()) else {
                throw AWSError("InvalidParameterValue", "PreferredMaintenanceWindow must be ddd:hh24:mi-ddd:hh24:mi (e.g. sat:10:00-sat:10:30), not \(window).")
            }
            next.preferredMaintenanceWindow = window.lowercased()
        }
        if let value = try p.bool("AllowVersionUpgrade") { next.allowVersionUpgrade = value }
        return next
    }

    /// `ddd:hh24:mi-ddd:hh24:mi` with real days and times.
    static func isWindow(_ text: String) -> Bool {
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        return ends.count == 2 && ends.allSatisfy { end in
            let parts = end.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, days.contains(String(parts[0])), parts[1].count == 2, parts[2].count == 2,
                  let hour = Int(parts[1]), let minute = Int(parts[2]) else { return false }
            return (0...23).contains(hour) && (0...59).contains(minute)
        }
    }
}
