/// Stacks, events, resources and outputs in CloudFormation's API shapes (botocore's member names).
enum StacksJSON {
    static func time(_ t: SimInstant) -> JSONValue { .string(SimCalendar.iso8601(t)) }

    static func stack(_ s: Stack) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("StackId", .string(s.stackID)), ("StackName", .string(s.stackName))]
        if let d = s.template.description { pairs.append(("Description", .string(d))) }
        if !s.parameterValues.isEmpty {
            pairs.append(("Parameters", .array(s.parameters.map { ["ParameterKey": .string($0.key), "ParameterValue": .string($0.value)] })))
        }
        pairs.append(("CreationTime", time(s.creationTime)))
        if let t = s.deletionTime { pairs.append(("DeletionTime", time(t))) }
        if let t = s.lastUpdatedTime { pairs.append(("LastUpdatedTime", time(t))) }
        pairs.append(("RollbackConfiguration", [:]))
        pairs.append(("StackStatus", .string(s.status)))
        if let r = s.statusReason { pairs.append(("StackStatusReason", .string(r))) }
        pairs.append(("DisableRollback", .bool(s.disableRollback)))
        pairs.append(("NotificationARNs", []))
        if !s.outputs.isEmpty { pairs.append(("Outputs", .array(s.outputs.map(output)))) }
        pairs.append(("Tags", .array(s.tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })))
        pairs.append(("EnableTerminationProtection", false))
        pairs.append(("DriftInformation", driftInformation(s)))
        return .object(pairs)
    }

    static func driftInformation(_ s: Stack) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("StackDriftStatus", .string(s.driftStatus))]
        if let t = s.lastDriftCheck { pairs.append(("LastCheckTimestamp", time(t))) }
        return .object(pairs)
    }

    static func output(_ o: StackOutput) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("OutputKey", .string(o.key)), ("OutputValue", .string(o.value))]
        if let d = o.description { pairs.append(("Description", .string(d))) }
        if let e = o.exportName { pairs.append(("ExportName", .string(e))) }
        return .object(pairs)
    }

    static func summary(_ s: Stack) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("StackId", .string(s.stackID)), ("StackName", .string(s.stackName))]
        if let d = s.template.description { pairs.append(("TemplateDescription", .string(d))) }
        pairs.append(("CreationTime", time(s.creationTime)))
        if let t = s.lastUpdatedTime { pairs.append(("LastUpdatedTime", time(t))) }
        if let t = s.deletionTime { pairs.append(("DeletionTime", time(t))) }
        pairs.append(("StackStatus", .string(s.status)))
        if let r = s.statusReason { pairs.append(("StackStatusReason", .string(r))) }
        pairs.append(("DriftInformation", driftInformation(s)))
        return .object(pairs)
    }

    static func event(_ e: StackEvent, stackName: String, stackID: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("StackId", .string(stackID)), ("EventId", .string(e.eventID)), ("StackName", .string(stackName)),
            ("LogicalResourceId", .string(e.logicalID)),
        ]
        if let p = e.physicalID { pairs.append(("PhysicalResourceId", .string(p))) }
        pairs.append(("ResourceType", .string(e.resourceType)))
        pairs.append(("Timestamp", time(e.timestamp)))
        pairs.append(("ResourceStatus", .string(e.status)))
        if let r = e.reason { pairs.append(("ResourceStatusReason", .string(r))) }
        return .object(pairs)
    }

    static func resource(_ r: StackResource, in s: Stack) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("StackName", .string(s.stackName)), ("StackId", .string(s.stackID)), ("LogicalResourceId", .string(r.logicalID)),
        ]
        if let p = r.physicalID { pairs.append(("PhysicalResourceId", .string(p))) }
        pairs.append(("ResourceType", .string(r.resourceType)))
        pairs.append(("Timestamp", time(r.lastUpdated)))
        pairs.append(("ResourceStatus", .string(r.status)))
        if let reason = r.statusReason { pairs.append(("ResourceStatusReason", .string(reason))) }
        pairs.append(("DriftInformation", ["StackResourceDriftStatus": .string(r.drift?.status ?? "NOT_CHECKED")]))
        return .object(pairs)
    }

    static func resourceSummary(_ r: StackResource) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("LogicalResourceId", .string(r.logicalID))]
        if let p = r.physicalID { pairs.append(("PhysicalResourceId", .string(p))) }
        pairs.append(("ResourceType", .string(r.resourceType)))
        pairs.append(("LastUpdatedTimestamp", time(r.lastUpdated)))
        pairs.append(("ResourceStatus", .string(r.status)))
        if let reason = r.statusReason { pairs.append(("ResourceStatusReason", .string(reason))) }
        pairs.append(("DriftInformation", ["StackResourceDriftStatus": .string(r.drift?.status ?? "NOT_CHECKED")]))
        return .object(pairs)
    }

    static func drift(_ r: StackResource, _ d: ResourceDrift, in s: Stack) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("StackId", .string(s.stackID)), ("LogicalResourceId", .string(r.logicalID))]
        if let p = r.physicalID { pairs.append(("PhysicalResourceId", .string(p))) }
        pairs.append(("ResourceType", .string(r.resourceType)))
        pairs.append(("ExpectedProperties", .string(d.expected.serializedCompact())))
        if let actual = d.actual { pairs.append(("ActualProperties", .string(actual.serializedCompact()))) }
        pairs.append(("PropertyDifferences", .array(d.differences.map {
            ["PropertyPath": .string($0.path), "ExpectedValue": .string($0.expected), "ActualValue": .string($0.actual),
             "DifferenceType": .string($0.kind)]
        })))
        pairs.append(("StackResourceDriftStatus", .string(d.status)))
        pairs.append(("Timestamp", time(d.checkedAt)))
        return .object(pairs)
    }
}
