/// `AWS::Kinesis::Stream` through `CreateStream`, `DescribeStreamSummary`, `UpdateShardCount`,
/// `UpdateStreamMode`, the retention operations and `DeleteStream`.
///
/// `Ref` is the stream name (generated as `<stack>-<LogicalId>-<RANDOM>` when `Name` is absent);
/// `Fn::GetAtt Arn` its ARN. Shard count and retention converge in place once the stream is ACTIVE.
struct KinesisStreamProvisioner: ResourceProvisioner {
    static let type = "AWS::Kinesis::Stream"
    let resourceType = Self.type
    let attributes: [String] = ["Arn"]
    let stateEvents: Set<String> = ["kinesis/StreamStatusChanged", "kinesis/StreamDeleted", "kinesis/ShardCountUpdated",
                                    "kinesis/RetentionChanged", "kinesis/StreamModeChanged"]

    func replacement(for property: String) -> UpdateRequirement {
        property == "Name" ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let name = properties["Name"].flatMap(TemplateScalar.text) ?? context.generatedName()
        var request: [(String, JSONValue)] = [("StreamName", .string(name))]
        let mode = properties["StreamModeDetails"]?["StreamMode"]?.stringValue ?? "PROVISIONED"
        if mode == "ON_DEMAND" {
            request.append(("StreamModeDetails", ["StreamMode": "ON_DEMAND"]))
        } else {
            request.append(("ShardCount", .int(Int64(Self.shardCount(properties)))))
        }
        _ = try context.run("kinesis", "CreateStream", .object(request))
        return name
    }

    /// Shard count, retention and capacity mode ("Update requires: No interruption" for each)
    /// converge in `progress`, once the stream accepts changes.
    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {}

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        // Gone or already going: CloudFormation treats both as deleted.
        guard let summary = summary(physicalID, context), summary["StreamStatus"]?.stringValue != "DELETING" else { return }
        _ = try context.run("kinesis", "DeleteStream", ["StreamName": .string(physicalID)])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let summary = summary(physicalID, context) else { return .gone }
        guard let desired else { return .inProgress }
        guard summary["StreamStatus"]?.stringValue == "ACTIVE" else { return .inProgress }
        let name: JSONValue = .string(physicalID)
        let mode = desired["StreamModeDetails"]?["StreamMode"].flatMap(TemplateScalar.text) ?? "PROVISIONED"
        if let current = summary["StreamModeDetails"]?["StreamMode"]?.stringValue, current != mode {
            return step(context, "UpdateStreamMode", ["StreamARN": summary["StreamARN"] ?? "", "StreamModeDetails": ["StreamMode": .string(mode)]])
        }
        if summary["StreamModeDetails"]?["StreamMode"]?.stringValue != "ON_DEMAND",
           let open = summary["OpenShardCount"]?.intValue, open != Int64(Self.shardCount(desired)) {
            return step(context, "UpdateShardCount", ["StreamName": name, "TargetShardCount": .int(Int64(Self.shardCount(desired))),
                                                       "ScalingType": "UNIFORM_SCALING"])
        }
        let retention = Int64(desired["RetentionPeriodHours"].flatMap(TemplateScalar.text).flatMap { Int($0) } ?? 24)
        if let current = summary["RetentionPeriodHours"]?.intValue, current != retention {
            let operation = retention > current ? "IncreaseStreamRetentionPeriod" : "DecreaseStreamRetentionPeriod"
            return step(context, operation, ["StreamName": name, "RetentionPeriodHours": .int(retention)])
        }
        return .ready
    }

    private func step(_ context: ProvisioningContext, _ operation: String, _ parameters: JSONValue) -> ProvisionedState {
        do {
            _ = try context.run("kinesis", operation, parameters)
            return .inProgress
        } catch {
            return .failed(error.message)
        }
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard name == "Arn" else {
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
        return .string("arn:aws:kinesis:\(context.region):\(context.accountID):stream/\(physicalID)")
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let summary = summary(physicalID, context), summary["StreamStatus"]?.stringValue != "DELETING" else { return nil }
        var pairs: [(String, JSONValue)] = []
        for (key, value) in expected.objectValue ?? [] {
            switch key {
            case "Name": pairs.append((key, .string(physicalID)))
            case "ShardCount": pairs.append((key, summary["OpenShardCount"] ?? .null))
            case "RetentionPeriodHours": pairs.append((key, summary["RetentionPeriodHours"] ?? .null))
            case "StreamModeDetails": pairs.append((key, ["StreamMode": summary["StreamModeDetails"]?["StreamMode"] ?? .null]))
            default: pairs.append((key, value))
            }
        }
        return .object(pairs)
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    /// CloudFormation's default for a provisioned stream without `ShardCount` is one shard.
    static func shardCount(_ properties: JSONValue) -> Int {
        properties["ShardCount"].flatMap(TemplateScalar.text).flatMap { Int($0) } ?? 1
    }

    private func summary(_ name: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "kinesis", operation: "DescribeStreamSummary",
                                                                           parameters: ["StreamName": .string(name)])) else { return nil }
        return reply["StreamDescriptionSummary"]
    }
}
