/// A stack event on the bus: every status change of a stack or one of its resources.
public struct StacksEvent: ServiceEvent {
    public let stackName: String
    public let stackID: String
    public let event: StackEvent

    public var service: String { "cloudformation" }
    public var name: String { event.resourceType == "AWS::CloudFormation::Stack" ? "StackStatusChanged" : "StackResourceStatusChanged" }
    public var resourceID: String? { stackName }
    public var summary: String {
        let who = event.resourceType == "AWS::CloudFormation::Stack" ? "stack \(stackName)" : "\(stackName)/\(event.logicalID)"
        return "\(who) \(event.status)" + (event.reason.map { ": \($0)" } ?? "")
    }
    public var detail: JSONValue { StacksJSON.event(event, stackName: stackName, stackID: stackID) }
}
