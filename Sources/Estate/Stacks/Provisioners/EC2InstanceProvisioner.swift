/// `AWS::EC2::Instance` through `RunInstances`, `DescribeInstances` and `TerminateInstances`.
///
/// Ready when the instance is `running`; deleted when it is `terminated`. `Ref` is the instance id.
/// Drift includes the instance's state as `State` (a simulation extension: CloudFormation itself
/// does not report a stopped instance as drift, but a stack that expects a serving fleet wants to).
struct EC2InstanceProvisioner: ResourceProvisioner {
    let resourceType = "AWS::EC2::Instance"
    let attributes: [String] = ["AvailabilityZone", "InstanceId", "PrivateDnsName", "PrivateIp", "PublicDnsName", "PublicIp", "VpcId"]
    let stateEvents: Set<String> = ["ec2/InstanceStateChanged", "ec2/InstanceRemoved", "ec2/TagsChanged"]

    /// AWS::EC2::Instance's "Update requires: Replacement" properties.
    static let replacing: Set<String> = ["AvailabilityZone", "ImageId", "KeyName", "SubnetId", "PrivateIpAddress", "NetworkInterfaces",
                                         "SecurityGroups", "CpuOptions", "HibernationOptions", "LaunchTemplate", "Tenancy"]
    /// Properties this engine changes in place: tags ("No interruption") and the instance type
    /// ("Some interruptions": stopped, modified with ModifyInstanceAttribute, started again, as
    /// AWS does for an EBS-backed instance, keeping its id and private address).
    static let updatable: Set<String> = ["Tags", "InstanceType"]

