/// `AWS::Kinesis::Stream` through `CreateStream`, `DescribeStreamSummary`, `UpdateShardCount`,
/// `UpdateStreamMode`, the retention operations and `DeleteStream`.
///
/// `Ref` is the stream name (generated as `<stack>-<LogicalId>-<RANDOM>` when `Name` is absent);
/// `Fn::GetAtt Arn` its ARN. Shard count, retention, capacity mode and tags converge in place once
/// the stream is ACTIVE.
struct KinesisStreamProvisioner: ResourceProvisioner {
    static let type = "AWS::Kinesis::Stream"
    let resourceType = Self.type
    let attributes: [String] = ["Arn"]
    let stateEvents: Set<String> = ["kinesis/StreamStatusChanged", "kinesis/StreamDeleted", "kinesis/ShardCountUpdated",
                                    "kinesis/RetentionChanged", "kinesis/StreamModeChanged", "kinesis/TagsChanged"]

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

    /// Shard count, retention, capacity mode and tags ("Update requires: No interruption" for each)
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
        // Tags ("Update requires: No interruption"): add what differs, then remove what is gone.
        let wanted = Self.tags(desired)
        let current = Self.tags(of: physicalID, context)
        let changed = wanted.filter { current[$0.key] != $0.value }
        if !changed.isEmpty {
            return step(context, "AddTagsToStream", ["StreamName": name, "Tags": .object(changed.map { ($0.key, .string($0.value)) })])
        }
        let extra = current.keys.filter { key in !wanted.contains { $0.key == key } }.sorted()
        if !extra.isEmpty {
            return step(context, "RemoveTagsFromStream", ["StreamName": name, "TagKeys": .array(extra.map(JSONValue.string))])
        }
        return .ready
    }

    /// The template's `Tags` (a list of `Key`/`Value`), in its order.
    static func tags(_ properties: JSONValue) -> [(key: String, value: String)] {
        (properties["Tags"]?.arrayValue ?? []).compactMap { tag in
            guard let key = tag["Key"].flatMap(TemplateScalar.text) else { return nil }
            return (key, tag["Value"].flatMap(TemplateScalar.text) ?? "")
        }
    }

    /// The stream's tags as ListTagsForStream answers them (a stream has at most 50, one page).
    static func tags(of name: String, _ context: ProvisioningContext) -> [String: String] {
        guard let listed = try? context.run("kinesis", "ListTagsForStream", ["StreamName": .string(name), "Limit": 50]) else { return [:] }
        var out: [String: String] = [:]
        for tag in listed["Tags"]?.arrayValue ?? [] {
            if let key = tag["Key"]?.stringValue { out[key] = tag["Value"]?.stringValue ?? "" }
        }
        return out
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
            case "Tags":
                // In the template's order, then any tag added behind the stack's back.
                let current = Self.tags(of: physicalID, context)
                let expectedKeys = Self.tags(expected).map(\.key)
                let keys = expectedKeys.filter { current[$0] != nil } + current.keys.filter { !expectedKeys.contains($0) }.sorted()
                pairs.append((key, .array(keys.map { ["Key": .string($0), "Value": .string(current[$0]!)] })))
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
