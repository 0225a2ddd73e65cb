/// `d`, `y` and `c` in the EC2 view: the open instance, or the one under the selection bar.
extension EC2View: Inspectable {
    public var inspection: Inspection? {
        guard let id = detail ?? selectedInstance?.instanceID else { return nil }
        return Inspection(kind: "Instance", id: id, command: "ec2 describe-instances --instance-ids \(id)",
                          focus: ["Reservations", "Instances"])
    }

    public var canInspect: Bool { detail != nil || selectedInstance != nil }
}
