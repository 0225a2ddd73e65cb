/// `ModifyInstanceAttribute` for the instance type, user data and EBS optimization: an
/// EBS-backed instance changes each only while stopped (AWS's "Change the instance type",
/// "Modify user data"), keeping its id, addresses and tags. As AWS does, one request changes
/// one attribute.
extension EC2Service {
    func modifyInstanceAttributeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("InstanceId")
        let type = try p.object("InstanceType")?.string("Value")
        let userData = try p.object("UserData")?.string("Value")
        let ebsOptimized = try p.object("EbsOptimized")?.bool("Value")
        let named = [type != nil, userData != nil, ebsOptimized != nil].filter { $0 }.count
        guard named == 1 else {
            throw AWSError("InvalidParameterCombination", "The request must contain exactly one attribute to modify (InstanceType, UserData or EbsOptimized).")
        }
        if let type { try modifyInstanceType(id, to: type) }
        if let userData { try modifyStopped(id, "userData") { $0.userData = userData } }
        if let ebsOptimized { try modifyStopped(id, "ebsOptimized") { $0.ebsOptimized = ebsOptimized } }
        return [:]
    }

    /// An attribute AWS changes only while the instance is stopped.
    private func modifyStopped(_ id: String, _ attribute: String, _ change: (inout Instance) -> Void) throws(AWSError) {
        try checkExist([id])
        let index = indexByID[id]!
        guard instances[index].state == .stopped else {
            throw AWSError("IncorrectInstanceState", "The instance '\(id)' is not in the 'stopped' state; its \(attribute) can be changed only while it is stopped.")
        }
        change(&instances[index])
        bus.publish(EC2Event(instanceID: id, kind: .attributeChanged(attribute)))
    }

    func describeInstanceAttributeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("InstanceId")
        try checkExist([id])
        let instance = instances[indexByID[id]!]
        let attribute = try p.requiredString("Attribute")
        let value: (String, JSONValue)
        switch attribute {
        case "instanceType": value = ("InstanceType", ["Value": .string(instance.instanceType)])
        case "userData": value = ("UserData", instance.userData.map { ["Value": .string($0)] } ?? [:])
        case "ebsOptimized": value = ("EbsOptimized", ["Value": .bool(instance.ebsOptimized)])
        default: throw .invalidParameterValue("Value (\(attribute)) for parameter attribute is invalid. This estate describes instanceType, userData and ebsOptimized.")
        }
        return .object([("InstanceId", .string(id)), value])
    }

    /// `MonitorInstances` / `UnmonitorInstances`: detailed monitoring changes at once, with no
    /// interruption; the reply shows AWS's transitional `pending` / `disabling`.
    func monitorInstances(_ p: Parameters, enabled: Bool) throws(AWSError) -> JSONValue {
        let ids = try p.strings("InstanceIds") ?? []
        try checkExist(ids)
        for id in ids {
            guard let index = indexByID[id], instances[index].detailedMonitoring != enabled else { continue }
            instances[index].detailedMonitoring = enabled
            bus.publish(EC2Event(instanceID: id, kind: .attributeChanged("monitoring")))
        }
        return ["InstanceMonitorings": .array(ids.map { ["InstanceId": .string($0), "Monitoring": ["State": enabled ? "pending" : "disabling"]] })]
    }

    public func modifyInstanceType(_ id: String, to type: String) throws(AWSError) {
        try checkExist([id])
        let index = indexByID[id]!
        let spec: InstanceTypeSpec
        switch InstanceTypeCatalog.lookup(type) {
        case let .success(found): spec = found
        case let .failure(error): throw .invalidParameterValue(error.message)
        }
        guard instances[index].state == .stopped else {
            throw AWSError("IncorrectInstanceState", "The instance '\(id)' is not in the 'stopped' state.")
        }
        // The AMI is built for one architecture; a type without it cannot boot the instance.
        let architecture = instances[index].architecture
        guard spec.architectures.contains(architecture) else {
            throw .invalidParameterValue("The instance type '\(type)' does not support the architecture '\(architecture)' of the instance's AMI.")
        }
        let previous = instances[index].instanceType
        guard previous != type else { return }
        instances[index].instanceType = type
        instances[index].vCPUs = spec.vCPUs
        instances[index].memoryMiB = spec.memoryMiB
        instances[index].hourlyPriceUSD = spec.hourlyPriceUSD
        instances[index].coreCount = spec.defaultCores
        instances[index].threadsPerCore = spec.defaultThreadsPerCore
        bus.publish(EC2Event(instanceID: id, kind: .instanceTypeChanged(from: previous, to: type)))
    }
}
