import Estate
import Foundation

/// The AWS-compatible endpoint's routing: which protocol and service a request is for, as the
/// SDKs address them on one port (`X-Amz-Target` for JSON services, `Action=` for Query ones),
/// then one operation on the estate, then the answer in that protocol's shape.
///
/// Everything here but `Estate.execute` is a pure translation and runs on the server's threads;
/// only the operation itself goes to the estate's thread.
public final class Gateway: Sendable {
    /// JSON 1.1 services by target prefix (`Kinesis_20131202`).
    let jsonServices: [String: JSONProtocol]
    /// Query services by the name in the signature's credential scope (`ec2`).
    let queryServices: [String: any WireProtocol]
    /// Query services by the `Version` they send, for a request without a signature.
    let queryVersions: [String: String]
    /// S3's REST protocol, for requests that name neither a target nor an action.
    let s3: S3RestProtocol?
    /// The REST services besides S3 (Lambda, OpenSearch, CloudFront), by signing name.
    let restServices: [String: any RestService]
    let ids = RequestIDs()
    /// Checks each request's SigV4 signature when set (`serve --verify-signatures`).
    let verifier: SigV4Verifier?

    /// The JSON 1.1 services an estate service can answer as: estate name → target prefix.
    static let jsonTargets: [(service: String, prefix: String)] = [
        ("kinesis", "Kinesis_20131202"),
        ("redshift-data", "RedshiftData"),
        ("kinesisanalyticsv2", "KinesisAnalytics_20180523"),
    ]

    /// The Query services besides EC2: estate service, the name in the signature's scope, model.
    static let queryModels: [(String, String, WireModel)] = [
        ("redshift", "redshift", WireModel.redshift),
        ("cloudformation", "cloudformation", WireModel.cloudFormation),
    ]

    /// Reads the operations of each service the estate has; call it on the estate's thread.
    /// With a verifier, requests whose signature it refuses get AWS's authentication errors.
    public init(estate: Estate, verifier: SigV4Verifier? = nil) {
        self.verifier = verifier
        var json: [String: JSONProtocol] = [:]
        for (service, prefix) in Self.jsonTargets {
            guard let s = estate.service(named: service) else { continue }
            json[prefix] = JSONProtocol(service: service, operations: Dictionary(s.operations.map { ($0.name, $0) }) { a, _ in a },
                                        targetPrefix: prefix)
        }
        jsonServices = json
        var query: [String: any WireProtocol] = [:]
        var versions: [String: String] = [:]
        if let ec2 = estate.service(named: "ec2") {
            let model = WireModel.ec2
            query["ec2"] = EC2QueryProtocol(service: "ec2", operations: Set(ec2.operations.map(\.name)), model: model)
            versions[model.version] = "ec2"
        }
        // Query services with the common dialect: (estate service, signing name, model).
        for (service, signingName, model) in Self.queryModels {
            guard let s = estate.service(named: service) else { continue }
            query[signingName] = QueryProtocol(service: service, operations: Set(s.operations.map(\.name)).intersection(model.operations.keys),
                                               model: model, namespace: "http://\(signingName).amazonaws.com/doc/\(model.version)/")
            versions[model.version] = signingName
        }
        queryServices = query
        queryVersions = versions
        s3 = estate.service(named: "s3api").map { S3RestProtocol(service: $0.serviceName) }
        var rest: [String: any RestService] = [:]
        for (service, signingName, model) in Self.restJSONModels {
            guard let s = estate.service(named: service) else { continue }
            rest[signingName] = RestJSONProtocol(service: service, signingName: signingName, model: model, operations: s.operations)
        }
        if let s = estate.service(named: "cloudfront") {
            rest["cloudfront"] = RestXMLProtocol(service: "cloudfront", model: WireModel.cloudFront, operations: s.operations)
        }
        restServices = rest
    }

    /// The REST-JSON services: estate service, the name in the signature's scope, model.
    static let restJSONModels: [(String, String, WireModel)] = [
        ("lambda", "lambda", WireModel.lambda),
        ("opensearch", "es", WireModel.openSearch),
    ]

    /// The services this endpoint answers for, for the startup line.
    public var serviceNames: [String] {
        (jsonServices.values.map(\.service) + queryServices.keys + (s3 == nil ? [] : ["s3"]) + restServices.values.map(\.service)).sorted()
    }

    enum Route {
        case run(OperationRequest, any WireProtocol)
        case answer(WireResponse)
    }

