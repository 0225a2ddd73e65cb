/// How one AWS resource type is created, checked, changed and removed by a stack.
///
/// Every provisioner works through the same operations the command language uses
/// (`ProvisioningContext.execute`), so a stack's instance is an ordinary instance and shows up in
/// every view. Adding a type is adding one file with one of these and listing it in
/// `ProvisionerRegistry`.
protocol ResourceProvisioner: Sendable {
    /// `AWS::EC2::Instance`.
    var resourceType: String { get }

    /// The bus events (`service/Name`) that mean a resource of this type may have moved on, so
    /// running stacks look again; the engine has no timer of its own.
    var stateEvents: Set<String> { get }

    /// Starts creating the resource; returns its physical id. Readiness comes later, via `state`.
    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String

    /// Changes a resource in place; only called when no changed property requires replacement.
    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError)

    /// Starts removing the resource. A resource already gone is not an error.
    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError)

    /// One poll in virtual time: where the resource stands as its own service reports it, taking
    /// the next step towards `desired` when the service is ready for it (a stream's retention can
    /// change only once it is ACTIVE). `desired` is nil while deleting.
    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState

    /// The `Fn::GetAtt` names the type answers, checked when a template is validated.
    var attributes: [String] { get }

    /// `Fn::GetAtt` values, as the AWS resource reference documents them.
    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue

    /// Whether changing `property` replaces the resource (AWS's "Update requires").
    func replacement(for property: String) -> UpdateRequirement

    /// The template properties as the resource has them now, for drift detection; nil if it is gone.
    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue?

    /// What drift compares the resource against, from the properties the stack last applied.
    func expectedProperties(_ applied: JSONValue) -> JSONValue
}

extension ResourceProvisioner {
    /// `Ref` gives the physical id for every type this engine knows (instance id, stream name).
    func ref(_ physicalID: String) -> JSONValue { .string(physicalID) }
}

/// A resource's progress as seen by polling its own service.
enum ProvisionedState: Equatable {
    case inProgress
    case ready
    case gone
    case failed(String)
}

/// AWS's "Update requires" classes, as change sets report them in `RequiresRecreation`.
enum UpdateRequirement: String {
    /// "No interruption" or "Some interruptions": updated in place.
    case never = "Never"
    /// "Replacement".
    case always = "Always"
    case conditionally = "Conditionally"
}

/// What a provisioner may use: the estate's operations, and names for the stack's resources.
struct ProvisioningContext {
    let stackName: String
    let logicalID: String
    let region: String
    let accountID: String
    let execute: (OperationRequest) -> Result<JSONValue, AWSError>
    /// Suffixes for generated physical names, from the stacks service's seeded generator.
    let randomSuffix: () -> String
    /// The resource's `Metadata.cloudtop`, for what must be given at creation (an instance's workload).
    var simulation = SimulationMetadata()

    func run(_ service: String, _ operation: String, _ parameters: JSONValue) throws(AWSError) -> JSONValue {
        switch execute(OperationRequest(service: service, operation: operation, parameters: parameters)) {
        case let .success(value): return value
        case let .failure(error): throw error
        }
    }

    /// CloudFormation's generated physical name: `<stack>-<LogicalId>-<RANDOM>`, cut to `limit`.
    func generatedName(limit: Int = 128) -> String {
        let suffix = randomSuffix()
        let head = "\(stackName)-\(logicalID)"
        let room = max(1, limit - suffix.count - 1)
        return String(head.prefix(room)) + "-" + suffix
    }
}

/// The provisioners by type: the one place that says which resource types stacks can deploy.
enum ProvisionerRegistry {
    static let all: [any ResourceProvisioner] = [EC2InstanceProvisioner(), KinesisStreamProvisioner(), S3BucketProvisioner(),
                                                RedshiftClusterProvisioner(), FlinkApplicationProvisioner(), OpenSearchDomainProvisioner(),
                                                LambdaFunctionProvisioner(), LambdaVersionProvisioner(), CloudFrontDistributionProvisioner()]

    static func provisioner(for type: String) -> (any ResourceProvisioner)? {
        all.first { $0.resourceType == type }
    }

    static var supportedTypes: [String] { all.map(\.resourceType) }

    static let stateEvents: Set<String> = all.reduce(into: []) { $0.formUnion($1.stateEvents) }
}
