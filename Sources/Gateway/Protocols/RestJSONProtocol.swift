import Estate
import Foundation

/// AWS's REST-JSON protocol (Lambda, OpenSearch): the method and the path name the operation,
/// some members travel in the path, the query string or headers, the rest as a JSON body.
/// Errors are named by the `x-amzn-ErrorType` header, with the HTTP status from the service's
/// model.
struct RestJSONProtocol: RestService {
    /// The estate's service (`lambda`).
    let service: String
    /// The name SDKs sign requests for (`lambda`, `es` for OpenSearch).
    let signingName: String
    let routes: RestRoutes
    let operations: [String: OperationSpec]
    /// Lambda writes its error message as `Message` beside `"Type": "User"`; OpenSearch as
    /// `message`. botocore reads either, other clients read what the service writes.
    let lambdaStyleErrors: Bool
    /// Success statuses where the service departs from its model (see `init`).
    let statusOverrides: [String: Int]

    init(service: String, signingName: String, model: WireModel, operations: [OperationSpec]) {
        self.service = service
        self.signingName = signingName
        let specs = Dictionary(operations.map { ($0.name, $0) }) { a, _ in a }
        self.operations = specs
        routes = RestRoutes(model: model, operations: Set(specs.keys))
        lambdaStyleErrors = service == "lambda"
        // Lambda's model gives DeleteFunction no status (so 200), but the service answers
        // 204 No Content, as its API reference shows.
        statusOverrides = service == "lambda" ? ["DeleteFunction": 204] : [:]
    }

    static let contentType = "application/json"

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        guard let (route, labels) = routes.match(request) else {
            return .failure(AWSError("UnknownOperationException",
                                     "\(request.method) \(request.path) is not a \(service) operation this endpoint simulates."))
        }
        let spec = operations[route.name]
        var body: JSONValue = .object([])
        if let member = rawPayloadMember(route.name, input: true) {
            // The body is that one member's bytes (Invoke's event), not a JSON object of members.
            if !request.body.isEmpty { body = [member: .string(Data(request.body).base64EncodedString())] }
        } else if !request.body.allSatisfy(JSONParser.isWhitespace) {
            do { body = try JSONParser.parse(utf8: request.body) } catch {
                return .failure(AWSError(badBodyCode, "The request body is not valid JSON at offset \(error.offset): \(error.message)."))
            }
        }
        guard case let .object(pairs) = body else {
            return .failure(AWSError(badBodyCode, "The request body must be a JSON object."))
        }
        do {
            let located = try routes.located(route, labels: labels, request: request, spec: spec)
            // A member in the path wins over one of the same name in the body, as in AWS.
            var merged = JSONValue.object(pairs.filter { key, _ in !located.contains { $0.0 == key } } + located)
            if lambdaStyleErrors { merged = try ZipArchive.unpackLambdaCode(merged, operation: route.name) }
            let parameters = try WireShapes.fromWire(merged, members: (spec?.parameters ?? []).map { ($0.member, $0.shape) }, path: "")
            return .success(OperationRequest(service: service, operation: route.name, parameters: parameters))
        } catch {
            if error.code == "SerializationException" { return .failure(AWSError(badBodyCode, error.message)) }
            return .failure(error)
        }
    }

    /// The member that travels as the whole body, raw, when the operation has one (Invoke's
    /// `Payload` both ways); nil when the body is a JSON object of members.
    func rawPayloadMember(_ operation: String, input: Bool) -> String? {
        guard let shapes = routes.model.operations[operation], let shape = input ? shapes.input : shapes.output else { return nil }
        return routes.model.payloads[shape]
    }

    /// The code for a body the service cannot read.
    var badBodyCode: String { lambdaStyleErrors ? "InvalidRequestContentException" : "ValidationException" }

    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse {
        let route = routes.match(request)?.route
        let name = route?.name ?? operation.operation
        let (located, body) = routes.headers(value, output: routes.model.operations[name]?.output)
        var status = statusOverrides[name] ?? route?.status ?? 200
        // A member the model places in the status line (Invoke's StatusCode: 200, 202 or 204).
        if let output = routes.model.operations[name]?.output,
           let place = routes.model.locations[output]?.first(where: { $0.location == "statusCode" }),
           let code = value[place.member]?.intValue {
            status = Int(code)
        }
        let headers = [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID)] + located
        if status == 204 { return WireResponse(status: status, headers: headers, body: []) }
        if let member = rawPayloadMember(name, input: false) {
            return WireResponse(status: status, headers: headers, body: Array((value[member]?.stringValue ?? "").utf8))
        }
        return WireResponse(status: status, headers: headers, body: Array(JSONProtocol.dropNulls(body).serialized().utf8))
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let body: JSONValue = lambdaStyleErrors
            ? ["Type": .string(routes.status(of: error.code) >= 500 ? "Service" : "User"), "Message": .string(error.message)]
            : ["message": .string(error.message)]
        return WireResponse(status: routes.status(of: error.code),
                            headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID), ("x-amzn-ErrorType", error.code)],
                            body: Array(body.serialized().utf8))
    }
}
