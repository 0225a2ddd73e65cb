/// The CloudFormation operations the estate understands, with the parameters the AWS CLI gives them.
extension StacksService {
    static let parametersShape: ParameterShape = .list(.structure([("ParameterKey", .string), ("ParameterValue", .string),
                                                                   ("UsePreviousValue", .boolean)]))
    static let tagsShape: ParameterShape = .list(.structure([("Key", .string), ("Value", .string)]))
    static let stackName = ParameterSpec("StackName", .string, required: true, help: "stack name or id")
    static let templateBody = ParameterSpec("TemplateBody", .string, help: "template text, or file://path")
    static let templateURL = ParameterSpec("TemplateURL", .string, help: "not supported: no S3 to fetch from")
    static let parameters = ParameterSpec("Parameters", parametersShape, help: "ParameterKey=K,ParameterValue=V …")
    static let capabilities = ParameterSpec("Capabilities", .list(.string), help: "accepted and ignored (no IAM here)")
    static let tags = ParameterSpec("Tags", tagsShape, help: "Key=k,Value=v …")

    public static let operationSpecs: [OperationSpec] = [
        OperationSpec(service: "cloudformation", name: "ValidateTemplate", parameters: [templateBody, templateURL],
                      summary: "Check a template"),
        OperationSpec(service: "cloudformation", name: "CreateStack", parameters: [
            stackName, templateBody, templateURL, parameters, capabilities, tags,
            ParameterSpec("DisableRollback", .boolean, help: "keep what was created when creation fails"),
            ParameterSpec("OnFailure", .string, help: "ROLLBACK (default), DO_NOTHING or DELETE"),
        ], summary: "Create a stack"),
        OperationSpec(service: "cloudformation", name: "UpdateStack", parameters: [
            stackName, templateBody, templateURL, parameters, capabilities, tags,
            ParameterSpec("UsePreviousTemplate", .boolean, help: "keep the current template"),
        ], summary: "Update a stack"),
        OperationSpec(service: "cloudformation", name: "DeleteStack", parameters: [
            stackName, ParameterSpec("RetainResources", .list(.string), help: "logical ids to keep (only for a stack in DELETE_FAILED)"),
        ], summary: "Delete a stack"),
        OperationSpec(service: "cloudformation", name: "DescribeStacks", parameters: [
            ParameterSpec("StackName", .string, help: "stack name or id (default: every live stack)"),
        ], summary: "Describe stacks"),
        OperationSpec(service: "cloudformation", name: "DescribeStackEvents", parameters: [stackName], summary: "A stack's events, newest first"),
        OperationSpec(service: "cloudformation", name: "DescribeStackResources", parameters: [
            ParameterSpec("StackName", .string, help: "stack name or id"),
            ParameterSpec("LogicalResourceId", .string, help: "one resource"),
            ParameterSpec("PhysicalResourceId", .string, help: "find the stack by a resource's physical id"),
        ], summary: "A stack's resources"),
        OperationSpec(service: "cloudformation", name: "ListStackResources", parameters: [stackName],
                      summary: "A stack's resources, in brief"),
        OperationSpec(service: "cloudformation", name: "GetTemplate", parameters: [
            stackName, ParameterSpec("TemplateStage", .string, help: "Original (default) or Processed: the same text here, no transforms"),
        ], summary: "The template a stack was created or last updated with"),
        OperationSpec(service: "cloudformation", name: "ListStacks", parameters: [
            ParameterSpec("StackStatusFilter", .list(.string), help: "statuses to list"),
        ], summary: "List stacks, deleted ones too"),
        OperationSpec(service: "cloudformation", name: "ListExports", parameters: [], summary: "Exported outputs"),
        OperationSpec(service: "cloudformation", name: "CreateChangeSet", parameters: [
            stackName, ParameterSpec("ChangeSetName", .string, required: true, help: "change set name"),
            templateBody, templateURL, parameters, capabilities,
            ParameterSpec("UsePreviousTemplate", .boolean, help: "keep the current template"),
            ParameterSpec("ChangeSetType", .string, help: "UPDATE (default) or CREATE"),
            ParameterSpec("Description", .string, help: "free text"),
        ], summary: "Propose changes to a stack"),
        OperationSpec(service: "cloudformation", name: "DescribeChangeSet", parameters: [
            ParameterSpec("ChangeSetName", .string, required: true, help: "change set name or id"),
            ParameterSpec("StackName", .string, help: "stack name or id"),
        ], summary: "The changes a change set would make"),
        OperationSpec(service: "cloudformation", name: "ExecuteChangeSet", parameters: [
            ParameterSpec("ChangeSetName", .string, required: true, help: "change set name or id"),
            ParameterSpec("StackName", .string, help: "stack name or id"),
        ], summary: "Apply a change set"),
        OperationSpec(service: "cloudformation", name: "ListChangeSets", parameters: [stackName], summary: "A stack's change sets"),
        OperationSpec(service: "cloudformation", name: "DeleteChangeSet", parameters: [
            ParameterSpec("ChangeSetName", .string, required: true, help: "change set name or id"),
            ParameterSpec("StackName", .string, help: "stack name or id"),
        ], summary: "Discard a change set"),
        OperationSpec(service: "cloudformation", name: "DetectStackDrift", parameters: [
            stackName, ParameterSpec("LogicalResourceIds", .list(.string), help: "only these resources"),
        ], summary: "Compare resources with the template"),
        OperationSpec(service: "cloudformation", name: "DescribeStackResourceDrifts", parameters: [
            stackName, ParameterSpec("StackResourceDriftStatusFilters", .list(.string), help: "IN_SYNC, MODIFIED, DELETED, NOT_CHECKED"),
        ], summary: "Drift of each resource"),
        OperationSpec(service: "cloudformation", name: "DescribeStackDriftDetectionStatus", parameters: [
            ParameterSpec("StackDriftDetectionId", .string, required: true, help: "id from detect-stack-drift"),
        ], summary: "Result of a drift detection"),
        OperationSpec(service: "cloudformation", name: "Deploy", parameters: [
            ParameterSpec("TemplateFile", .string, required: true, help: "path of the template"),
            stackName,
            ParameterSpec("ParameterOverrides", .list(.string), help: "KEY=VALUE …"),
            capabilities,
            ParameterSpec("NoExecuteChangeset", .boolean, help: "only create the change set"),
            ParameterSpec("FailOnEmptyChangeset", .boolean, help: "fail when there is nothing to change (default)"),
        ], summary: "Create or update a stack from a template file"),
    ]

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "ValidateTemplate": return try validateTemplateOperation(p)
        case "CreateStack": return try createStackOperation(p)
        case "UpdateStack": return try updateStackOperation(p)
        case "DeleteStack":
            try deleteStack(name: try p.requiredString("StackName"), retaining: try p.strings("RetainResources") ?? [])
            return [:]
        case "DescribeStacks": return try describeStacksOperation(p)
        case "DescribeStackEvents": return try describeStackEventsOperation(p)
        case "DescribeStackResources": return try describeStackResourcesOperation(p)
        case "ListStacks": return try listStacksOperation(p)
        case "ListStackResources": return try listStackResourcesOperation(p)
        case "GetTemplate": return try getTemplateOperation(p)
        case "ListExports":
            return ["Exports": .array(exports.map { ["ExportingStackId": .string($0.stackID), "Name": .string($0.name), "Value": .string($0.value)] })]
        case "CreateChangeSet": return try createChangeSetOperation(p)
        case "DescribeChangeSet": return try describeChangeSetOperation(p)
        case "ExecuteChangeSet": return try executeChangeSetOperation(p)
        case "ListChangeSets": return try listChangeSetsOperation(p)
        case "DeleteChangeSet": return try deleteChangeSetOperation(p)
        case "DetectStackDrift":
            let id = try detectDrift(stackName: try p.requiredString("StackName"), logicalIDs: try p.strings("LogicalResourceIds"))
            return ["StackDriftDetectionId": .string(id)]
        case "DescribeStackResourceDrifts": return try describeResourceDriftsOperation(p)
        case "DescribeStackDriftDetectionStatus": return try driftDetectionStatusOperation(p)
        case "Deploy":
            let body = try readFile(try p.requiredString("TemplateFile")).get()
            return try deploy(stackName: try p.requiredString("StackName"), body: body, overrides: try p.strings("ParameterOverrides") ?? [],
                              execute: !(try p.bool("NoExecuteChangeset") ?? false),
                              failOnEmpty: try p.bool("FailOnEmptyChangeset") ?? true)
        default: throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }
}
