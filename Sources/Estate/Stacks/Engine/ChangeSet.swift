/// A change set: a proposed update (or creation) of a stack, described before it is executed.
final class ChangeSet {
    let id: String
    let name: String
    let stackID: String
    let stackName: String
    let type: String
    let template: StackTemplate
    let body: String
    let parameters: [(key: String, value: String)]
    let refs: [String: JSONValue]
    let changes: [JSONValue]
    let creationTime: SimInstant
    let description: String?
    var status: String
    var statusReason: String?
    var executionStatus: String

    init(id: String, name: String, stackID: String, stackName: String, type: String, template: StackTemplate, body: String,
         parameters: [(key: String, value: String)], refs: [String: JSONValue], changes: [JSONValue], creationTime: SimInstant,
         description: String?) {
        self.id = id
        self.name = name
        self.stackID = stackID
        self.stackName = stackName
        self.type = type
        self.template = template
        self.body = body
        self.parameters = parameters
        self.refs = refs
        self.changes = changes
        self.creationTime = creationTime
        self.description = description
        if changes.isEmpty {
            status = "FAILED"
            statusReason = "The submitted information didn't contain changes. Submit different information to create a change set."
            executionStatus = "UNAVAILABLE"
        } else {
            status = "CREATE_COMPLETE"
            executionStatus = "AVAILABLE"
        }
    }
}
