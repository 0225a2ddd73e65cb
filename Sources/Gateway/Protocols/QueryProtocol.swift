import Estate

/// AWS's Query protocol as Redshift and CloudFormation speak it (botocore's `query` serializer
/// and parser): a form body `Action=DescribeClusters&Version=2012-12-01&…` whose lists travel as
/// `Parameters.member.1.ParameterKey` (or the item's own name), maps as `Tags.entry.1.key`;
/// answers `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId>…`; errors
/// `<ErrorResponse><Error><Type>Sender</Type><Code>…`, with the model's HTTP status.
///
/// EC2's dialect of Query (flattened lists, `requestId`) is `EC2QueryProtocol`.
struct QueryProtocol: WireProtocol {
    let service: String
    let operations: Set<String>
    let model: WireModel
    let namespace: String

    static let contentType = "text/xml"

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        var pairs = FormBody.parse(request.query)
        if request.method == "POST" { pairs += FormBody.parse(request.bodyText) }
        guard let action = pairs.last(where: { $0.0 == "Action" })?.1, !action.isEmpty else {
            return .failure(AWSError("MissingAction", "The request must contain the parameter Action."))
        }
        guard operations.contains(action), let shapes = model.operations[action] else {
            return .failure(AWSError("InvalidAction", "The action \(action) is not valid for this web service."))
        }
        let form = FormTree(pairs: pairs.filter { $0.0 != "Action" && $0.0 != "Version" })
        var parameters: JSONValue = .object([])
        if let input = shapes.input {
            do { parameters = try decode(form, shape: input, path: "") } catch { return .failure(error) }
        }
        return .success(OperationRequest(service: service, operation: action, parameters: parameters))
    }

    private func decode(_ node: FormTree, shape name: String, path: String) throws(AWSError) -> JSONValue {
        guard let shape = model.shapes[name] else { return node.value.map(JSONValue.string) ?? .null }
        switch shape {
        case let .structure(members):
            var out: [(String, JSONValue)] = []
            for member in members {
                guard let child = node.children[member.locationName ?? member.name] else { continue }
                out.append((member.name, try decode(child, shape: member.shape, path: path.isEmpty ? member.name : "\(path).\(member.name)")))
            }
            return .object(out)
        case let .list(element, itemName, flattened):
            // `List.member.1`, or `List.1` when flattened; an empty list is sent as `List=`.
            let holder = flattened ? node : node.children[itemName ?? "member"] ?? FormTree()
            let items = holder.children.compactMap { key, child in Int(key).map { ($0, child) } }.sorted { $0.0 < $1.0 }
            var out: [JSONValue] = []
            for (i, child) in items { out.append(try decode(child, shape: element, path: "\(path).\(i)")) }
            return .array(out)
        case let .map(_, valueShape):
            let entries = (node.children["entry"] ?? FormTree()).children
                .compactMap { key, child in Int(key).map { ($0, child) } }.sorted { $0.0 < $1.0 }
            var out: [(String, JSONValue)] = []
            for (_, entry) in entries {
                guard let key = entry.children["key"]?.value else { continue }
                out.append((key, try decode(entry.children["value"] ?? FormTree(), shape: valueShape, path: "\(path).\(key)")))
            }
            return .object(out)
        case let .scalar(type):
            let text = node.value ?? ""
            switch type {
            case "integer", "long":
                guard let i = Int64(text) else {
                    throw AWSError("InvalidParameterValue", "Value (\(text)) for parameter \(path) is invalid. Expected an integer.")
                }
                return .int(i)
            case "boolean":
                guard text == "true" || text == "false" else {
                    throw AWSError("InvalidParameterValue", "Value (\(text)) for parameter \(path) is invalid. Expected true or false.")
                }
                return .bool(text == "true")
            default:
                return .string(text)
            }
        }
    }

    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse {
        var children: [(String, XMLNode)] = []
        if let shapes = model.operations[operation.operation], let output = shapes.output, let wrapper = shapes.result {
            var dropped: [String] = []
            children.append((wrapper, XMLAnswer(model: model).node(value, shape: output, path: "", dropped: &dropped)))
        }
        children.append(("ResponseMetadata", .element([("RequestId", .text(requestID))])))
        let xml = XMLNode.element(children).document(root: "\(operation.operation)Response", namespace: namespace)
        return WireResponse(status: 200, headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID)], body: Array(xml.utf8))
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let status = model.errorStatus[error.code] ?? ErrorStatus.of(error.code)
        let node = XMLNode.element([
            ("Error", .element([("Type", .text(status >= 500 ? "Receiver" : "Sender")), ("Code", .text(error.code)), ("Message", .text(error.message))])),
            ("RequestId", .text(requestID)),
        ])
        return WireResponse(status: status, headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID)],
                            body: Array(node.document(root: "ErrorResponse", namespace: namespace).utf8))
    }
}
