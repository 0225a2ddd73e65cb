import Estate
import Foundation

/// S3's REST-XML protocol: the method, the bucket and the key name the operation, object
/// bodies travel raw, metadata in headers, listings as XML named by botocore's model.
///
/// Both of S3's addressing styles: path-style (`/bucket/key`, what SDKs use for an endpoint given
/// as an IP address) and virtual-host style (`Host: bucket.localhost:4566`, path `/key`).
struct S3RestProtocol: WireProtocol {
    /// The estate's name for the service (`s3api`).
    let service: String
    var model: WireModel { WireModel.s3 }

    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError> {
        let (bucket, key) = Self.address(request)
        let query = Dictionary(FormBody.parse(request.query), uniquingKeysWith: { _, last in last })
        func op(_ name: String, _ parameters: [(String, JSONValue)]) -> Result<OperationRequest, AWSError> {
            .success(OperationRequest(service: service, operation: name, parameters: .object(parameters)))
        }
        if let multipart = S3MultipartRequests.decode(request, bucket: bucket, key: key, query: query, service: service) { return multipart }
        switch (request.method, bucket, key) {
        case ("GET", nil, nil):
            return op("ListBuckets", [])
        case ("PUT", let bucket?, nil):
            return op("CreateBucket", [("Bucket", .string(bucket))])
        case ("DELETE", let bucket?, nil):
            return op("DeleteBucket", [("Bucket", .string(bucket))])
        case ("GET", let bucket?, nil), ("HEAD", let bucket?, nil):
            var parameters: [(String, JSONValue)] = [("Bucket", .string(bucket))]
            let names = [("prefix", "Prefix"), ("delimiter", "Delimiter"), ("continuation-token", "ContinuationToken"),
                         ("start-after", "StartAfter"), ("encoding-type", "EncodingType")]
            for (wire, member) in names { if let v = query[wire] { parameters.append((member, .string(v))) } }
            if let v = query["max-keys"] {
                guard let n = Int64(v) else { return .failure(AWSError("InvalidArgument", "max-keys must be a number, not \(v).")) }
                parameters.append(("MaxKeys", .int(n)))
            }
            // HEAD on a bucket asks only whether it is there; a one-key listing answers that.
            if request.method == "HEAD" { parameters.append(("MaxKeys", .int(1))) }
            return op("ListObjectsV2", parameters)
        case ("PUT", let bucket?, let key?):
            if let source = request.header("x-amz-copy-source") {
                if let refusal = S3CopyRequests.unsupported(request) { return .failure(refusal) }
                return op("CopyObject", S3CopyRequests.copyObject(request, bucket: bucket, key: key, source: source))
            }
            let put: (body: [UInt8], members: [(String, JSONValue)])
            do { put = try S3Checksums.putObject(request) } catch { return .failure(error) }
            // The body travels to the operation as base64, so any bytes are stored exactly.
            return op("PutObject", [("Bucket", .string(bucket)), ("Key", .string(key)), ("BodyBase64", .string(Data(put.body).base64EncodedString())),
                                    ("ContentType", .string(request.header("content-type") ?? "binary/octet-stream"))] + put.members
                                    + S3CopyRequests.metadata(request))
        case ("GET", let bucket?, let key?), ("HEAD", let bucket?, let key?):
            let mode = request.header("x-amz-checksum-mode").map { [("ChecksumMode", JSONValue.string($0))] } ?? []
            let range = request.header("range").map { [("Range", JSONValue.string($0))] } ?? []
            var part: [(String, JSONValue)] = []
            if let v = query["partNumber"] {
                guard let n = Int64(v) else { return .failure(AWSError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")) }
                part = [("PartNumber", .int(n))]
            }
            return op("GetObject", [("Bucket", .string(bucket)), ("Key", .string(key)), ("BodyEncoding", "base64")] + mode + range + part)
        case ("DELETE", let bucket?, let key?):
            return op("DeleteObject", [("Bucket", .string(bucket)), ("Key", .string(key))])
        default:
            return .failure(AWSError("NotImplemented", "\(request.method) \(request.path) is not an S3 operation this endpoint simulates."))
        }
    }

    /// The bucket and key a request names: from the Host header when it is virtual-host style,
    /// else from the path's first segment and the rest.
    static func address(_ request: WireRequest) -> (bucket: String?, key: String?) {
        // The key keeps its slashes; only its percent-escapes are undone (a `+` is a plus here).
        if let bucket = request.header("host").flatMap(virtualHostBucket) {
            let path = request.path.drop { $0 == "/" }
            return (bucket, path.isEmpty ? nil : percentDecoded(String(path)))
        }
        let parts = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        return (parts.first.map { FormBody.decode($0) }, parts.count > 1 ? percentDecoded(String(parts[1])) : nil)
    }

    /// Hosts a bucket can be the first label of: the loopback name (RFC 6761 resolves any
    /// `*.localhost` to it), LocalStack's names, and AWS's own S3 hosts.
    static let virtualHostBases = [".s3.localhost.localstack.cloud", ".localhost.localstack.cloud", ".localhost"]

    /// The bucket named by a virtual-host style Host header (`bucket.localhost:4566`,
    /// `bucket.s3.us-east-1.amazonaws.com`); nil for path-style (an IP address, `localhost`).
    static func virtualHostBucket(_ host: String) -> String? {
        var name = host.lowercased()
        if name.hasPrefix("[") { return nil }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        for base in virtualHostBases where name.hasSuffix(base) && name.count > base.count {
            return String(name.dropLast(base.count))
        }
        // AWS: bucket.s3.amazonaws.com, bucket.s3.REGION.amazonaws.com, bucket.s3-REGION.amazonaws.com.
        if name.hasSuffix(".amazonaws.com"), let range = name.range(of: ".s3.") ?? name.range(of: ".s3-"), range.lowerBound > name.startIndex {
            return String(name[..<range.lowerBound])
        }
        return nil
    }

    static func percentDecoded(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse {
        var headers: [(String, String)] = [("x-amz-request-id", requestID)]
        let isHead = request.method == "HEAD"
        if let answer = S3MultipartRequests.encode(value, operation: operation.operation, headers: headers, model: model)
            ?? S3CopyRequests.encode(value, operation: operation.operation, headers: headers, model: model) {
            return answer
        }
        switch operation.operation {
        case "CreateBucket":
            headers.append(("Location", value["Location"]?.stringValue ?? "/"))
            return WireResponse(status: 200, headers: headers, body: [])
        case "DeleteBucket", "DeleteObject":
            return WireResponse(status: 204, headers: headers, body: [])
        case "PutObject":
            headers.append(("ETag", value["ETag"]?.stringValue ?? ""))
            headers += S3Checksums.headers(value)
            return WireResponse(status: 200, headers: headers, body: [])
        case "GetObject":
            let body = Array(Data(base64Encoded: value["Body"]?.stringValue ?? "") ?? Data())
            headers += [("Content-Type", value["ContentType"]?.stringValue ?? "binary/octet-stream"),
                        ("ETag", value["ETag"]?.stringValue ?? ""), ("Accept-Ranges", "bytes"),
                        ("Last-Modified", Self.httpDate(value["LastModified"]?.stringValue ?? ""))]
            headers += S3Checksums.headers(value) + S3CopyRequests.metadataHeaders(value)
            if let count = value["PartsCount"]?.intValue { headers.append(("x-amz-mp-parts-count", String(count))) }
            if isHead { headers.append(("Content-Length", String(body.count))) }
            // Part of the object: 206 with the range it is.
            if let range = value["ContentRange"]?.stringValue {
                headers.append(("Content-Range", range))
                return WireResponse(status: 206, headers: headers, body: isHead ? [] : body)
            }
            return WireResponse(status: 200, headers: headers, body: isHead ? [] : body)
        default:
            if isHead { return WireResponse(status: 200, headers: headers, body: []) }
            let root = operation.operation == "ListBuckets" ? "ListAllMyBucketsResult" : "ListBucketResult"
            var dropped: [String] = []
            let shape = model.operations[operation.operation]?.output ?? ""
            let node = XMLAnswer(model: model).node(value, shape: shape, path: "", dropped: &dropped)
            headers.append(("Content-Type", "application/xml"))
            return WireResponse(status: 200, headers: headers, body: Array(node.document(root: root, namespace: Self.namespace).utf8))
        }
    }

    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse {
        let status = ErrorStatus.of(error.code)
        let headers: [(String, String)] = [("x-amz-request-id", requestID), ("Content-Type", "application/xml")]
        // A HEAD answer has no body; SDKs read the status alone.
        if request.method == "HEAD" { return WireResponse(status: status, headers: headers, body: []) }
        let node = XMLNode.element([("Code", .text(error.code)), ("Message", .text(error.message)), ("RequestId", .text(requestID))])
        return WireResponse(status: status, headers: headers, body: Array(node.document(root: "Error", namespace: nil).utf8))
    }

    /// `Last-Modified` in HTTP's date format, from the estate's ISO 8601 time.
    static func httpDate(_ iso: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = parser.date(from: iso)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime]
            date = parser.date(from: iso)
        }
        guard let date else { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
