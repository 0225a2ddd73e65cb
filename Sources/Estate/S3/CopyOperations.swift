import Crypto
import Foundation

/// CopyObject and UploadPartCopy: an object (or a byte range of one) copied inside S3 without the
/// client sending its bytes, as the AWS CLI's `s3 cp s3://… s3://…` and boto3's managed copy do.
extension S3Service {
    /// The copy operation named, or nil when `operation` is not one.
    func performCopy(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue? {
        switch operation {
        case "CopyObject": return try copyObject(p)
        case "UploadPartCopy": return try uploadPartCopy(p)
        default: return nil
        }
    }

    /// The object `x-amz-copy-source` names: `bucket/key` or `/bucket/key`, URL-encoded, with an
    /// optional `?versionId=` (buckets here are unversioned: only `null`, the id S3 gives their objects).
    func copySource(_ p: Parameters) throws(AWSError) -> Object {
        var source = try p.requiredString("CopySource")
        if let query = source.range(of: "?versionId=") {
            let version = String(source[query.upperBound...])
            source = String(source[..<query.lowerBound])
            guard version == "null" else { throw AWSError("NoSuchVersion", "The specified version does not exist.") }
        }
        let decoded = (source.removingPercentEncoding ?? source).drop { $0 == "/" }
        guard let slash = decoded.firstIndex(of: "/"), decoded.index(after: slash) < decoded.endIndex else {
            throw AWSError("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
        }
        let found = try object(bucket: String(decoded[..<slash]), key: String(decoded[decoded.index(after: slash)...]))
        // The ETag conditions, compared with or without quotes; "*" matches any object.
        let eTag = found.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        func matches(_ given: String) -> Bool {
            given.split(separator: ",").contains { let t = $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")); return t == eTag || t == "*" }
        }
        if let given = try p.string("CopySourceIfMatch"), !matches(given) {
            throw AWSError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
        }
        if let given = try p.string("CopySourceIfNoneMatch"), matches(given) {
            throw AWSError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
        }
        return found
    }

    func copyObject(_ p: Parameters) throws(AWSError) -> JSONValue {
        let bucket = try requireBucket(try p.requiredString("Bucket")), key = try p.requiredString("Key")
        // A byte range belongs to UploadPartCopy; CopyObject copies whole objects.
        if p.has("CopySourceRange") {
            throw AWSError("InvalidArgument", "x-amz-copy-source-range is not allowed on CopyObject; copy a range with UploadPartCopy.")
        }
        let source = try copySource(p)
        let directive = try p.string("MetadataDirective") ?? "COPY"
        guard directive == "COPY" || directive == "REPLACE" else { throw AWSError("InvalidArgument", "Unknown metadata directive.") }
        let requested = try p.string("ChecksumAlgorithm")
        let algorithm = try requested.map { (name) throws(AWSError) in try S3ChecksumAlgorithm.named(name) } ?? source.checksum?.algorithm
        let sameObject = bucket.objects[key].map { $0.content === source.content } ?? false
        // AWS's rule: a copy onto itself must change something, here its metadata or its checksum.
        if sameObject, directive == "COPY", requested == nil {
            throw AWSError("InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
        }
        let body = try source.bytes()
        // COPY keeps the source's content type and user metadata; REPLACE takes the request's.
        let contentType = directive == "COPY" ? source.contentType : try p.string("ContentType") ?? "binary/octet-stream"
        let metadata = directive == "COPY" ? source.metadata : try Self.metadata(p)
        // The copy is stored whole, so its checksum (like its ETag) is of the whole body.
        let checksum = algorithm.map { S3Checksum(algorithm: $0, value: $0.digest(body)) }
        let copy = try putObject(bucket: bucket.name, key: key, body: body, contentType: contentType, checksum: checksum, metadata: metadata)
        return ["CopyObjectResult": .object([("ETag", .string(copy.eTag)), ("LastModified", .string(SimCalendar.iso8601(copy.lastModified)))]
                                            + (checksum?.members ?? []))]
    }

    func uploadPartCopy(_ p: Parameters) throws(AWSError) -> JSONValue {
        let upload = try requireUpload(p)
        let number = try p.requiredInt("PartNumber")
        guard Self.partNumbers.contains(number) else {
            throw AWSError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
        }
        let source = try copySource(p)
        var body = try source.bytes()
        if let range = try p.string("CopySourceRange") { body = Array(body[try Self.copyRange(range, size: source.size)]) }
        let checksum = upload.checksumAlgorithm.map { S3Checksum(algorithm: $0, value: $0.digest(body)) }
        let part = store(body, as: number, in: upload, checksum: checksum)
        return ["CopyPartResult": .object([("ETag", .string(part.eTag)), ("LastModified", .string(SimCalendar.iso8601(part.lastModified)))]
                                          + (checksum.map { [($0.algorithm.member, JSONValue.string($0.value))] } ?? []))]
    }

    /// `x-amz-copy-source-range`: only `bytes=FIRST-LAST`, both zero-based and inside the source
    /// (UploadPartCopy's reference), unlike GetObject's Range, which also takes open and suffix ranges.
    static func copyRange(_ text: String, size: Int) throws(AWSError) -> Range<Int> {
        let spec = text.hasPrefix("bytes=") ? text.dropFirst("bytes=".count) : ""
        let ends = spec.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let first = Int(ends[0]), let last = Int(ends[1]), first >= 0, first <= last else {
            throw AWSError("InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
        }
        guard last < size else { throw AWSError("InvalidRange", "Range specified is not valid for source object of size: \(size)") }
        return first..<(last + 1)
    }

    /// User metadata from `Metadata`, names in lower case as S3 stores them (HTTP headers are case-insensitive).
    static func metadata(_ p: Parameters) throws(AWSError) -> [String: String] {
        guard let given = try p.object("Metadata") else { return [:] }
        var out: [String: String] = [:]
        for (name, value) in given.value.objectValue ?? [] {
            guard case let .string(text) = value else { throw .validation("Metadata values must be strings.") }
            out[name.lowercased()] = text
        }
        return out
    }

    /// `Metadata` as GetObject answers it, names sorted; nothing when there is none.
    static func metadataMember(_ metadata: [String: String]) -> [(String, JSONValue)] {
        metadata.isEmpty ? [] : [("Metadata", .object(metadata.keys.sorted().map { ($0, JSONValue.string(metadata[$0]!)) }))]
    }

    static let copySourceParameter = ParameterSpec("CopySource", .string, required: true, help: "SOURCE-BUCKET/SOURCE-KEY")
    static let copyConditions = [ParameterSpec("CopySourceIfMatch", .string, help: "copy only if the source's ETag is this"),
                                 ParameterSpec("CopySourceIfNoneMatch", .string, help: "copy only if the source's ETag is not this")]

    static let copyOperationSpecs: [OperationSpec] = [
        op("CopyObject", [bucketParameter, keyParameter, copySourceParameter,
                          ParameterSpec("MetadataDirective", .string, help: "COPY (keep the source's metadata) or REPLACE"),
                          ParameterSpec("ContentType", .string, help: "with REPLACE: the copy's content type"),
                          ParameterSpec("Metadata", .map(.string), help: "with REPLACE: the copy's user metadata"),
                          ParameterSpec("ChecksumAlgorithm", .string, help: "CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512 or MD5 for the copy")] + copyConditions,
           "Copy an object"),
        op("UploadPartCopy", [bucketParameter, keyParameter, uploadIDParameter, copySourceParameter,
                              ParameterSpec("PartNumber", .integer, required: true, help: "1 to 10000"),
                              ParameterSpec("CopySourceRange", .string, help: "bytes=FIRST-LAST of the source")] + copyConditions,
           "Upload a part copied from an object"),
    ]
}
