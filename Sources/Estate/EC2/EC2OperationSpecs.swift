/// The EC2 operations the estate understands, with the parameters the AWS CLI gives them.
extension EC2Service {
    static let tagShape: ParameterShape = .structure([("Key", .string), ("Value", .string)])
    static let filterShape: ParameterShape = .list(.structure([("Name", .string), ("Values", .list(.string))]))
    static let instanceIDs = ParameterSpec("InstanceIds", .list(.string), required: true, help: "instance ids (i-…)")

    public static let operationSpecs: [OperationSpec] = [
        OperationSpec(service: "ec2", name: "RunInstances", parameters: [
            ParameterSpec("InstanceType", .string, help: "e.g. c4.large (default m1.small, as in AWS)"),
            ParameterSpec("Count", .string, help: "N or MIN:MAX instances (AWS CLI shortcut for MinCount/MaxCount)"),
            ParameterSpec("MinCount", .integer, help: "fewest instances to launch"),
            ParameterSpec("MaxCount", .integer, help: "most instances to launch"),
            ParameterSpec("ImageId", .string, help: "AMI id (default \(defaultImageID))"),
            ParameterSpec("Placement", .structure([("AvailabilityZone", .string), ("Tenancy", .string)]),
                          help: "AvailabilityZone=us-east-1a"),
            ParameterSpec("TagSpecifications", .list(.structure([("ResourceType", .string), ("Tags", .list(tagShape))])),
                          help: "ResourceType=instance,Tags=[{Key=Name,Value=web}] (or just Name=web)",
                          shorthand: tagsShortForm),
            ParameterSpec("Monitoring", .structure([("Enabled", .boolean)]), help: "Enabled=true for detailed monitoring"),
            ParameterSpec("EbsOptimized", .boolean, help: "EBS-optimized (default false)"),
            ParameterSpec("UserData", .string, help: "the instance's user data, base64"),
            ParameterSpec("MetadataOptions", .structure([("HttpTokens", .string), ("HttpPutResponseHopLimit", .integer),
                                                         ("HttpEndpoint", .string)]),
                          help: "HttpTokens=required,HttpPutResponseHopLimit=2 (IMDS settings)"),
            ParameterSpec("ClientToken", .string, help: "idempotency token (up to 64 ASCII characters): a repeat returns the first launch"),
            ParameterSpec("Workload", .string, help: "simulation only: steady, bursty or daily CPU profile"),
        ], summary: "Launch instances"),
        OperationSpec(service: "ec2", name: "DescribeInstances", parameters: [
            ParameterSpec("InstanceIds", .list(.string), help: "instance ids (i-…)"),
            ParameterSpec("Filters", filterShape, help: "Name=instance-state-name,Values=running,stopped"),
        ] + EC2Pagination.parameters("5 to 1000"), summary: "Describe instances"),
        OperationSpec(service: "ec2", name: "DescribeInstanceStatus", parameters: [
            ParameterSpec("InstanceIds", .list(.string), help: "instance ids (i-…)"),
            ParameterSpec("IncludeAllInstances", .boolean, help: "all states, not only running instances"),
        ], summary: "System and instance status checks"),
        OperationSpec(service: "ec2", name: "StartInstances", parameters: [instanceIDs], summary: "Start stopped instances"),
        OperationSpec(service: "ec2", name: "StopInstances", parameters: [instanceIDs], summary: "Stop running instances"),
        OperationSpec(service: "ec2", name: "RebootInstances", parameters: [instanceIDs], summary: "Reboot running instances"),
        OperationSpec(service: "ec2", name: "TerminateInstances", parameters: [instanceIDs], summary: "Terminate instances"),
        OperationSpec(service: "ec2", name: "CreateTags", parameters: [
            ParameterSpec("Resources", .list(.string), required: true, help: "instance ids (i-…)"),
            ParameterSpec("Tags", .list(tagShape), required: true, help: "Key=k,Value=v …"),
        ], summary: "Add or overwrite tags"),
        OperationSpec(service: "ec2", name: "DeleteTags", parameters: [
            ParameterSpec("Resources", .list(.string), required: true, help: "instance ids (i-…)"),
            ParameterSpec("Tags", .list(tagShape), help: "Key=k[,Value=v] … (none: every tag)"),
        ], summary: "Remove tags"),
        OperationSpec(service: "ec2", name: "ModifyInstanceAttribute", parameters: [
            ParameterSpec("InstanceId", .string, required: true, help: "the instance (i-…), stopped"),
            ParameterSpec("InstanceType", .structure([("Value", .string)]), help: "Value=c5.xlarge"),
            ParameterSpec("UserData", .structure([("Value", .string)]), help: "Value=<base64>"),
            ParameterSpec("EbsOptimized", .structure([("Value", .boolean)]), help: "Value=true"),
        ], summary: "Change a stopped instance's type, user data or EBS optimization"),
        OperationSpec(service: "ec2", name: "DescribeInstanceAttribute", parameters: [
            ParameterSpec("InstanceId", .string, required: true, help: "the instance (i-…)"),
            ParameterSpec("Attribute", .string, required: true, help: "instanceType|userData|ebsOptimized"),
        ], summary: "One attribute of an instance"),
        OperationSpec(service: "ec2", name: "MonitorInstances", parameters: [instanceIDs], summary: "Turn detailed monitoring on"),
        OperationSpec(service: "ec2", name: "UnmonitorInstances", parameters: [instanceIDs], summary: "Turn detailed monitoring off"),
        OperationSpec(service: "ec2", name: "DescribeInstanceTypes", parameters: [
            ParameterSpec("InstanceTypes", .list(.string), help: "instance type names (none: every type)"),
        ] + EC2Pagination.parameters("5 to 100"), summary: "Describe instance types"),
        OperationSpec(service: "ec2", name: "DescribeSecurityGroups", parameters: [
            ParameterSpec("GroupIds", .list(.string), help: "security group ids (sg-…)"),
            ParameterSpec("GroupNames", .list(.string), help: "security group names (default VPC)"),
            ParameterSpec("Filters", filterShape, help: "Name=group-name,Values=default (group-id, vpc-id, description, owner-id)"),
        ] + EC2Pagination.parameters("5 to 1000"), summary: "Describe security groups"),
        OperationSpec(service: "ec2", name: "DescribeVolumes", parameters: [
            ParameterSpec("VolumeIds", .list(.string), help: "volume ids (vol-…)"),
            ParameterSpec("Filters", filterShape, help: "Name=attachment.instance-id,Values=i-… (volume-id, status, …)"),
        ] + EC2Pagination.parameters("5 to 500"), summary: "Describe EBS volumes"),
    ]

