/// `ModifyInstanceAttribute` for the instance type: an EBS-backed instance changes type only
/// while stopped (AWS's "Change the instance type"), keeping its id, addresses and tags.
extension EC2Service {
    func modifyInstanceAttributeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("InstanceId")
        guard let type = try p.object("InstanceType")?.string("Value") else {
            throw .invalidParameterValue("The request must contain an attribute to modify (this estate changes InstanceType only).")
        }
        try modifyInstanceType(id, to: type)
        return [:]
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
