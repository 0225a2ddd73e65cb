import Estate
import Foundation

/// AWS's JSON 1.1 protocol (Kinesis, the Redshift Data API): `POST /` with
/// `X-Amz-Target: <prefix>.<Operation>` and the input as a JSON object in the API's member names.
///
/// The command language already takes these very shapes, so the body becomes the operation's
/// parameters with two wire details undone: blobs travel as base64, and timestamps as epoch
/// seconds where the command language takes text.
struct JSONProtocol: WireProtocol {
    /// The estate's service (`kinesis`).
    let service: String
    /// The operations the estate has for it, by AWS name.
    let operations: [String: OperationSpec]
    /// The target prefix SDKs send (`Kinesis_20131202`), to name unknown operations in errors.
    let targetPrefix: String

    static let contentType = "application/x-amz-json-1.1"

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        let target = request.header("x-amz-target") ?? ""
        let name = target.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        guard let spec = operations[name] else {
            return .failure(AWSError("UnknownOperationException",
                                     "Operation \(target.isEmpty ? "(no X-Amz-Target)" : target) is not supported by this endpoint's \(service) service."))
        }
        let body: JSONValue
        if request.body.allSatisfy(JSONParser.isWhitespace) {
            body = .object([])
        } else {
            do {
                body = try JSONParser.parse(utf8: request.body)
            } catch {
                return .failure(AWSError("SerializationException", "The request body is not valid JSON at offset \(error.offset): \(error.message)."))
            }
        }
        guard case .object = body else {
            return .failure(AWSError("SerializationException", "The request body must be a JSON object."))
        }
        do {
            let parameters = try WireShapes.fromWire(body, members: spec.parameters.map { ($0.member, $0.shape) }, path: "")
            return .success(OperationRequest(service: service, operation: name, parameters: parameters))
        } catch {
            return .failure(error)
        }
    }

    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse {
        WireResponse(status: 200, headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID)],
                     body: Array(Self.dropNulls(value).serialized().utf8))
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let body: JSONValue = ["__type": .string(error.code), "message": .string(error.message)]
        return WireResponse(status: ErrorStatus.of(error.code),
                            headers: [("Content-Type", Self.contentType), ("x-amzn-RequestId", requestID),
                                      ("x-amzn-ErrorType", error.code)],
                            body: Array(body.serialized().utf8))
    }

    /// AWS leaves absent members out rather than writing null; SDKs read either, but a null
    /// where a structure belongs trips stricter clients.
    static func dropNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(pairs): return .object(pairs.filter { $0.1 != .null }.map { ($0.0, dropNulls($0.1)) })
        case let .array(items): return .array(items.map(dropNulls))
        default: return value
        }
    }
}

/// Turning wire values into the values the operations take, guided by their parameter shapes.
enum WireShapes {
    static func fromWire(_ value: JSONValue, members: [(member: String, shape: ParameterShape)], path: String) throws(AWSError) -> JSONValue {
        guard case let .object(pairs) = value else { return value }
        var out: [(String, JSONValue)] = []
        for (key, item) in pairs {
            if let shape = members.first(where: { $0.member == key })?.shape {
                out.append((key, try fromWire(item, shape: shape, path: path.isEmpty ? key : "\(path).\(key)")))
            } else {
                out.append((key, item))
            }
        }
        return .object(out)
    }

    static func fromWire(_ value: JSONValue, shape: ParameterShape, path: String) throws(AWSError) -> JSONValue {
        switch (shape, value) {
        case let (.blob, .string(text)):
            guard let data = Data(base64Encoded: text) else {
                throw AWSError("SerializationException", "\(path): blobs travel as base64, and this is not base64.")
            }
            return Parameters.blobValue(Array(data), base64: text)
        case (.string, .int), (.string, .double):
            // Timestamps: the SDKs send epoch seconds as a number; the operations read text.
            return .string(value.serialized())
        case let (.list(element), .array(items)):
            var out: [JSONValue] = []
            for (i, item) in items.enumerated() { out.append(try fromWire(item, shape: element, path: "\(path)[\(i)]")) }
            return .array(out)
        case let (.structure(members), .object):
            return try fromWire(value, members: members, path: path)
        case let (.map(element), .object(pairs)):
            var out: [(String, JSONValue)] = []
            for (key, item) in pairs { out.append((key, try fromWire(item, shape: element, path: "\(path).\(key)"))) }
            return .object(out)
        default:
            return value
        }
    }
}
