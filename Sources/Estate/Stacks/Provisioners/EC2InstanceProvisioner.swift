/// `AWS::EC2::Instance` through `RunInstances`, `DescribeInstances` and `TerminateInstances`.
///
/// Ready when the instance is `running`; deleted when it is `terminated`. `Ref` is the instance id.
/// Updates follow AWS's "Update requires" per property (`replacing`, `whileStopped`, `updatable`).
/// Drift includes the instance's state as `State` (a simulation extension: CloudFormation itself
/// does not report a stopped instance as drift, but a stack that expects a serving fleet wants to).
struct EC2InstanceProvisioner: ResourceProvisioner {
    let resourceType = "AWS::EC2::Instance"
    let attributes: [String] = ["AvailabilityZone", "InstanceId", "PrivateDnsName", "PrivateIp", "PublicDnsName", "PublicIp", "VpcId"]
    let stateEvents: Set<String> = ["ec2/InstanceStateChanged", "ec2/InstanceRemoved", "ec2/TagsChanged"]

    /// AWS::EC2::Instance's "Update requires: Replacement" properties.
    static let replacing: Set<String> = ["AvailabilityZone", "ImageId", "KeyName", "SubnetId", "PrivateIpAddress", "NetworkInterfaces",
                                         "SecurityGroups", "CpuOptions", "HibernationOptions", "LaunchTemplate", "Tenancy",
                                         "ElasticGpuSpecifications", "ElasticInferenceAccelerators", "EnclaveOptions",
                                         "HostResourceGroupArn", "Ipv6AddressCount", "Ipv6Addresses", "LicenseSpecifications",
                                         "PlacementGroupName", "PropagateTagsToVolumeOnCreation"]
    /// "Some interruptions" on an EBS-backed instance: stopped, changed with
    /// ModifyInstanceAttribute, started again (`progress`), keeping its id and private address.
    static let whileStopped = ["InstanceType", "UserData", "EbsOptimized"]
    /// Properties this engine changes in place: the ones above, tags and detailed monitoring
    /// ("No interruption": CreateTags/DeleteTags, MonitorInstances/UnmonitorInstances).
    static let updatable = Set(whileStopped + ["Tags", "Monitoring"])

