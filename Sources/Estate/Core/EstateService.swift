/// What a simulated service gets from the estate: time, its own randomness, and the bus.
public struct ServiceContext {
    public let scheduler: Scheduler
    public let bus: EventBus
    public var random: SeededRandom
    /// The account and region every ARN and endpoint in the estate uses.
    public let accountID: String
    public let region: String
}

/// One simulated AWS service: its operations and its part of the state dump.
///
/// Every service folder has the same shape (model, operations, events, metrics) and plugs into
/// the estate through this protocol, so the command language, the palette and the dump find new
/// services without changes of their own.
public protocol EstateService: AnyObject {
    /// The AWS CLI's service name: `ec2`, `kinesis`.
    var serviceName: String { get }
    /// The key of this service in the state dump: `EC2`, `Kinesis`.
    var dumpKey: String { get }
    var operations: [OperationSpec] { get }
    /// Runs one operation by its AWS name (`RunInstances`).
    func perform(_ operation: String, _ parameters: Parameters) throws(AWSError) -> JSONValue
    /// This service's state in AWS shapes, in a stable order.
    func dump() -> JSONValue
}
