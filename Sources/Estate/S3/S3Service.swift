import Crypto
import Foundation

/// A small S3: buckets and objects, behind `s3api` operations in AWS shapes.
///
/// Object bodies live in memory up to a budget (`memoryBudgetBytes`, 64 MiB by default); past it
/// the oldest move to the state folder beside the stream segments, and are read back when asked
/// for. It is also the warehouse's object store for COPY, UNLOAD and Spectrum.
public final class S3Service: EstateService, ObjectStore {
    public let serviceName = "s3api"
    public let dumpKey = "S3"
    var context: ServiceContext

    public struct Object: Sendable {
        public var key: String
        public var content: ObjectBody
        public var lastModified: SimInstant
        public var contentType: String
        /// The MD5 of the body in quotes, as S3 reports a single-part upload's ETag.
        public var eTag: String
        /// The additional checksum the upload carried (verified before storing), if any.
        public var checksum: S3Checksum? = nil
        /// User-defined metadata (`x-amz-meta-NAME`), by name in lower case, as S3 keeps it.
        public var metadata: [String: String] = [:]
        /// The sizes of the parts a multipart upload assembled it from, in order; nil for an
        /// object stored whole. GetObject's `partNumber` reads them.
        public var partSizes: [Int]? = nil

        public var size: Int { content.count }
        /// The body's bytes, from memory or from the state folder.
        public func bytes() throws(AWSError) -> [UInt8] { try content.bytes() }
    }

    public final class Bucket {
        public let name: String
        public let createdAt: SimInstant
        public internal(set) var objects: [String: Object] = [:]
        init(name: String, createdAt: SimInstant) {
            self.name = name
            self.createdAt = createdAt
        }
        public var sortedKeys: [String] { objects.keys.sorted() }
    }

    private var bucketsByName: [String: Bucket] = [:]
    let memory: ObjectMemory
    /// Multipart uploads in progress by upload id, how many were ever started, and where their ids come from.
    var uploads: [String: MultipartUpload] = [:]
    var uploadSequence = 0
    var uploadIDs: SeededRandom

    /// `bodyStore` takes the bodies past the memory budget; with none they all stay in memory.
    init(context: ServiceContext, bodyStore: (any ObjectBodyStore)? = nil) {
        self.context = context
        memory = ObjectMemory(store: bodyStore)
        uploadIDs = context.random.fork("multipart-uploads")
    }

    /// Bytes of object bodies S3 may keep in memory before the oldest move to the state folder.
    public var memoryBudgetBytes: Int {
        get { memory.budgetBytes }
        set { memory.budgetBytes = max(0, newValue) }
    }
    /// Bytes of object bodies in memory now.
    public var memoryBytes: Int { memory.memoryBytes }
    /// Bodies moved to the state folder so far.
    public var spilledBodies: Int { memory.spilled }