    /// The command language's short form (ARCHITECTURE.md): `--tag-specifications Name=web` means instance tags Name=web.
    @Sendable static func tagsShortForm(_ value: JSONValue) -> JSONValue {
        guard case let .array(items) = value else { return value }
        return .array(items.map { item in
            guard case let .object(pairs) = item, !pairs.contains(where: { $0.0 == "ResourceType" || $0.0 == "Tags" }) else { return item }
            let tags = pairs.map { JSONValue.object([("Key", .string($0.0)), ("Value", $0.1)]) }
            return ["ResourceType": "instance", "Tags": .array(tags)]
        })
    }

    public static let defaultImageID = "ami-0c55b159cbfafe1f0"
    public static let defaultInstanceType = "m1.small"
    public static let defaultZone = "us-east-1a"

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "RunInstances": return try runInstances(RunInstancesInput(p)).json(context: context)
        case "DescribeInstances": return try describeInstances(p)
        case "DescribeInstanceStatus": return try describeInstanceStatusOperation(p)
        case "StartInstances": return try changeStates(p, .start)
        case "StopInstances": return try changeStates(p, .stop)
        case "RebootInstances": return try changeStates(p, .reboot)
        case "TerminateInstances": return try changeStates(p, .terminate)
        case "CreateTags": return try createTagsOperation(p)
        case "DeleteTags": return try deleteTagsOperation(p)
        case "ModifyInstanceAttribute": return try modifyInstanceAttributeOperation(p)
        case "DescribeInstanceAttribute": return try describeInstanceAttributeOperation(p)
        case "MonitorInstances": return try monitorInstances(p, enabled: true)
        case "UnmonitorInstances": return try monitorInstances(p, enabled: false)
        case "DescribeInstanceTypes": return try describeInstanceTypes(p)
        case "DescribeSecurityGroups": return try describeSecurityGroups(p)
        case "DescribeVolumes": return try describeVolumes(p)
        default: throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }
}
