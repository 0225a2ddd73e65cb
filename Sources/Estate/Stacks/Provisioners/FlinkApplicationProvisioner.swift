/// `AWS::KinesisAnalyticsV2::Application` through `CreateApplication`, `StartApplication`,
/// `DescribeApplication` and `DeleteApplication`.
///
/// `Ref` is the application name (generated when `ApplicationName` is absent); AWS documents no
/// `Fn::GetAtt` attributes for this type. CloudFormation itself leaves a new application
/// `READY`; this estate starts it once it is ready, so that a deployed pipeline carries data
/// (a simulation extension, like the instance state drift checks), and the resource is complete
/// when the job is `RUNNING`. The estate's jobs are YAML dataflows, so the code must be
/// `PLAINTEXT` `TextContent`; a `ZIPFILE` fails the resource with the job service's reason.
struct FlinkApplicationProvisioner: ResourceProvisioner {
    let resourceType = "AWS::KinesisAnalyticsV2::Application"
    let attributes: [String] = []
    let stateEvents: Set<String> = ["kinesisanalyticsv2/ApplicationStatusChanged", "kinesisanalyticsv2/ApplicationDeleted"]

    /// AWS::KinesisAnalyticsV2::Application's "Update requires: Replacement" properties.
    static let replacing: Set<String> = ["ApplicationName", "RuntimeEnvironment", "ApplicationMode"]

    func replacement(for property: String) -> UpdateRequirement {
        Self.replacing.contains(property) ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let name = properties["ApplicationName"].flatMap(TemplateScalar.text) ?? context.generatedName()
        var request: [(String, JSONValue)] = [("ApplicationName", .string(name))]
        for key in ["ApplicationDescription", "RuntimeEnvironment", "ServiceExecutionRole", "ApplicationMode"] {
            if let value = properties[key] { request.append((key, value)) }
        }
        if let configuration = properties["ApplicationConfiguration"] {
            request.append(("ApplicationConfiguration", Self.apiConfiguration(configuration)))
        }
        _ = try context.run("kinesisanalyticsv2", "CreateApplication", .object(request))
        return name
    }