    func route(_ request: WireRequest, requestID: String) -> Route {
        if let target = request.header("x-amz-target") {
            let prefix = String(target.prefix { $0 != "." })
            guard let proto = jsonServices[prefix] else {
                let error = AWSError("UnknownOperationException",
                                     "No service here answers X-Amz-Target \(target); this endpoint serves \(jsonServices.keys.sorted().joined(separator: ", ")).")
                return .answer(JSONProtocol(service: "", operations: [:], targetPrefix: prefix).encode(error, operation: nil, request: request, requestID: requestID))
            }
            return decoded(proto, request, requestID: requestID)
        }
        let form = FormBody.parse(request.query) + (request.method == "POST" ? FormBody.parse(request.bodyText) : [])
        if form.contains(where: { $0.0 == "Action" }) {
            let version = form.last { $0.0 == "Version" }?.1
            let name = request.signedService ?? version.flatMap { queryVersions[$0] }
            guard let name, let proto = queryServices[name] else {
                let error = AWSError("InvalidAction", "No Query service here for \(name ?? "this request") (API version \(version ?? "none")); this endpoint serves \(queryServices.keys.sorted().joined(separator: ", ")).")
                return .answer(Self.queryError(error, requestID: requestID))
            }
            return decoded(proto, request, requestID: requestID)
        }
        // The other REST services by their signature's scope, or, unsigned, by their paths.
        if let proto = restService(for: request) {
            return decoded(proto, request, requestID: requestID)
        }
        // S3 is addressed by method and path alone (path-style: /bucket/key).
        if let s3, request.signedService == nil || request.signedService == "s3" {
            return decoded(s3, request, requestID: requestID)
        }
        let error = AWSError("UnknownOperationException",
                             "cloudtop's endpoint could not tell which service \(request.method) \(request.path) is for: JSON services are named by the X-Amz-Target header and Query services by an Action parameter.")
        if request.header("content-type")?.contains("json") == true {
            return .answer(JSONProtocol(service: "", operations: [:], targetPrefix: "").encode(error, operation: nil, request: request, requestID: requestID))
        }
        return .answer(Self.queryError(error, requestID: requestID))
    }

    private func restService(for request: WireRequest) -> (any RestService)? {
        if let name = request.signedService { return restServices[name] }
        return restServices.keys.sorted().lazy.compactMap { self.restServices[$0] }.first { $0.routes.owns(request) }
    }

    private func decoded(_ proto: any WireProtocol, _ request: WireRequest, requestID: String) -> Route {
        if let refusal = signatureRefusal(proto, request, requestID: requestID) { return .answer(refusal) }
        switch proto.decode(request) {
        case let .success(operation): return .run(operation, proto)
        case let .failure(error): return .answer(proto.encode(error, operation: nil, request: request, requestID: requestID))
        }
    }

    /// An error for a request no Query service claimed, in the Query protocols' common shape.
    static func queryError(_ error: AWSError, requestID: String) -> WireResponse {
        let node = XMLNode.element([
            ("Errors", .element([("Error", .element([("Code", .text(error.code)), ("Message", .text(error.message))]))])),
            ("RequestID", .text(requestID)),
        ])
        return WireResponse(status: ErrorStatus.of(error.code), headers: [("Content-Type", "text/xml;charset=UTF-8")],
                            body: Array(node.document(root: "Response", namespace: nil).utf8))
    }

    private func answer(_ result: Result<JSONValue, AWSError>, _ operation: OperationRequest, _ proto: any WireProtocol,
                        request: WireRequest, requestID: String) -> WireResponse {
        switch result {
        case let .success(value): return proto.encode(value, for: operation, request: request, requestID: requestID)
        case let .failure(error): return proto.encode(error, operation: operation.operation, request: request, requestID: requestID)
        }
    }

    /// Answers on the calling thread, running the operation with `execute` (tests, and the
    /// estate's own thread).
    public func respond(to request: WireRequest, execute: (OperationRequest) -> Result<JSONValue, AWSError>) -> WireResponse {
        let id = ids.next()
        switch route(request, requestID: id) {
        case let .answer(response): return response
        case let .run(operation, proto): return answer(execute(operation), operation, proto, request: request, requestID: id)
        }
    }

    /// Answers from a server thread: the operation runs on the estate's thread via the mailbox,
    /// and the call is published on the estate's bus for the Events view.
    public func respond(to request: WireRequest, mailbox: EstateMailbox) async -> WireResponse {
        let start = ContinuousClock.now
        let id = ids.next()
        switch route(request, requestID: id) {
        case let .answer(response):
            let error = Self.errorCode(response)
            mailbox.post { estate in
                estate.bus.publish(APICallEvent(service: "endpoint", operation: "\(request.method) \(request.path)", status: response.status,
                                                errorCode: error, latencyMicroseconds: APICallEvent.microseconds(since: start)))
            }
            return response
        case let .run(operation, proto):
            let result = await mailbox.perform { estate in
                let result = estate.execute(operation)
                var status = 200, code: String?
                if case let .failure(error) = result { status = ErrorStatus.of(error.code); code = error.code }
                estate.bus.publish(APICallEvent(service: operation.service, operation: operation.operation, status: status,
                                                errorCode: code, latencyMicroseconds: APICallEvent.microseconds(since: start)))
                return result
            }
            return answer(result, operation, proto, request: request, requestID: id)
        }
    }

    /// The error code of an answer made before any operation ran, from its header or body.
    static func errorCode(_ response: WireResponse) -> String? {
        guard response.status >= 400 else { return nil }
        if let type = response.header("x-amzn-ErrorType") { return type }
        let text = response.bodyText
        guard let open = text.range(of: "<Code>"), let close = text.range(of: "</Code>", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}

/// Request ids in AWS's UUID layout from a counter: unique per run and the same from run to run.
final class RequestIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var count: UInt64 = 0

    func next() -> String {
        lock.lock()
        count += 1
        let n = count
        lock.unlock()
        let hex = String(n, radix: 16)
        return "c10d7009-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
