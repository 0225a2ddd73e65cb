/// What intrinsic functions can see while a template is evaluated for one stack.
///
/// Resources are reached through closures, because their values (`Ref`, `Fn::GetAtt`) exist only
/// once the stack engine has created them; parameters, pseudo parameters, mappings and conditions
/// are known from the start.
struct IntrinsicContext {
    var parameters: [String: JSONValue]
    var pseudo: PseudoParameters
    var mappings: JSONValue
    var conditions: [String: Bool]
    var resourceRef: (String) throws(AWSError) -> JSONValue
    var resourceAttribute: (String, String) throws(AWSError) -> JSONValue
    var importValue: (String) throws(AWSError) -> JSONValue
}

/// The `AWS::…` values every template can `Ref`.
public struct PseudoParameters: Sendable {
    public var region: String
    public var accountID: String
    public var stackName: String
    public var stackID: String

    /// Zones `Fn::GetAZs` lists: the default VPC's, in AWS's order.
    var availabilityZones: [String] { DefaultVPC.zones.filter { $0.hasPrefix(region) } }

    func value(_ name: String) -> JSONValue? {
        switch name {
        case "AWS::Region": return .string(region)
        case "AWS::AccountId": return .string(accountID)
        case "AWS::StackName": return .string(stackName)
        case "AWS::StackId": return .string(stackID)
        case "AWS::Partition": return "aws"
        case "AWS::URLSuffix": return "amazonaws.com"
        case "AWS::NotificationARNs": return .array([])
        default: return nil
        }
    }
}
