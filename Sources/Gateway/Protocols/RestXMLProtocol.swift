import Estate
import Foundation

/// AWS's REST-XML protocol for CloudFront: the method and path name the operation, a
/// structure travels as the whole XML body (its `payload`, like `DistributionConfig`), some
/// members as headers (`ETag`, `If-Match`, `Location`), and errors as `<ErrorResponse>`.
struct RestXMLProtocol: RestService {
    /// The estate's service (`cloudfront`).
    let service: String
    let routes: RestRoutes
    let operations: [String: OperationSpec]
    let namespace: String

    /// Wire operations that are a view of an estate operation's answer: GetDistributionConfig
    /// is GetDistribution's `DistributionConfig` with the same ETag, so it runs that one.
    static let views: [String: (operation: String, project: @Sendable (JSONValue) -> JSONValue)] = [
        "GetDistributionConfig": ("GetDistribution", { value in
            .object([("ETag", value["ETag"] ?? .null), ("DistributionConfig", value["Distribution"]?["DistributionConfig"] ?? .null)])
        }),
    ]

    init(service: String, model: WireModel, operations: [OperationSpec]) {
        self.service = service
        let specs = Dictionary(operations.map { ($0.name, $0) }) { a, _ in a }
        self.operations = specs
        let routed = Set(specs.keys).union(Self.views.filter { specs[$0.value.operation] != nil }.keys)
        routes = RestRoutes(model: model, operations: routed)
        namespace = "http://\(service).amazonaws.com/doc/\(model.version)/"
    }

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        guard let (route, labels) = routes.match(request) else {
            return .failure(AWSError("InvalidArgument", "\(request.method) \(request.path) is not a \(service) operation this endpoint simulates."))
        }
        let operation = Self.views[route.name]?.operation ?? route.name
        do throws(AWSError) {
            var parameters = try routes.located(route, labels: labels, request: request, spec: operations[operation])
            if let input = routes.model.operations[route.name]?.input, let payload = routes.model.payloads[input] {
                guard !request.body.isEmpty else { throw AWSError("MissingBody", "This operation requires a body. Ensure that the body is present and the Content-Type header is set.") }
                guard case let .structure(members)? = routes.model.shapes[input],
                      let member = members.first(where: { $0.name == payload }) else { throw AWSError("InternalError", "No payload shape for \(route.name).") }
                parameters.append((payload, try XMLInput(model: routes.model).parse(request.body, shape: member.shape)))
            }
            return .success(OperationRequest(service: service, operation: operation, parameters: .object(parameters)))
        } catch {
            return .failure(error)
        }
    }

    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse {
        let route = routes.match(request)?.route
        let name = route?.name ?? operation.operation
        let answer = Self.views[name].map { $0.project(value) } ?? value
        let output = routes.model.operations[name]?.output
        let (located, body) = routes.headers(answer, output: output)
        let status = route?.status ?? 200
        var headers = [("x-amzn-RequestId", requestID)] + located
        guard let output, let payload = routes.model.payloads[output], let item = body[payload], item != .null,
              case let .structure(members)? = routes.model.shapes[output],
              let member = members.first(where: { $0.name == payload }) else {
            return WireResponse(status: status, headers: headers, body: [])
        }
        var dropped: [String] = []
        let node = XMLAnswer(model: routes.model).node(item, shape: member.shape, path: payload, dropped: &dropped)
        headers.append(("Content-Type", "text/xml"))
        return WireResponse(status: status, headers: headers, body: Array(node.document(root: member.locationName ?? member.shape, namespace: namespace).utf8))
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let status = routes.status(of: error.code)
        let node = XMLNode.element([
            ("Error", .element([("Type", .text(status >= 500 ? "Receiver" : "Sender")), ("Code", .text(error.code)), ("Message", .text(error.message))])),
            ("RequestId", .text(requestID)),
        ])
        return WireResponse(status: status, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestID)],
                            body: Array(node.document(root: "ErrorResponse", namespace: namespace).utf8))
    }
}
