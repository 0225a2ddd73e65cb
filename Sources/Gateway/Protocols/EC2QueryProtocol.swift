import Estate

/// The EC2 Query protocol: a form body with `Action=RunInstances&Version=2016-11-15&…`, lists
/// flattened as `InstanceId.1`, `Filter.1.Value.1`, and XML answers named after the model's
/// `locationName`s, with a `requestId`. Errors are `<Response><Errors><Error>…`.
struct EC2QueryProtocol: WireProtocol {
    let service: String
    let operations: Set<String>
    let model: WireModel

    static let contentType = "text/xml;charset=UTF-8"
    var namespace: String { "http://ec2.amazonaws.com/doc/\(model.version)/" }

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        var pairs = FormBody.parse(request.query)
        if request.method == "POST" { pairs += FormBody.parse(request.bodyText) }
        let form = FormTree(pairs: pairs.filter { $0.0 != "Action" && $0.0 != "Version" })
        guard let action = pairs.last(where: { $0.0 == "Action" })?.1, !action.isEmpty else {
            return .failure(AWSError("MissingAction", "The request must contain the parameter Action."))
        }
        guard operations.contains(action), let shapes = model.operations[action] else {
            return .failure(AWSError("InvalidAction", "The action \(action) is not valid for this web service."))
        }
        var parameters: JSONValue = .object([])
        if let input = shapes.input {
            do {
                parameters = try decode(form, shape: input, path: "")
            } catch {
                return .failure(error)
            }
        }
        if parameters["DryRun"] == .bool(true) {
            // AWS checks permissions only; the simulator grants every one.
            return .failure(AWSError("DryRunOperation", "Request would have succeeded, but DryRun flag is set."))
        }
        return .success(OperationRequest(service: service, operation: action, parameters: parameters))
    }

    /// The name a member travels under in a request (botocore's EC2 serializer).
    static func queryName(_ member: WireModel.Member) -> String {
        if let q = member.queryName { return q }
        if let l = member.locationName, let first = l.first { return first.uppercased() + l.dropFirst() }
        return member.name
    }

    private func decode(_ node: FormTree, shape name: String, path: String) throws(AWSError) -> JSONValue {
        guard let shape = model.shapes[name] else { return node.value.map(JSONValue.string) ?? .null }
        switch shape {
        case let .structure(members):
            var out: [(String, JSONValue)] = []
            for member in members {
                guard let child = node.children[Self.queryName(member)] else { continue }
                out.append((member.name, try decode(child, shape: member.shape, path: path.isEmpty ? member.name : "\(path).\(member.name)")))
            }
            return .object(out)
        case let .list(element, _, _):
            // Items are numbered from 1; their order is the numbers', not the order they came in.
            let items = node.children.compactMap { key, child in Int(key).map { ($0, child) } }.sorted { $0.0 < $1.0 }
            var out: [JSONValue] = []
            for (i, child) in items { out.append(try decode(child, shape: element, path: "\(path).\(i)")) }
            return .array(out)
        case .map:
            var out: [(String, JSONValue)] = []
            for key in node.children.keys.sorted() { out.append((key, .string(node.children[key]?.value ?? ""))) }
            return .object(out)
        case let .scalar(type):
            let text = node.value ?? ""
            switch type {
            case "integer", "long":
                guard let i = Int64(text) else { throw AWSError("InvalidParameterValue", "Value (\(text)) for parameter \(path) is invalid. Expected an integer.") }
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
        var children: [(String, XMLNode)] = [("requestId", .text(requestID))]
        if let output = model.operations[operation.operation]?.output {
            var dropped: [String] = []
            if case let .element(members) = XMLAnswer(model: model).node(value, shape: output, path: "", dropped: &dropped) {
                children += members
            }
        } else {
            children.append(("return", .text("true")))
        }
        let xml = XMLNode.element(children).document(root: "\(operation.operation)Response", namespace: namespace)
        return WireResponse(status: 200, headers: [("Content-Type", Self.contentType)], body: Array(xml.utf8))
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let node = XMLNode.element([
            ("Errors", .element([("Error", .element([("Code", .text(error.code)), ("Message", .text(error.message))]))])),
            ("RequestID", .text(requestID)),
        ])
        let status = error.code == "DryRunOperation" ? 412 : ErrorStatus.of(error.code)
        return WireResponse(status: status, headers: [("Content-Type", Self.contentType)],
                            body: Array(node.document(root: "Response", namespace: nil).utf8))
    }
}

/// Dotted form keys (`Filter.1.Value.2`) as a tree.
struct FormTree {
    var value: String?
    var children: [String: FormTree] = [:]

    init(value: String? = nil) { self.value = value }

    init(pairs: [(String, String)]) {
        for (key, value) in pairs { insert(key.split(separator: ".").map(String.init)[...], value) }
    }

    private mutating func insert(_ path: ArraySlice<String>, _ text: String) {
        guard let first = path.first else { value = text; return }
        children[first, default: FormTree()].insert(path.dropFirst(), text)
    }
}

/// The estate's JSON written as a Query protocol's XML, element names from the model.
struct XMLAnswer {
    let model: WireModel

    /// `dropped` collects members the model has no place for (a test keeps it empty).
    func node(_ value: JSONValue, shape name: String, path: String, dropped: inout [String]) -> XMLNode {
        switch (model.shapes[name], value) {
        case let (.structure(members)?, .object(pairs)):
            var children: [(String, XMLNode)] = []
            for (key, item) in pairs where item != .null {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard let member = members.first(where: { $0.name == key }) else {
                    dropped.append(memberPath)
                    continue
                }
                let elementName = member.locationName ?? member.name
                let child = node(item, shape: member.shape, path: memberPath, dropped: &dropped)
                if member.flattened, case let .element(items) = child {
                    // A flattened list repeats the member's own element instead of wrapping items.
                    children += items.map { (elementName, $0.1) }
                } else {
                    children.append((elementName, child))
                }
            }
            return .element(children)
        case let (.list(element, itemName, _)?, .array(items)):
            return .element(items.enumerated().map { i, item in
                (itemName ?? "member", node(item, shape: element, path: "\(path)[\(i)]", dropped: &dropped))
            })
        case let (.map(_, valueShape)?, .object(pairs)):
            return .element(pairs.map { key, item in
                ("entry", .element([("key", .text(key)), ("value", node(item, shape: valueShape, path: "\(path).\(key)", dropped: &dropped))]))
            })
        default:
            return .text(Self.text(value))
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        case .null: return ""
        default: return value.serialized()
        }
    }
}
