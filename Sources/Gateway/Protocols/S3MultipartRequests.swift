import Estate
import Foundation
import XMLCoder

/// Multipart uploads on S3's REST protocol, told apart from the plain object operations by their
/// query: `?uploads` starts one (POST) or lists them (GET on the bucket), `?uploadId=` with
/// `partNumber=` sends a part (PUT), and `?uploadId=` alone completes (POST, the part list in an
/// XML body), aborts (DELETE) or lists the parts (GET).
enum S3MultipartRequests {
    /// The operation a request names, or nil when it is not a multipart one.
    static func decode(_ request: WireRequest, bucket: String?, key: String?, query: [String: String],
                       service: String) -> Result<OperationRequest, AWSError>? {
        func op(_ name: String, _ parameters: [(String, JSONValue)]) -> Result<OperationRequest, AWSError> {
            .success(OperationRequest(service: service, operation: name, parameters: .object(parameters)))
        }
        guard let bucket else { return nil }
        guard let key else {
            guard request.method == "GET", query["uploads"] != nil else { return nil }
            var parameters: [(String, JSONValue)] = [("Bucket", .string(bucket))]
            let names = [("prefix", "Prefix"), ("delimiter", "Delimiter"), ("key-marker", "KeyMarker"),
                         ("upload-id-marker", "UploadIdMarker"), ("encoding-type", "EncodingType")]
            for (wire, member) in names { if let v = query[wire] { parameters.append((member, .string(v))) } }
            if let v = query["max-uploads"] {
                guard let n = Int64(v) else { return .failure(AWSError("InvalidArgument", "max-uploads must be a number, not \(v).")) }
                parameters.append(("MaxUploads", .int(n)))
            }
            return op("ListMultipartUploads", parameters)
        }
        let object: [(String, JSONValue)] = [("Bucket", .string(bucket)), ("Key", .string(key))]
        if request.method == "POST", query["uploads"] != nil {
            var parameters = object + [("ContentType", JSONValue.string(request.header("content-type") ?? "binary/octet-stream"))]
            if let v = request.header("x-amz-checksum-algorithm") { parameters.append(("ChecksumAlgorithm", .string(v))) }
            if let v = request.header("x-amz-checksum-type") { parameters.append(("ChecksumType", .string(v))) }
            return op("CreateMultipartUpload", parameters + S3CopyRequests.metadata(request))
        }
        guard let uploadID = query["uploadId"] else { return nil }
        let upload = object + [("UploadId", JSONValue.string(uploadID))]
        switch request.method {
        case "PUT":
            guard let number = query["partNumber"] else { return nil }
            guard let n = Int64(number) else {
                return .failure(AWSError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive"))
            }
            if let source = request.header("x-amz-copy-source") {
                if let refusal = S3CopyRequests.unsupported(request) { return .failure(refusal) }
                return op("UploadPartCopy", upload + [("PartNumber", .int(n))] + S3CopyRequests.uploadPartCopy(request, source: source))
            }
            // The same body and checksum handling as PutObject, aws-chunked trailers included.
            let put: (body: [UInt8], members: [(String, JSONValue)])
            do { put = try S3Checksums.putObject(request) } catch { return .failure(error) }
            return op("UploadPart", upload + [("PartNumber", .int(n)), ("BodyBase64", .string(Data(put.body).base64EncodedString()))] + put.members)
        case "POST":
            let parts: JSONValue
            do { parts = try completedParts(request.body) } catch { return .failure(error) }
            do { try S3Checksums.refuseUnsimulated(Array(request.headers.keys)) } catch { return .failure(error) }
            var parameters = upload + [("MultipartUpload", JSONValue.object([("Parts", parts)]))]
            for algorithm in S3ChecksumAlgorithm.allCases {
                if let v = request.header(algorithm.header) { parameters.append((algorithm.member, .string(v))) }
            }
            return op("CompleteMultipartUpload", parameters)
        case "DELETE":
            return op("AbortMultipartUpload", upload)
        case "GET":
            var parameters = upload
            for (wire, member) in [("max-parts", "MaxParts"), ("part-number-marker", "PartNumberMarker")] {
                guard let v = query[wire] else { continue }
                guard let n = Int64(v) else { return .failure(AWSError("InvalidArgument", "\(wire) must be a number, not \(v).")) }
                parameters.append((member, .int(n)))
            }
            return op("ListParts", parameters)
        default:
            return nil
        }
    }

    /// `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"…"</ETag>…</Part>…</CompleteMultipartUpload>`
    /// as a list of parts in the API's member names, in the order given (the order is checked by the estate).
    static func completedParts(_ body: [UInt8]) throws(AWSError) -> JSONValue {
        let malformed = AWSError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
        let tree: XMLTree
        do {
            let decoder = XMLDecoder()
            decoder.trimValueWhitespaces = false
            tree = try decoder.decode(XMLTree.self, from: Data(body))
        } catch { throw malformed }
        var parts: [JSONValue] = []
        for (name, part) in tree.children where name == "Part" {
            var members: [(String, JSONValue)] = []
            for (field, value) in part.children {
                let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if field == "PartNumber" {
                    guard let n = Int64(text) else { throw malformed }
                    members.append(("PartNumber", .int(n)))
                } else if field == "ETag" || S3ChecksumAlgorithm.allCases.contains(where: { $0.member == field })
                            || S3ChecksumAlgorithm.unsimulatedMembers.contains(field) {
                    // An unsimulated algorithm's checksum goes on, for the operation to refuse.
                    members.append((field, .string(text)))
                }
            }
            guard members.contains(where: { $0.0 == "PartNumber" }) else { throw malformed }
            parts.append(.object(members))
        }
        return .array(parts)
    }

    /// The answer to a multipart operation, or nil when `operation` is not one.
    static func encode(_ value: JSONValue, operation: String, headers: [(String, String)], model: WireModel) -> WireResponse? {
        var headers = headers
        func xml(_ root: String, _ members: [String]) -> WireResponse {
            // Only the members that travel in the body; the rest are headers.
            let body = JSONValue.object((value.objectValue ?? []).filter { members.contains($0.0) })
            var dropped: [String] = []
            let shape = model.operations[operation]?.output ?? ""
            let node = XMLAnswer(model: model).node(body, shape: shape, path: "", dropped: &dropped)
            headers.append(("Content-Type", "application/xml"))
            return WireResponse(status: 200, headers: headers, body: Array(node.document(root: root, namespace: S3RestProtocol.namespace).utf8))
        }
        let checksumMembers = S3ChecksumAlgorithm.allCases.map(\.member)
        switch operation {
        case "CreateMultipartUpload":
            if let v = value["ChecksumAlgorithm"]?.stringValue { headers.append(("x-amz-checksum-algorithm", v)) }
            if let v = value["ChecksumType"]?.stringValue { headers.append(("x-amz-checksum-type", v)) }
            return xml("InitiateMultipartUploadResult", ["Bucket", "Key", "UploadId"])
        case "UploadPart":
            headers.append(("ETag", value["ETag"]?.stringValue ?? ""))
            headers += S3Checksums.headers(value)
            return WireResponse(status: 200, headers: headers, body: [])
        case "CompleteMultipartUpload":
            return xml("CompleteMultipartUploadResult", ["Location", "Bucket", "Key", "ETag", "ChecksumType"] + checksumMembers)
        case "AbortMultipartUpload":
            return WireResponse(status: 204, headers: headers, body: [])
        case "ListParts":
            return xml("ListPartsResult", (value.objectValue ?? []).map(\.0))
        case "ListMultipartUploads":
            return xml("ListMultipartUploadsResult", (value.objectValue ?? []).map(\.0))
        default:
            return nil
        }
    }
}