    /// The parts of the template's configuration the job service reads, numbers as numbers
    /// (templates often write them as text); the rest (environment properties, VPC) it has no use for.
    static func apiConfiguration(_ configuration: JSONValue) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let code = configuration["ApplicationCodeConfiguration"] { pairs.append(("ApplicationCodeConfiguration", code)) }
        if let flink = configuration["FlinkApplicationConfiguration"] {
            var flinkPairs: [(String, JSONValue)] = []
            for (key, value) in flink.objectValue ?? [] where key == "CheckpointConfiguration" || key == "ParallelismConfiguration" {
                flinkPairs.append((key, .object((value.objectValue ?? []).map { k, v in
                    switch k {
                    case "CheckpointInterval", "MinPauseBetweenCheckpoints", "Parallelism", "ParallelismPerKPU":
                        return (k, TemplateScalar.text(v).flatMap { Int64($0) }.map(JSONValue.int) ?? v)
                    case "CheckpointingEnabled", "AutoScalingEnabled":
                        return (k, TemplateScalar.text(v).map { .bool($0 == "true") } ?? v)
                    default: return (k, v)
                    }
                })))
            }
            pairs.append(("FlinkApplicationConfiguration", .object(flinkPairs)))
        }
        if let snapshots = configuration["ApplicationSnapshotConfiguration"]?["SnapshotsEnabled"] {
            pairs.append(("ApplicationSnapshotConfiguration", ["SnapshotsEnabled": TemplateScalar.text(snapshots).map { .bool($0 == "true") } ?? snapshots]))
        }
        return .object(pairs)
    }

    /// Properties UpdateApplication changes in place.
    static let updatable: Set<String> = ["ApplicationConfiguration", "ServiceExecutionRole", "ApplicationDescription"]

    /// New code, parallelism, checkpointing or role through UpdateApplication, at the version the
    /// application has now; a running job restarts from a snapshot and the resource completes when
    /// it is RUNNING again. A new description or snapshot setting alone ("No interruption") leaves
    /// the job running. Tags, maintenance windows and run configuration have nothing in the
    /// estate's jobs to change, so an update of one is refused with that reason.
    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        if let property = changed.first(where: { !Self.updatable.contains($0) }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::KinesisAnalyticsV2::Application cannot be simulated: the estate's jobs have no \(property); take it out of the update")
        }
        guard !changed.isEmpty else { return }
        guard let version = describe(physicalID, context)?["ApplicationVersionId"] else {
            throw AWSError("ResourceNotFoundException", "Application \(physicalID) does not exist")
        }
        var request: [(String, JSONValue)] = [("ApplicationName", .string(physicalID)), ("CurrentApplicationVersionId", version)]
        if changed.contains("ServiceExecutionRole"), let role = new["ServiceExecutionRole"] { request.append(("ServiceExecutionRoleUpdate", role)) }
        if changed.contains("ApplicationConfiguration") {
            // Only the parts that changed, so a new snapshot setting alone does not restart the job.
            let before = Self.apiConfiguration(old["ApplicationConfiguration"] ?? [:])
            var after = Self.apiConfiguration(new["ApplicationConfiguration"] ?? [:]).objectValue ?? []
            // Taken out of the template, snapshots go back to CreateApplication's default: on.
            if before["ApplicationSnapshotConfiguration"] != nil && !after.contains(where: { $0.0 == "ApplicationSnapshotConfiguration" }) {
                after.append(("ApplicationSnapshotConfiguration", ["SnapshotsEnabled": true]))
            }
            let parts = after.filter { key, value in before[key] != value }
            if !parts.isEmpty { request.append(("ApplicationConfigurationUpdate", Self.updateShape(.object(parts)))) }
        }
        // A simulation-only parameter: AWS's UpdateApplication has no member for the description.
        if changed.contains("ApplicationDescription") {
            request.append(("ApplicationDescriptionUpdate", new["ApplicationDescription"].flatMap(TemplateScalar.text).map(JSONValue.string) ?? ""))
        }
        guard request.count > 2 else { return }
        _ = try context.run("kinesisanalyticsv2", "UpdateApplication", .object(request))
    }

    /// UpdateApplication names every member of the configuration with an `Update` suffix.
    static func updateShape(_ value: JSONValue) -> JSONValue {
        guard let pairs = value.objectValue else { return value }
        return .object(pairs.map { ($0.0 + "Update", updateShape($0.1)) })
    }

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard let app = describe(physicalID, context) else { return }
        // DeleteApplication wants the creation time, to be sure the right application goes.
        _ = try context.run("kinesisanalyticsv2", "DeleteApplication",
                            ["ApplicationName": .string(physicalID), "CreateTimestamp": app["CreateTimestamp"] ?? .null])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let app = describe(physicalID, context), let status = app["ApplicationStatus"]?.stringValue else { return .gone }
        guard desired != nil else { return .inProgress }
        switch status {
        case "RUNNING": return .ready
        case "READY":
            do {
                _ = try context.run("kinesisanalyticsv2", "StartApplication", ["ApplicationName": .string(physicalID)])
                return .inProgress
            } catch {
                return .failed(error.message)
            }
        case "STARTING", "UPDATING": return .inProgress
        default: return .failed("Application \(physicalID) is \(status)")
        }
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let app = describe(physicalID, context) else { return nil }
        return .object((expected.objectValue ?? []).map { key, value in
            switch key {
            case "ApplicationName": return (key, .string(physicalID))
            case "RuntimeEnvironment", "ServiceExecutionRole", "ApplicationDescription": return (key, app[key] ?? .null)
            default: return (key, value)
            }
        })
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func describe(_ name: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "kinesisanalyticsv2", operation: "DescribeApplication",
                                                                           parameters: ["ApplicationName": .string(name)])) else { return nil }
        return reply["ApplicationDetail"]
    }
}