    func replacement(for property: String) -> UpdateRequirement {
        Self.replacing.contains(property) ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        var request: [(String, JSONValue)] = [("MinCount", 1), ("MaxCount", 1)]
        if let type = properties["InstanceType"] { request.append(("InstanceType", type)) }
        if let image = properties["ImageId"] { request.append(("ImageId", image)) }
        if let zone = properties["AvailabilityZone"] { request.append(("Placement", ["AvailabilityZone": zone])) }
        if let userData = properties["UserData"].flatMap(TemplateScalar.text) { request.append(("UserData", .string(userData))) }
        if let monitoring = Self.flag(properties["Monitoring"]) { request.append(("Monitoring", ["Enabled": .bool(monitoring)])) }
        if let optimized = Self.flag(properties["EbsOptimized"]) { request.append(("EbsOptimized", .bool(optimized))) }
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
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::EC2::Instance cannot be simulated: \(Self.unmodelled(property)); take it out of the update")
        }
        if changed.contains("Monitoring") {
            let on = Self.flag(new["Monitoring"]) ?? false
            _ = try context.run("ec2", on ? "MonitorInstances" : "UnmonitorInstances", ["InstanceIds": [.string(physicalID)]])
        }
        let oldTags = Self.userTags(old), newTags = Self.userTags(new)
        let removed = oldTags.filter { tag in !newTags.contains { $0["Key"] == tag["Key"] } }
        if !removed.isEmpty {
            _ = try context.run("ec2", "DeleteTags", ["Resources": [.string(physicalID)], "Tags": .array(removed.map { ["Key": $0["Key"] ?? ""] })])
        }
        if !newTags.isEmpty {
            _ = try context.run("ec2", "CreateTags", ["Resources": [.string(physicalID)], "Tags": .array(newTags)])
        }
        // The type, user data and EBS optimization change in `progress`, once the instance has
        // stopped; a type the instance's AMI cannot boot is refused first, so a failed update
        // leaves the instance serving.
        if changed.contains("InstanceType"), let type = new["InstanceType"].flatMap(TemplateScalar.text) {
            let info = try context.run("ec2", "DescribeInstanceTypes", ["InstanceTypes": [.string(type)]])
            let supported = info["InstanceTypes"]?.arrayValue?.first?["ProcessorInfo"]?["SupportedArchitectures"]?.arrayValue ?? []
            if let architecture = describe(physicalID, context)?["Architecture"], !supported.contains(architecture) {
                throw AWSError("InvalidParameterValue", "The instance type '\(type)' does not support the architecture '\(architecture.stringValue ?? "")' of the instance's AMI.")
            }
        }
        if changed.contains(where: Self.whileStopped.contains), describe(physicalID, context)?["State"]?["Name"] == "running" {
            _ = try context.run("ec2", "StopInstances", ["InstanceIds": [.string(physicalID)]])
        }
    }

    /// Why a property has no in-place update here: what the estate's instances lack.
    static func unmodelled(_ property: String) -> String {
        switch property {
        case "SecurityGroupIds": return "the estate's default VPC has one security group, so an instance cannot move between groups"
        case "IamInstanceProfile": return "the estate has no IAM, so an instance has no profile to change"
        case "BlockDeviceMappings", "Volumes": return "an instance's volumes are its root volume alone, listed read-only"
        default: return "the estate's instances have no \(property)"
        }
    }

    /// A template boolean (`true`, `"true"`), if the property is there.
    static func flag(_ value: JSONValue?) -> Bool? {
        value.flatMap(TemplateScalar.text).map { $0 == "true" }
    }

    /// The attribute values a stopped instance must take before it starts again, as
    /// ModifyInstanceAttribute names them, for those `desired` gives that differ from `instance`'s.
    private func pendingAttributes(_ id: String, _ instance: JSONValue, desired: JSONValue?, _ context: ProvisioningContext) -> [(String, JSONValue)] {
        guard let desired else { return [] }
        var out: [(String, JSONValue)] = []
        if let type = desired["InstanceType"].flatMap(TemplateScalar.text), instance["InstanceType"]?.stringValue != type {
            out.append(("InstanceType", ["Value": .string(type)]))
        }
        // Left out of the template, EBS optimization goes back to RunInstances' default (off).
        let optimized = Self.flag(desired["EbsOptimized"]) ?? false
        if instance["EbsOptimized"] != .bool(optimized) { out.append(("EbsOptimized", ["Value": .bool(optimized)])) }
        let userData = desired["UserData"].flatMap(TemplateScalar.text)
        if let userData, case let .success(reply) = context.execute(OperationRequest(service: "ec2", operation: "DescribeInstanceAttribute",
                                                                                     parameters: ["InstanceId": .string(id), "Attribute": "userData"])),
           reply["UserData"]?["Value"]?.stringValue != userData {
            out.append(("UserData", ["Value": .string(userData)]))
        }
        return out
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
        let pending = pendingAttributes(physicalID, instance, desired: desired, context)
        if !pending.isEmpty { return changeWhileStopped(physicalID, pending, state: state, context) }
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

    /// One step of an in-place change that needs the instance stopped: wait for the stop, modify
    /// each attribute (one ModifyInstanceAttribute each, as AWS takes them), start.
    private func changeWhileStopped(_ id: String, _ attributes: [(String, JSONValue)], state: String,
                                    _ context: ProvisioningContext) -> ProvisionedState {
        let ids: JSONValue = ["InstanceIds": [.string(id)]]
        do throws(AWSError) {
            switch state {
            case "stopped":
                for (name, value) in attributes {
                    _ = try context.run("ec2", "ModifyInstanceAttribute", .object([("InstanceId", .string(id)), (name, value)]))
                }
                _ = try context.run("ec2", "StartInstances", ids)
            case "running": _ = try context.run("ec2", "StopInstances", ids)
            case "pending", "stopping": break
            default: return .failed("Instance \(id) is \(state); its \(attributes.map(\.0).joined(separator: ", ")) cannot change")
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
            case "Monitoring": pairs.append((key, .bool(instance["Monitoring"]?["State"]?.stringValue == "enabled")))
            case "EbsOptimized": pairs.append((key, instance["EbsOptimized"] ?? .null))
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
