/// Drift: comparing each resource as its own service has it now with what the stack last applied.
///
/// A change made behind the stack's back (a stream resharded, an instance stopped) shows as
/// `MODIFIED` with each differing property's path, expected and actual value; a resource that
/// no longer exists is `DELETED`.
extension StacksService {
    @discardableResult
    public func detectDrift(stackName: String, logicalIDs: [String]? = nil) throws(AWSError) -> String {
        let stack = try liveStack(stackName)
        guard !stack.isInProgress || stack.status == StackStatus.reviewInProgress else {
            throw StackError.validation("Drift detection cannot be performed on stack \(stack.stackID) while it is in \(stack.status)")
        }
        let now = scheduler.now
        var drifted = false
        for logicalID in stack.resourceOrder {
            guard var resource = stack.resourcesByID[logicalID], logicalIDs?.contains(logicalID) ?? true,
                  let physical = resource.physicalID, resource.status != StackStatus.deleteComplete,
                  let provisioner = ProvisionerRegistry.provisioner(for: resource.resourceType) else { continue }
            let expected = provisioner.expectedProperties(resource.appliedProperties)
            let actual = provisioner.actualProperties(physical, expected: expected, provisioningContext(stack, logicalID))
            let differences = actual.map { Self.differences(expected, $0, path: "") } ?? []
            let status = actual == nil ? "DELETED" : differences.isEmpty ? "IN_SYNC" : "MODIFIED"
            if status != "IN_SYNC" { drifted = true }
            resource.drift = ResourceDrift(status: status, expected: expected, actual: actual, differences: differences, checkedAt: now)
            stack.resourcesByID[logicalID] = resource
        }
        stack.driftStatus = drifted ? "DRIFTED" : "IN_SYNC"
        stack.lastDriftCheck = now
        let detectionID = seededUUID()
        driftDetections.append((detectionID, stack.stackID, now))
        return detectionID
    }

    /// Property paths as CloudFormation writes them: `/ShardCount`, `/Tags/0/Value`.
    static func differences(_ expected: JSONValue, _ actual: JSONValue, path: String) -> [PropertyDifference] {
        switch (expected, actual) {
        case let (.object(e), .object(a)):
            var out: [PropertyDifference] = []
            for (key, value) in e {
                if let other = actual[key] { out += differences(value, other, path: path + "/" + key) }
                else { out.append(PropertyDifference(path: path + "/" + key, expected: text(value), actual: "null", kind: "REMOVE")) }
            }
            for (key, value) in a where expected[key] == nil {
                out.append(PropertyDifference(path: path + "/" + key, expected: "null", actual: text(value), kind: "ADD"))
            }
            return out
        case let (.array(e), .array(a)):
            var out: [PropertyDifference] = []
            for i in 0..<max(e.count, a.count) {
                let p = path + "/\(i)"
                let left: JSONValue? = i < e.count ? e[i] : nil, right: JSONValue? = i < a.count ? a[i] : nil
                switch (left, right) {
                case let (x?, y?): out += differences(x, y, path: p)
                case let (x?, nil): out.append(PropertyDifference(path: p, expected: text(x), actual: "null", kind: "REMOVE"))
                case let (nil, y?): out.append(PropertyDifference(path: p, expected: "null", actual: text(y), kind: "ADD"))
                default: break
                }
            }
            return out
        default:
            guard PropertyDiff.normalized(expected) != PropertyDiff.normalized(actual) else { return [] }
            return [PropertyDifference(path: path, expected: text(expected), actual: text(actual), kind: "NOT_EQUAL")]
        }
    }

    static func text(_ value: JSONValue) -> String { TemplateScalar.text(value) ?? value.serializedCompact() }

    func describeResourceDriftsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stack = try liveStack(try p.requiredString("StackName"))
        let filters = try p.strings("StackResourceDriftStatusFilters")
        let drifts: [JSONValue] = stack.resources.compactMap { resource in
            guard let drift = resource.drift, filters?.contains(drift.status) ?? true else { return nil }
            return StacksJSON.drift(resource, drift, in: stack)
        }
        return ["StackResourceDrifts": .array(drifts)]
    }

    func driftDetectionStatusOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("StackDriftDetectionId")
        guard let detection = driftDetections.first(where: { $0.id == id }), let stack = stack(detection.stackID) else {
            throw StackError.validation("Drift detection with id \(id) does not exist")
        }
        let drifted = stack.resources.filter { ($0.drift?.status ?? "IN_SYNC") != "IN_SYNC" }.count
        return [
            "StackId": .string(stack.stackID), "StackDriftDetectionId": .string(id), "StackDriftStatus": .string(stack.driftStatus),
            "DetectionStatus": "DETECTION_COMPLETE", "DriftedStackResourceCount": .int(Int64(drifted)),
            "Timestamp": StacksJSON.time(detection.at),
        ]
    }
}