    func replacement(for property: String) -> UpdateRequirement {
        Self.replacing.contains(property) ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        var request: [(String, JSONValue)] = [("MinCount", 1), ("MaxCount", 1)]
        if let type = properties["InstanceType"] { request.append(("InstanceType", type)) }
        if let image = properties["ImageId"] { request.append(("ImageId", image)) }
        if let zone = properties["AvailabilityZone"] { request.append(("Placement", ["AvailabilityZone": zone])) }
        // Simulation only: the CPU profile the instance's metrics follow.
        if let workload = context.simulation.workload { request.append(("Workload", .string(workload))) }
        var tags = properties["Tags"]?.arrayValue ?? []
        tags += [
            ["Key": "aws:cloudformation:stack-name", "Value": .string(context.stackName)],
            ["Key": "aws:cloudformation:logical-id", "Value": .string(context.logicalID)],
        ]
        request.append(("TagSpecifications", [["ResourceType": "instance", "Tags": .array(tags)]]))
        let reply = try context.run("ec2", "RunInstances", .object(request))
        guard let id = reply["Instances"]?.arrayValue?.first?["InstanceId"]?.stringValue else {
            throw AWSError("InternalFailure", "RunInstances returned no instance")
        }
        return id
    }

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        if let property = changed.first(where: { !Self.updatable.contains($0) }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::EC2::Instance is not supported in place by this estate")
        }
        let oldTags = Self.userTags(old), newTags = Self.userTags(new)
        let removed = oldTags.filter { tag in !newTags.contains { $0["Key"] == tag["Key"] } }
        if !removed.isEmpty {
            _ = try context.run("ec2", "DeleteTags", ["Resources": [.string(physicalID)], "Tags": .array(removed.map { ["Key": $0["Key"] ?? ""] })])
        }
        if !newTags.isEmpty {
            _ = try context.run("ec2", "CreateTags", ["Resources": [.string(physicalID)], "Tags": .array(newTags)])
        }
        // The type changes in `progress`, once the instance has stopped; a type the instance's
        // AMI cannot boot is refused first, so a failed update leaves the instance serving.
        if changed.contains("InstanceType"), let type = new["InstanceType"].flatMap(TemplateScalar.text) {
            let info = try context.run("ec2", "DescribeInstanceTypes", ["InstanceTypes": [.string(type)]])
            let supported = info["InstanceTypes"]?.arrayValue?.first?["ProcessorInfo"]?["SupportedArchitectures"]?.arrayValue ?? []
            if let architecture = describe(physicalID, context)?["Architecture"], !supported.contains(architecture) {
                throw AWSError("InvalidParameterValue", "The instance type '\(type)' does not support the architecture '\(architecture.stringValue ?? "")' of the instance's AMI.")
            }
            _ = try context.run("ec2", "StopInstances", ["InstanceIds": [.string(physicalID)]])
        }
    }

    static func userTags(_ properties: JSONValue) -> [JSONValue] {
        (properties["Tags"]?.arrayValue ?? []).map { tag in
            ["Key": .string(tag["Key"].flatMap(TemplateScalar.text) ?? ""), "Value": .string(tag["Value"].flatMap(TemplateScalar.text) ?? "")]
        }
    }

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard describe(physicalID, context) != nil else { return }
        _ = try context.run("ec2", "TerminateInstances", ["InstanceIds": [.string(physicalID)]])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let instance = describe(physicalID, context), let state = instance["State"]?["Name"]?.stringValue else { return .gone }
        if let want = desired?["InstanceType"].flatMap(TemplateScalar.text), instance["InstanceType"]?.stringValue != want {
            return changeType(physicalID, to: want, state: state, context)
        }
        switch (state, desired == nil) {
        case ("terminated", true): return .gone
        case (_, true): return .inProgress
        case ("running", false): return .ready
        case ("pending", false): return .inProgress
        default:
            let reason = instance["StateReason"]?["Message"]?.stringValue ?? state
            return .failed("Instance \(physicalID) is \(state): \(reason)")
        }
    }

    /// One step of an in-place type change: wait for the stop, modify, start.
    private func changeType(_ id: String, to type: String, state: String, _ context: ProvisioningContext) -> ProvisionedState {
        let ids: JSONValue = ["InstanceIds": [.string(id)]]
        do throws(AWSError) {
            switch state {
            case "stopped":
                _ = try context.run("ec2", "ModifyInstanceAttribute", ["InstanceId": .string(id), "InstanceType": ["Value": .string(type)]])
                _ = try context.run("ec2", "StartInstances", ids)
            case "running": _ = try context.run("ec2", "StopInstances", ids)
            case "pending", "stopping": break
            default: return .failed("Instance \(id) is \(state); its type cannot change")
            }
            return .inProgress
        } catch {
            return .failed(error.message)
        }
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard let instance = describe(physicalID, context) else {
            throw AWSError("ValidationError", "Instance \(physicalID) does not exist")
        }
        switch name {
        case "InstanceId": return .string(physicalID)
        case "AvailabilityZone": return instance["Placement"]?["AvailabilityZone"] ?? ""
        case "PrivateDnsName": return instance["PrivateDnsName"] ?? ""
        case "PrivateIp": return instance["PrivateIpAddress"] ?? ""
        case "PublicDnsName": return instance["PublicDnsName"] ?? ""
        case "PublicIp": return instance["PublicIpAddress"] ?? ""
        case "VpcId": return instance["VpcId"] ?? ""
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let instance = describe(physicalID, context), instance["State"]?["Name"]?.stringValue != "terminated" else { return nil }
        var pairs: [(String, JSONValue)] = []
        for (key, value) in expected.objectValue ?? [] {
            switch key {
            case "InstanceType", "ImageId": pairs.append((key, instance[key] ?? .null))
            case "AvailabilityZone": pairs.append((key, instance["Placement"]?["AvailabilityZone"] ?? .null))
            case "Tags":
                let tags = (instance["Tags"]?.arrayValue ?? []).filter { !($0["Key"]?.stringValue ?? "").hasPrefix("aws:") }
                pairs.append((key, .array(tags)))
            case "State": pairs.append((key, instance["State"]?["Name"] ?? .null))
            default: pairs.append((key, value))
            }
        }
        return .object(pairs)
    }

    /// What drift compares against: the template's properties, and the state a deployed instance keeps.
    func expectedProperties(_ applied: JSONValue) -> JSONValue {
        .object((applied.objectValue ?? []) + [("State", "running")])
    }

    private func describe(_ id: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "ec2", operation: "DescribeInstances",
                                                                           parameters: ["InstanceIds": [.string(id)]])) else { return nil }
        return reply["Reservations"]?.arrayValue?.first?["Instances"]?.arrayValue?.first
    }
}