    public var buckets: [Bucket] { bucketsByName.keys.sorted().compactMap { bucketsByName[$0] } }
    public func bucket(_ name: String) -> Bucket? { bucketsByName[name] }

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "CreateBucket":
            let name = try p.requiredString("Bucket")
            try createBucket(name)
            return ["Location": .string("/\(name)")]
        case "DeleteBucket":
            try deleteBucket(try p.requiredString("Bucket"))
            return [:]
        case "ListBuckets":
            return ["Buckets": .array(buckets.map { ["Name": .string($0.name), "CreationDate": .string(SimCalendar.iso8601($0.createdAt))] }),
                    "Owner": ["DisplayName": "cloudtop", "ID": .string(String(repeating: "0", count: 64))]]
        case "PutObject":
            var body = Array((try p.string("Body") ?? "").utf8)
            if let encoded = try p.string("BodyBase64") {
                guard let bytes = Data(base64Encoded: encoded) else { throw AWSError("InvalidArgument", "BodyBase64 is not base64.") }
                body = Array(bytes)
            }
            let bucket = try p.requiredString("Bucket"), key = try p.requiredString("Key")
            let contentType = try p.string("ContentType") ?? "binary/octet-stream"
            // A wrong checksum is refused before anything is stored.
            try S3Checksum.verifyContentMD5(p, body: body)
            let checksum = try S3Checksum.verified(p, body: body)
            let metadata = try Self.metadata(p)
            let o = try putObject(bucket: bucket, key: key, body: body, contentType: contentType, checksum: checksum, metadata: metadata)
            return .object([("ETag", .string(o.eTag))] + (o.checksum?.members ?? []) + [("Size", .int(Int64(o.size)))])
        case "GetObject":
            let o = try object(bucket: try p.requiredString("Bucket"), key: try p.requiredString("Key"))
            let encoding = try p.string("BodyEncoding")
            guard encoding == nil || encoding == "base64" else { throw AWSError("InvalidArgument", "BodyEncoding must be base64, not \(encoding!).") }
            // The AWS CLI writes Body to an outfile; here it is returned as text (an extension),
            // or as base64 with --body-encoding base64 (what the HTTP endpoint asks for, so any
            // bytes round-trip).
            let mode = try p.string("ChecksumMode")
            guard mode == nil || mode == "ENABLED" else { throw AWSError("InvalidArgument", "ChecksumMode must be ENABLED, not \(mode!).") }
            var range = try ObjectRange.parse(try p.string("Range"), size: o.size)
            var partsCount: Int?
            if let number = try p.int("PartNumber") {
                guard !p.has("Range") else { throw AWSError("InvalidRequest", "Cannot specify both Range header and partNumber query parameter") }
                (range, partsCount) = try Self.partRange(of: o, number: number)
            }
            var bytes = try o.bytes()
            if let range { bytes = Array(bytes[range.bytes]) }
            // S3 answers the stored checksum only when the request asks for it (x-amz-checksum-mode: ENABLED),
            // and never for part of an object, which the whole object's checksum does not describe. Part 1
            // of an object stored whole is all of it.
            let whole = range == nil || (partsCount == nil && p.has("PartNumber"))
            let checksum = mode == "ENABLED" && whole ? o.checksum?.members ?? [] : []
            var out: [(String, JSONValue)] = [("AcceptRanges", "bytes"), ("LastModified", .string(SimCalendar.iso8601(o.lastModified))),
                                              ("ContentLength", .int(Int64(bytes.count))), ("ETag", .string(o.eTag))]
            if let range { out.append(("ContentRange", .string(range.contentRange))) }
            out += checksum
            out.append(("ContentType", .string(o.contentType)))
            out += Self.metadataMember(o.metadata)
            if let partsCount { out.append(("PartsCount", .int(Int64(partsCount)))) }
            out.append(("Body", .string(encoding == nil ? String(decoding: bytes, as: UTF8.self) : Data(bytes).base64EncodedString())))
            return .object(out)
        case "DeleteObject":
            let bucket = try requireBucket(try p.requiredString("Bucket"))
            remove(try p.requiredString("Key"), from: bucket)  // S3 answers 204 whether or not the key existed
            return [:]
        case "ListObjectsV2": return try listObjectsV2(p)
        default:
            if let answer = try performMultipart(operation, p) { return answer }
            if let answer = try performCopy(operation, p) { return answer }
            throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }

    // MARK: - Model operations

    /// S3's naming rules: 3–63 of lower-case letters, digits, `.` and `-`, starting and ending with a letter or digit.
    public func createBucket(_ name: String) throws(AWSError) {
        guard (3...63).contains(name.count), name.allSatisfy({ ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "." }),
              name.first.map({ $0.isLetter || $0.isNumber }) == true, name.last.map({ $0.isLetter || $0.isNumber }) == true,
              !name.contains("..") else {
            throw AWSError("InvalidBucketName", "The specified bucket is not valid: \(name)")
        }
        guard bucketsByName[name] == nil else {
            throw AWSError("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.")
        }
        bucketsByName[name] = Bucket(name: name, createdAt: context.scheduler.now)
    }

    public func deleteBucket(_ name: String) throws(AWSError) {
        let bucket = try requireBucket(name)
        guard bucket.objects.isEmpty else { throw AWSError("BucketNotEmpty", "The bucket you tried to delete is not empty") }
        for upload in sortedUploads where upload.bucket == name { discard(upload) }
        bucketsByName[name] = nil
    }

    func requireBucket(_ name: String) throws(AWSError) -> Bucket {
        guard let b = bucketsByName[name] else { throw AWSError("NoSuchBucket", "The specified bucket does not exist") }
        return b
    }

    @discardableResult
    public func putObject(bucket name: String, key: String, body: [UInt8], contentType: String = "binary/octet-stream",
                          checksum: S3Checksum? = nil, metadata: [String: String] = [:]) throws(AWSError) -> Object {
        let bucket = try requireBucket(name)
        guard !key.isEmpty, key.utf8.count <= 1024 else { throw AWSError("KeyTooLongError", "Your key is too long") }
        let digest = Insecure.MD5.hash(data: body).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        remove(key, from: bucket)
        let o = Object(key: key, content: memory.body(body), lastModified: context.scheduler.now, contentType: contentType,
                       eTag: "\"\(digest)\"", checksum: checksum, metadata: metadata)
        bucket.objects[key] = o
        return o
    }

    func remove(_ key: String, from bucket: Bucket) {
        if let old = bucket.objects.removeValue(forKey: key) { memory.release(old.content) }
    }

    public func object(bucket name: String, key: String) throws(AWSError) -> Object {
        guard let o = try requireBucket(name).objects[key] else { throw AWSError("NoSuchKey", "The specified key does not exist.") }
        return o
    }

    func listObjectsV2(_ p: Parameters) throws(AWSError) -> JSONValue {
        let bucket = try requireBucket(try p.requiredString("Bucket"))
        let prefix = try p.string("Prefix") ?? ""
        let delimiter = try p.string("Delimiter")
        let maxKeys = try p.int("MaxKeys") ?? 1000
        guard (0...1000).contains(maxKeys) else { throw AWSError("InvalidArgument", "MaxKeys must be from 0 to 1000.") }
        let token = try p.string("ContinuationToken"), startAfter = try p.string("StartAfter")
        let after = token ?? startAfter ?? ""
        // `url` (what botocore asks for on every listing) has S3 encode the names it lists, so keys
        // with characters XML cannot carry survive; the SDK decodes them.
        let encodingType = try p.string("EncodingType")
        if let encodingType, encodingType != "url" { throw AWSError("InvalidArgument", "Invalid Encoding Method specified in Request") }
        let name: (String) -> JSONValue = { encodingType == nil ? .string($0) : .string(S3URLEncoding.encode($0)) }
        var contents: [Object] = []
        var commonPrefixes: [String] = []
        var truncated = false
        var lastKey = ""
        for key in bucket.sortedKeys where key.hasPrefix(prefix) && key > after {
            if contents.count + commonPrefixes.count == maxKeys { truncated = true; break }
            if let d = delimiter, let range = key.dropFirst(prefix.count).range(of: d) {
                let common = String(key[..<range.upperBound])
                if commonPrefixes.last != common { commonPrefixes.append(common) }
                lastKey = key
                continue
            }
            contents.append(bucket.objects[key]!)
            lastKey = key
        }
        var pairs: [(String, JSONValue)] = [("IsTruncated", .bool(truncated))]
        if !contents.isEmpty {
            pairs.append(("Contents", .array(contents.map { o in
                var item: [(String, JSONValue)] = [("Key", name(o.key)), ("LastModified", .string(SimCalendar.iso8601(o.lastModified))),
                                                   ("ETag", .string(o.eTag))]
                if let checksum = o.checksum {
                    item += [("ChecksumAlgorithm", [.string(checksum.algorithm.rawValue)]), ("ChecksumType", .string(checksum.type))]
                }
                return .object(item + [("Size", .int(Int64(o.size))), ("StorageClass", "STANDARD")])
            })))
        }
        pairs += [("Name", .string(bucket.name)), ("Prefix", name(prefix))]
        if let d = delimiter { pairs.append(("Delimiter", name(d))) }
        pairs += [("MaxKeys", .int(Int64(maxKeys)))]
        if !commonPrefixes.isEmpty { pairs.append(("CommonPrefixes", .array(commonPrefixes.map { ["Prefix": name($0)] }))) }
        if let encodingType { pairs.append(("EncodingType", .string(encodingType))) }
        if let startAfter { pairs.append(("StartAfter", name(startAfter))) }
        pairs.append(("KeyCount", .int(Int64(contents.count + commonPrefixes.count))))
        if truncated { pairs.append(("NextContinuationToken", .string(lastKey))) }
        return .object(pairs)
    }

    // MARK: - ObjectStore (the warehouse's view)

    public func objects(bucket: String, prefix: String) throws(SQLError) -> [(key: String, body: [UInt8])] {
        guard let b = bucketsByName[bucket] else { throw SQLError("XX000", "The specified S3 bucket does not exist: \(bucket)") }
        var found: [(key: String, body: [UInt8])] = []
        for key in b.sortedKeys where key.hasPrefix(prefix) {
            do throws(AWSError) { found.append((key, try b.objects[key]!.bytes())) } catch {
                throw SQLError("XX000", "S3 read of s3://\(bucket)/\(key) failed: \(error.message)")
            }
        }
        return found
    }

    public func putObject(bucket: String, key: String, body: [UInt8]) throws(SQLError) {
        do { try putObject(bucket: bucket, key: key, body: body, contentType: "text/plain") } catch {
            throw SQLError("XX000", "S3 write to s3://\(bucket)/\(key) failed: \(error.message)")
        }
    }

    public func dump() -> JSONValue {
        .object([("Buckets", .array(buckets.map { b in
            ["Name": .string(b.name), "CreationDate": .string(SimCalendar.iso8601(b.createdAt)),
             "Objects": .array(b.sortedKeys.map { k in
                 let o = b.objects[k]!
                 return ["Key": .string(k), "Size": .int(Int64(o.size)), "ETag": .string(o.eTag),
                         "LastModified": .string(SimCalendar.iso8601(o.lastModified))]
             })]
        })), ("MultipartUploads", dumpedUploads)])
    }

    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "s3api", name: name, parameters: parameters, summary: summary)
    }
    static let bucketParameter = ParameterSpec("Bucket", .string, required: true, help: "the bucket's name")
    static let keyParameter = ParameterSpec("Key", .string, required: true, help: "the object's key")

    public static let operationSpecs: [OperationSpec] = [
        op("CreateBucket", [bucketParameter, ParameterSpec("CreateBucketConfiguration", .structure([("LocationConstraint", .string)]), help: "accepted")], "Create a bucket"),
        op("DeleteBucket", [bucketParameter], "Delete an empty bucket"),
        op("ListBuckets", [], "List buckets"),
        op("PutObject", [bucketParameter, keyParameter, ParameterSpec("Body", .blob, help: "the object's content, as text"),
                         ParameterSpec("ContentType", .string, help: "e.g. text/csv"),
                         ParameterSpec("Metadata", .map(.string), help: "user metadata, NAME=VALUE,… (x-amz-meta-NAME)"),
                         ParameterSpec("BodyBase64", .string, help: "cloudtop's extension: the content as base64, for bytes that are not text"),
                         ParameterSpec("ContentMD5", .string, help: "base64 of the body's MD5"),
                         ParameterSpec("ChecksumAlgorithm", .string, help: "CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512 or MD5, with its Checksum… value"),
                         ParameterSpec("ChecksumCRC32", .string, help: "base64 of the body's CRC-32, big-endian"),
                         ParameterSpec("ChecksumCRC32C", .string, help: "base64 of the body's CRC-32C, big-endian"),
                         ParameterSpec("ChecksumCRC64NVME", .string, help: "base64 of the body's CRC-64/NVME, big-endian"),
                         ParameterSpec("ChecksumSHA1", .string, help: "base64 of the body's SHA-1"),
                         ParameterSpec("ChecksumSHA256", .string, help: "base64 of the body's SHA-256"),
                         ParameterSpec("ChecksumSHA512", .string, help: "base64 of the body's SHA-512"),
                         ParameterSpec("ChecksumMD5", .string, help: "base64 of the body's MD5, as an additional checksum")]
                        + unsimulatedChecksumParameters,
           "Store an object"),
        op("GetObject", [bucketParameter, keyParameter,
                         ParameterSpec("BodyEncoding", .string, help: "cloudtop's extension: base64 answers Body as base64"),
                         ParameterSpec("ChecksumMode", .string, help: "ENABLED answers the stored checksum"),
                         ParameterSpec("Range", .string, help: "bytes=FIRST-LAST, bytes=FIRST- or bytes=-LENGTH"),
                         ParameterSpec("PartNumber", .integer, help: "read one part of an object uploaded in parts")], "Read an object"),
        op("DeleteObject", [bucketParameter, keyParameter], "Delete an object"),
        op("ListObjectsV2", [bucketParameter, ParameterSpec("Prefix", .string, help: "keys starting with this"),
                             ParameterSpec("Delimiter", .string, help: "group keys by this, e.g. /"),
                             ParameterSpec("MaxKeys", .integer, help: "up to 1000"),
                             ParameterSpec("ContinuationToken", .string, help: "from the previous page"),
                             ParameterSpec("StartAfter", .string, help: "list keys after this one"),
                             ParameterSpec("EncodingType", .string, help: "url: names listed URL-encoded")], "List a bucket's objects"),
    ] + multipartOperationSpecs + copyOperationSpecs
}
