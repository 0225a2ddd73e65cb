/// The `kinesisanalyticsv2` operations in botocore's shapes (service-2.json, 2018-05-23).
extension JobsService {
    public var operations: [OperationSpec] { JobsOperationSpecs.all }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "CreateApplication": return try createApplicationOperation(p)
        case "StartApplication": return try startApplicationOperation(p)
        case "StopApplication":
            try stop(try p.requiredString("ApplicationName"), force: try p.bool("Force") ?? false)
            return ["OperationId": .string(operationID())]
        case "DescribeApplication":
            return ["ApplicationDetail": detail(try requireApplication(try p.requiredString("ApplicationName")))]
        case "ListApplications": return try listApplicationsOperation(p)
        case "UpdateApplication": return try updateApplicationOperation(p)
        case "DeleteApplication":
            var created: SimInstant?
            if let v = p.value["CreateTimestamp"], v != .null {
                guard let t = Self.timestamp(v) else {
                    throw AWSError("InvalidArgumentException", "CreateTimestamp must be epoch seconds or ISO 8601.")
                }
                created = t
            } else {
                throw .validation("1 validation error detected: Value null at 'createTimestamp' failed to satisfy constraint: Member must not be null")
            }
            try delete(try p.requiredString("ApplicationName"), createTimestamp: created)
            return [:]
        default: throw AWSError("InvalidAction", "kinesisanalyticsv2 has no operation \(operation).")
        }
    }

    static func timestamp(_ v: JSONValue) -> SimInstant? {
        if let n = v.numberValue, v.stringValue.map({ Double($0) != nil }) ?? true {
            return SimInstant(milliseconds: Int64((n * 1000).rounded()) - SimCalendar.epochUnixSeconds * 1000)
        }
        return v.stringValue.flatMap(EventTimestamp.parseISO)
    }

    private func operationID() -> String {
        operationRandom.hex(16)
    }

    private func createApplicationOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let name = try p.requiredString("ApplicationName")
        let runtime = try p.requiredString("RuntimeEnvironment")
        let allowed = ["FLINK-1_6", "FLINK-1_8", "FLINK-1_11", "FLINK-1_13", "FLINK-1_15", "FLINK-1_18", "FLINK-1_19", "FLINK-1_20", "FLINK-2_2"]
        guard allowed.contains(runtime) else {
            throw AWSError("InvalidArgumentException", "RuntimeEnvironment \(runtime) is not supported here; use one of \(allowed.joined(separator: ", ")).")
        }
        let role = try p.requiredString("ServiceExecutionRole")
        guard let config = try p.object("ApplicationConfiguration"),
              let code = try config.object("ApplicationCodeConfiguration"),
              let text = try code.object("CodeContent")?.string("TextContent") else {
            throw AWSError("InvalidArgumentException", "ApplicationConfiguration.ApplicationCodeConfiguration.CodeContent.TextContent must hold the job's YAML.")
        }
        let contentType = try code.requiredString("CodeContentType")
        guard contentType == "PLAINTEXT" else {
            throw AWSError("InvalidArgumentException", "CodeContentType must be PLAINTEXT (the job's YAML), not \(contentType).")
        }
        let definition: JobDefinition
        do { definition = try JobDefinitionParser.parse(text, file: "TextContent") } catch {
            throw AWSError("InvalidArgumentException", error.description)
        }
        var parallelism: Int?
        var checkpoint: SimDuration??
        let flink = try config.object("FlinkApplicationConfiguration")
        if let pc = try flink?.object("ParallelismConfiguration"), try pc.requiredString("ConfigurationType") == "CUSTOM" {
            let n = try pc.int("Parallelism") ?? definition.parallelism
            guard (1...JobDefinitionParser.maximumParallelism).contains(n) else {
                throw AWSError("InvalidArgumentException", "Parallelism must be between 1 and \(JobDefinitionParser.maximumParallelism).")
            }
            parallelism = n
        }
        if let cc = try flink?.object("CheckpointConfiguration") {
            if try cc.requiredString("ConfigurationType") == "CUSTOM" {
                if try cc.bool("CheckpointingEnabled") == false { checkpoint = .some(nil) } else {
                    let ms = try cc.int("CheckpointInterval") ?? 60_000
                    guard ms >= 1000 else { throw AWSError("InvalidArgumentException", "CheckpointInterval must be at least 1000 ms.") }
                    checkpoint = .some(.milliseconds(Int64(ms)))
                }
            } else {
                checkpoint = .some(.seconds(60))
            }
        }
        let snapshots = try config.object("ApplicationSnapshotConfiguration")?.bool("SnapshotsEnabled") ?? true
        let app = try create(name: name, definition: definition, description: try p.string("ApplicationDescription") ?? "",
                             runtimeEnvironment: runtime, serviceExecutionRole: role, parallelism: parallelism,
                             checkpointInterval: checkpoint, snapshotsEnabled: snapshots)
        return ["ApplicationDetail": detail(app)]
    }

    /// UpdateApplication's `…Update` members: new code text, parallelism, checkpointing, role.
    private func updateApplicationOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let name = try p.requiredString("ApplicationName")
        let current = try requireApplication(name)
        guard let version = try p.int("CurrentApplicationVersionId") else {
            throw .validation("1 validation error detected: Value null at 'currentApplicationVersionId' failed to satisfy constraint: Member must not be null")
        }
        var change = JobUpdate(serviceExecutionRole: try p.string("ServiceExecutionRoleUpdate"))
        let config = try p.object("ApplicationConfigurationUpdate")
        if let code = try config?.object("ApplicationCodeConfigurationUpdate") {
            if let type = try code.string("CodeContentTypeUpdate"), type != "PLAINTEXT" {
                throw AWSError("InvalidArgumentException", "CodeContentType must be PLAINTEXT (the job's YAML), not \(type).")
            }
            if let text = try code.object("CodeContentUpdate")?.string("TextContentUpdate") {
                do { change.definition = try JobDefinitionParser.parse(text, file: "TextContentUpdate") } catch {
                    throw AWSError("InvalidArgumentException", error.description)
                }
            }
        }
        let flink = try config?.object("FlinkApplicationConfigurationUpdate")
        if let pc = try flink?.object("ParallelismConfigurationUpdate") {
            if try pc.string("ConfigurationTypeUpdate") == "DEFAULT" {
                change.parallelism = change.definition?.parallelism ?? current.definition.parallelism
            } else if let n = try pc.int("ParallelismUpdate") {
                change.parallelism = n
            }
        }
        if let cc = try flink?.object("CheckpointConfigurationUpdate") {
            if try cc.string("ConfigurationTypeUpdate") == "DEFAULT" {
                change.checkpointInterval = .some(.seconds(60))
            } else if try cc.bool("CheckpointingEnabledUpdate") == false {
                change.checkpointInterval = .some(nil)
            } else if let ms = try cc.int("CheckpointIntervalUpdate") {
                guard ms >= 1000 else { throw AWSError("InvalidArgumentException", "CheckpointInterval must be at least 1000 ms.") }
                change.checkpointInterval = .some(.milliseconds(Int64(ms)))
            }
        }
        if let enabled = try config?.object("ApplicationSnapshotConfigurationUpdate")?.bool("SnapshotsEnabledUpdate") {
            change.snapshotsEnabled = enabled
        }
        change.description = try p.string("ApplicationDescriptionUpdate")
        try update(name, currentVersion: Int64(version), change)
        return ["ApplicationDetail": detail(current)]
    }

    private func startApplicationOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let name = try p.requiredString("ApplicationName")
        var restore = RestoreType.latest
        var snapshotName: String?
        if let rc = try p.object("RunConfiguration")?.object("ApplicationRestoreConfiguration") {
            let text = try rc.requiredString("ApplicationRestoreType")
            guard let r = RestoreType(rawValue: text) else {
                throw .validation("1 validation error detected: Value '\(text)' at 'runConfiguration.applicationRestoreConfiguration.applicationRestoreType' failed to satisfy constraint: Member must satisfy enum value set: [\(RestoreType.allCases.map(\.rawValue).joined(separator: ", "))]")
            }
            restore = r
            snapshotName = try rc.string("SnapshotName")
        }
        try start(name, restore: restore, snapshotName: snapshotName)
        return ["OperationId": .string(operationID())]
    }

    private func listApplicationsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let limit = try p.int("Limit") ?? 50
        guard (1...50).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 50")
        }
        let after = try p.string("NextToken")
        let remaining = applications.filter { after == nil || $0.name > after! }
        let page = remaining.prefix(limit)
        var pairs: [(String, JSONValue)] = [("ApplicationSummaries", .array(page.map(summary)))]
        if remaining.count > limit, let last = page.last { pairs.append(("NextToken", .string(last.name))) }
        return .object(pairs)
    }

    func summary(_ app: JobApplication) -> JSONValue {
        [
            "ApplicationName": .string(app.name),
            "ApplicationARN": .string(app.arn),
            "ApplicationStatus": .string(app.status.rawValue),
            "ApplicationVersionId": .int(app.versionID),
            "RuntimeEnvironment": .string(app.runtimeEnvironment),
            "ApplicationMode": "STREAMING",
        ]
    }

    /// `ApplicationDetail` as DescribeApplication returns it.
    func detail(_ app: JobApplication) -> JSONValue {
        let restore: [(String, JSONValue)] = [("ApplicationRestoreType", .string(app.restoreType))] + (app.restoredFrom.map { [("SnapshotName", JSONValue.string($0))] } ?? [])
        return [
            "ApplicationARN": .string(app.arn),
            "ApplicationDescription": .string(app.description),
            "ApplicationName": .string(app.name),
            "RuntimeEnvironment": .string(app.runtimeEnvironment),
            "ServiceExecutionRole": .string(app.serviceExecutionRole),
            "ApplicationStatus": .string(app.status.rawValue),
            "ApplicationVersionId": .int(app.versionID),
            "CreateTimestamp": .double(SimCalendar.unixSeconds(app.createdAt)),
            "LastUpdateTimestamp": .double(SimCalendar.unixSeconds(app.lastUpdatedAt)),
            "ApplicationConfigurationDescription": [
                "ApplicationCodeConfigurationDescription": [
                    "CodeContentType": "PLAINTEXT",
                    "CodeContentDescription": ["TextContent": .string(app.definition.text), "CodeSize": .int(Int64(app.definition.text.utf8.count))],
                ],
                "RunConfigurationDescription": ["ApplicationRestoreConfigurationDescription": .object(restore)],
                "FlinkApplicationConfigurationDescription": [
                    "CheckpointConfigurationDescription": [
                        "ConfigurationType": .string(app.customCheckpoint ? "CUSTOM" : "DEFAULT"),
                        "CheckpointingEnabled": .bool(app.checkpointInterval != nil),
                        "CheckpointInterval": .int(app.checkpointInterval?.milliseconds ?? 60_000),
                        "MinPauseBetweenCheckpoints": .int(5_000),
                    ],
                    "ParallelismConfigurationDescription": [
                        "ConfigurationType": .string(app.customParallelism ? "CUSTOM" : "DEFAULT"),
                        "Parallelism": .int(Int64(app.parallelism)),
                        "ParallelismPerKPU": .int(1),
                        "CurrentParallelism": .int(Int64(app.currentParallelism)),
                        "AutoScalingEnabled": .bool(false),
                    ],
                    "JobPlanDescription": .string(app.operatorGraph(now: scheduler.now).map(\.name).joined(separator: " => ")),
                ],
                "ApplicationSnapshotConfigurationDescription": ["SnapshotsEnabled": .bool(app.snapshotsEnabled)],
            ],
            "ApplicationMode": "STREAMING",
        ]
    }
}
