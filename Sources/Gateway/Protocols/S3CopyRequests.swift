import Estate
import Foundation

/// CopyObject and UploadPartCopy on S3's REST protocol: a PUT naming its source in
/// `x-amz-copy-source` instead of carrying a body (on an upload's part, with `x-amz-copy-source-range`),
/// answered with a `CopyObjectResult` or `CopyPartResult` XML document; and user metadata, which
/// travels as `x-amz-meta-NAME` headers both ways.
enum S3CopyRequests {
    /// The copy's conditions on dates (`x-amz-copy-source-if-modified-since`, `…-if-unmodified-since`)
    /// are not simulated: refused by name rather than ignored, so a copy never happens that its
    /// condition would have stopped. The ETag conditions are (s3transfer sends `if-match` on every part).
    static func unsupported(_ request: WireRequest) -> AWSError? {
        let dated = ["x-amz-copy-source-if-modified-since", "x-amz-copy-source-if-unmodified-since"]
        guard let name = dated.first(where: { request.header($0) != nil }) else { return nil }
        return AWSError("NotImplemented", "A header you provided implies functionality that is not implemented: \(name)")
    }

    /// CopyObject's members from a PUT with `x-amz-copy-source`.
    static func copyObject(_ request: WireRequest, bucket: String, key: String, source: String) -> [(String, JSONValue)] {
        var parameters: [(String, JSONValue)] = [("Bucket", .string(bucket)), ("Key", .string(key)), ("CopySource", .string(source))]
        let headers = [("x-amz-metadata-directive", "MetadataDirective"), ("content-type", "ContentType"),
                       ("x-amz-checksum-algorithm", "ChecksumAlgorithm"), ("x-amz-copy-source-range", "CopySourceRange")]
        for (header, member) in headers { if let v = request.header(header) { parameters.append((member, .string(v))) } }
        return parameters + conditions(request) + metadata(request)
    }

    /// UploadPartCopy's members beyond the upload's own.
    static func uploadPartCopy(_ request: WireRequest, source: String) -> [(String, JSONValue)] {
        [("CopySource", .string(source))] + (request.header("x-amz-copy-source-range").map { [("CopySourceRange", JSONValue.string($0))] } ?? [])
            + conditions(request)
    }

    static func conditions(_ request: WireRequest) -> [(String, JSONValue)] {
        [("x-amz-copy-source-if-match", "CopySourceIfMatch"), ("x-amz-copy-source-if-none-match", "CopySourceIfNoneMatch")]
            .compactMap { header, member in request.header(header).map { (member, JSONValue.string($0)) } }
    }

    /// `Metadata` from the request's `x-amz-meta-*` headers, sorted by name; nothing when there are none.
    static func metadata(_ request: WireRequest) -> [(String, JSONValue)] {
        let prefix = "x-amz-meta-"
        let names = request.headers.keys.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }.sorted()
        guard !names.isEmpty else { return [] }
        return [("Metadata", .object(names.map { (String($0.dropFirst(prefix.count)), JSONValue.string(request.headers[$0]!)) }))]
    }

    /// GetObject's `Metadata` as `x-amz-meta-*` headers.
    static func metadataHeaders(_ value: JSONValue) -> [(String, String)] {
        (value["Metadata"]?.objectValue ?? []).compactMap { name, v in v.stringValue.map { ("x-amz-meta-" + name, $0) } }
    }

    /// The answer to a copy, or nil when `operation` is not one.
    static func encode(_ value: JSONValue, operation: String, headers: [(String, String)], model: WireModel) -> WireResponse? {
        let root: String
        switch operation {
        case "CopyObject": root = "CopyObjectResult"
        case "UploadPartCopy": root = "CopyPartResult"
        default: return nil
        }
        var dropped: [String] = []
        let node = XMLAnswer(model: model).node(value[root] ?? [:], shape: root, path: "", dropped: &dropped)
        return WireResponse(status: 200, headers: headers + [("Content-Type", "application/xml")],
                            body: Array(node.document(root: root, namespace: S3RestProtocol.namespace).utf8))
    }
}
