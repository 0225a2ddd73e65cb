import Crypto
import Foundation

/// S3's multipart uploads: an object sent in numbered parts (1…10,000), assembled by
/// CompleteMultipartUpload from the parts it lists, with AWS's errors for a wrong list.
extension S3Service {
    /// AWS's limits: part numbers 1…10,000, every part but the last at least 5 MiB.
    static let partNumbers = 1...10_000
    static let minimumPartBytes = 5 << 20

    /// The multipart operation named, or nil when `operation` is not one.
    func performMultipart(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue? {
        switch operation {
        case "CreateMultipartUpload": return try createMultipartUpload(p)
        case "UploadPart": return try uploadPart(p)
        case "CompleteMultipartUpload": return try completeMultipartUpload(p)
        case "AbortMultipartUpload":
            let upload = try requireUpload(p)
            discard(upload)
            return [:]
        case "ListParts": return try listParts(p)
        case "ListMultipartUploads": return try listMultipartUploads(p)
        default: return nil
        }
    }

    /// The uploads in progress, as ListMultipartUploads orders them: by key, then by when each began.
    var sortedUploads: [MultipartUpload] {
        uploads.values.sorted { ($0.key, $0.initiated, $0.sequence) < ($1.key, $1.initiated, $1.sequence) }
    }

    func createMultipartUpload(_ p: Parameters) throws(AWSError) -> JSONValue {
        let bucket = try requireBucket(try p.requiredString("Bucket")), key = try p.requiredString("Key")
        guard !key.isEmpty, key.utf8.count <= 1024 else { throw AWSError("KeyTooLongError", "Your key is too long") }
        let algorithm = try p.string("ChecksumAlgorithm").map { (name) throws(AWSError) in try S3ChecksumAlgorithm.named(name) }
        var type = try p.string("ChecksumType")
        if let t = type {
            guard t == "COMPOSITE" || t == "FULL_OBJECT" else {
                throw AWSError("InvalidRequest", "Value for x-amz-checksum-type header is invalid.")
            }
            guard let algorithm else {
                throw AWSError("InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
            }
            // A full-object checksum is combined from the parts' CRCs; digests cannot be.
            if t == "FULL_OBJECT", !algorithm.isCRC {
                throw AWSError("InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the \(algorithm.rawValue.lowercased()) checksum algorithm.")
            }
            // CRC64NVME is full-object only.
            if t == "COMPOSITE", algorithm == .crc64nvme {
                throw AWSError("InvalidRequest", "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
            }
        } else if let algorithm {
            // S3's defaults: COMPOSITE for CRC32, CRC32C and the digests; FULL_OBJECT for CRC64NVME.
            type = algorithm == .crc64nvme ? "FULL_OBJECT" : "COMPOSITE"
        }
        uploadSequence += 1
        let upload = MultipartUpload(id: MultipartUpload.newID(&uploadIDs), bucket: bucket.name, key: key,
                                     initiated: context.scheduler.now, sequence: uploadSequence,
                                     contentType: try p.string("ContentType") ?? "binary/octet-stream",
                                     checksumAlgorithm: algorithm, checksumType: type)
        upload.metadata = try Self.metadata(p)
        uploads[upload.id] = upload
        var out: [(String, JSONValue)] = [("Bucket", .string(bucket.name)), ("Key", .string(key)), ("UploadId", .string(upload.id))]
        if let algorithm, let type { out += [("ChecksumAlgorithm", .string(algorithm.rawValue)), ("ChecksumType", .string(type))] }
        return .object(out)
    }

    /// The upload a request names; its bucket and key must be the ones it was created for.
    func requireUpload(_ p: Parameters) throws(AWSError) -> MultipartUpload {
        let bucket = try requireBucket(try p.requiredString("Bucket")), key = try p.requiredString("Key")
        guard let upload = uploads[try p.requiredString("UploadId")], upload.bucket == bucket.name, upload.key == key else {
            throw AWSError("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
        }
        return upload
    }

    /// Ends an upload (aborted, completed, or its bucket deleted): its parts no longer count.
    func discard(_ upload: MultipartUpload) {
        for part in upload.parts.values { memory.release(part.body) }
        uploads[upload.id] = nil
    }

    func uploadPart(_ p: Parameters) throws(AWSError) -> JSONValue {
        let upload = try requireUpload(p)
        let number = try p.requiredInt("PartNumber")
        guard Self.partNumbers.contains(number) else {
            throw AWSError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
        }
        var body = Array((try p.string("Body") ?? "").utf8)
        if let encoded = try p.string("BodyBase64") {
            guard let bytes = Data(base64Encoded: encoded) else { throw AWSError("InvalidArgument", "BodyBase64 is not base64.") }
            body = Array(bytes)
        }
        // Every check before anything is stored: a refused part leaves the earlier one in place.
        try S3Checksum.verifyContentMD5(p, body: body)
        var checksum = try S3Checksum.verified(p, body: body)
        if let expected = upload.checksumAlgorithm {
            if let given = checksum, given.algorithm != expected {
                throw AWSError("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: \(expected.rawValue.lowercased()), actual checksum Type: \(given.algorithm.rawValue.lowercased())")
            }
            // A part sent without the upload's checksum has it computed, so the upload can be completed.
            checksum = checksum ?? S3Checksum(algorithm: expected, value: expected.digest(body))
        }
        let part = store(body, as: number, in: upload, checksum: checksum)
        return .object([("ETag", .string(part.eTag))] + (checksum.map { [($0.algorithm.member, JSONValue.string($0.value))] } ?? []))
    }

    /// Keeps `body` as part `number`, replacing any part sent before under that number.
    func store(_ body: [UInt8], as number: Int, in upload: MultipartUpload, checksum: S3Checksum?) -> MultipartUpload.Part {
        let part = MultipartUpload.Part(number: number, body: memory.body(body), md5: Array(Insecure.MD5.hash(data: body)),
                                        lastModified: context.scheduler.now, checksum: checksum)
        if let old = upload.parts[number] { memory.release(old.body) }
        upload.parts[number] = part
        return part
    }

    static let invalidPart = AWSError("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")

    func completeMultipartUpload(_ p: Parameters) throws(AWSError) -> JSONValue {
        let upload = try requireUpload(p)
        try S3ChecksumAlgorithm.refuseUnsimulatedMembers(p)
        let listed = try p.object("MultipartUpload")?.objects("Parts") ?? []
        guard !listed.isEmpty else {
            throw AWSError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
        }
        var chosen: [MultipartUpload.Part] = []
        for entry in listed {
            let number = try entry.requiredInt("PartNumber")
            if let previous = chosen.last, number <= previous.number {
                throw AWSError("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
            }
            // ETags match with or without their quotes, as S3 compares them.
            let eTag = try entry.string("ETag").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard let part = upload.parts[number], eTag == MultipartUpload.hex(part.md5) else { throw Self.invalidPart }
            // A checksum given for a part must be the one it was stored with.
            try S3ChecksumAlgorithm.refuseUnsimulatedMembers(entry)
            for algorithm in S3ChecksumAlgorithm.allCases {
                guard let given = try entry.string(algorithm.member) else { continue }
                guard part.checksum?.algorithm == algorithm, part.checksum?.value == given else { throw Self.invalidPart }
            }
            // A composite checksum is made of the parts' own: the list must carry each one.
            if let algorithm = upload.checksumAlgorithm, upload.checksumType == "COMPOSITE", try entry.string(algorithm.member) == nil {
                throw AWSError("InvalidRequest", "The upload was created using a \(algorithm.rawValue.lowercased()) checksum. The complete request must include the checksum for each part. It was missing for part \(number) in the request.")
            }
            chosen.append(part)
        }
        if let small = chosen.dropLast().first(where: { $0.body.count < Self.minimumPartBytes }) {
            throw AWSError("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size. Part \(small.number) is \(small.body.count) bytes; every part but the last must be at least \(Self.minimumPartBytes).")
        }
        var whole: [UInt8] = []
        whole.reserveCapacity(chosen.reduce(0) { $0 + $1.body.count })
        for part in chosen { whole += try part.body.bytes() }
        let checksum = try completedChecksum(upload, parts: chosen, whole: whole, p)
        let bucket = try requireBucket(upload.bucket)
        let eTag = MultipartUpload.eTag(partMD5s: chosen.map(\.md5))
        let object = Object(key: upload.key, content: memory.body(whole), lastModified: context.scheduler.now,
                            contentType: upload.contentType, eTag: eTag, checksum: checksum,
                            metadata: upload.metadata, partSizes: chosen.map(\.body.count))
        discard(upload)
        remove(upload.key, from: bucket)
        bucket.objects[upload.key] = object
        return .object([("Location", .string("/\(bucket.name)/\(upload.key)")), ("Bucket", .string(bucket.name)),
                        ("Key", .string(upload.key)), ("ETag", .string(eTag))] + (checksum?.members ?? []))
    }

    /// The assembled object's checksum: COMPOSITE is the algorithm over the parts' raw checksums,
    /// with `-N`; FULL_OBJECT is the algorithm over the whole body, checked against the one the
    /// request gives, if any.
    private func completedChecksum(_ upload: MultipartUpload, parts: [MultipartUpload.Part], whole: [UInt8],
                                   _ p: Parameters) throws(AWSError) -> S3Checksum? {
        guard let algorithm = upload.checksumAlgorithm else { return nil }
        if upload.checksumType == "FULL_OBJECT" {
            let value = algorithm.digest(whole)
            if let given = try p.string(algorithm.member), given != value {
                throw AWSError("BadDigest", "The \(algorithm.rawValue) you specified did not match the calculated checksum.")
            }
            return S3Checksum(algorithm: algorithm, value: value, type: "FULL_OBJECT")
        }
        let raw = parts.flatMap { Array(Data(base64Encoded: $0.checksum?.value ?? "") ?? Data()) }
        return S3Checksum(algorithm: algorithm, value: "\(algorithm.digest(raw))-\(parts.count)", type: "COMPOSITE")
    }

    static let owner: JSONValue = ["DisplayName": "cloudtop", "ID": .string(String(repeating: "0", count: 64))]

    func listParts(_ p: Parameters) throws(AWSError) -> JSONValue {
        let upload = try requireUpload(p)
        let maxParts = try p.int("MaxParts") ?? 1000
        guard (0...1000).contains(maxParts) else { throw AWSError("InvalidArgument", "max-parts must be from 0 to 1000.") }
        let marker = try p.int("PartNumberMarker") ?? 0
        let after = upload.parts.keys.sorted().filter { $0 > marker }
        let page = after.prefix(maxParts).map { upload.parts[$0]! }
        var out: [(String, JSONValue)] = [("Bucket", .string(upload.bucket)), ("Key", .string(upload.key)), ("UploadId", .string(upload.id)),
                                          ("PartNumberMarker", .int(Int64(marker))),
                                          ("NextPartNumberMarker", .int(Int64(page.last?.number ?? marker))),
                                          ("MaxParts", .int(Int64(maxParts))), ("IsTruncated", .bool(after.count > page.count))]
        if !page.isEmpty {
            out.append(("Parts", .array(page.map { part -> JSONValue in
                .object([("PartNumber", .int(Int64(part.number))), ("LastModified", .string(SimCalendar.iso8601(part.lastModified))),
                         ("ETag", .string(part.eTag)), ("Size", .int(Int64(part.body.count)))]
                        + (part.checksum.map { [($0.algorithm.member, JSONValue.string($0.value))] } ?? []))
            })))
        }
        out += [("Initiator", Self.owner), ("Owner", Self.owner), ("StorageClass", "STANDARD")]
        if let algorithm = upload.checksumAlgorithm, let type = upload.checksumType {
            out += [("ChecksumAlgorithm", .string(algorithm.rawValue)), ("ChecksumType", .string(type))]
        }
        return .object(out)
    }

    func listMultipartUploads(_ p: Parameters) throws(AWSError) -> JSONValue {
        let bucket = try requireBucket(try p.requiredString("Bucket"))
        let prefix = try p.string("Prefix") ?? "", delimiter = try p.string("Delimiter")
        let maxUploads = try p.int("MaxUploads") ?? 1000
        guard (0...1000).contains(maxUploads) else { throw AWSError("InvalidArgument", "max-uploads must be from 0 to 1000.") }
        let keyMarker = try p.string("KeyMarker"), idMarker = try p.string("UploadIdMarker")
        let encodingType = try p.string("EncodingType")
        if let encodingType, encodingType != "url" { throw AWSError("InvalidArgument", "Invalid Encoding Method specified in Request") }
        let name: (String) -> JSONValue = { encodingType == nil ? .string($0) : .string(S3URLEncoding.encode($0)) }
        var candidates = sortedUploads.filter { $0.bucket == bucket.name && $0.key.hasPrefix(prefix) }
        if let keyMarker {
            // After the key marker; with an upload-id marker, also that key's uploads after the one named.
            let position = idMarker.flatMap { id in candidates.firstIndex { $0.key == keyMarker && $0.id == id } }
            candidates = candidates.enumerated().filter { item in
                item.element.key > keyMarker || (position.map { item.offset > $0 && item.element.key == keyMarker } ?? false)
            }.map(\.element)
        }
        var listed: [MultipartUpload] = [], commonPrefixes: [String] = []
        var truncated = false
        var last: MultipartUpload?
        for upload in candidates {
            if let d = delimiter, let range = upload.key.dropFirst(prefix.count).range(of: d) {
                let common = String(upload.key[..<range.upperBound])
                if commonPrefixes.last == common { last = upload; continue }
                if listed.count + commonPrefixes.count == maxUploads { truncated = true; break }
                commonPrefixes.append(common)
                last = upload
                continue
            }
            if listed.count + commonPrefixes.count == maxUploads { truncated = true; break }
            listed.append(upload)
            last = upload
        }
        var out: [(String, JSONValue)] = [("Bucket", .string(bucket.name)), ("KeyMarker", name(keyMarker ?? "")),
                                          ("UploadIdMarker", .string(idMarker ?? ""))]
        // In the order of AWS's answer.
        if truncated, let last { out.append(("NextKeyMarker", name(last.key))) }
        // Prefix and Delimiter echo the request's, as in AWS's examples; absent when not asked for.
        if let given = try p.string("Prefix") { out.append(("Prefix", name(given))) }
        if let delimiter { out.append(("Delimiter", name(delimiter))) }
        if truncated, let last { out.append(("NextUploadIdMarker", .string(last.id))) }
        out += [("MaxUploads", .int(Int64(maxUploads))), ("IsTruncated", .bool(truncated))]
        if !listed.isEmpty {
            out.append(("Uploads", .array(listed.map { u -> JSONValue in
                var item: [(String, JSONValue)] = [("UploadId", .string(u.id)), ("Key", name(u.key)),
                                                   ("Initiated", .string(SimCalendar.iso8601(u.initiated))), ("StorageClass", "STANDARD"),
                                                   ("Owner", Self.owner), ("Initiator", Self.owner)]
                if let algorithm = u.checksumAlgorithm, let type = u.checksumType {
                    item += [("ChecksumAlgorithm", .string(algorithm.rawValue)), ("ChecksumType", .string(type))]
                }
                return .object(item)
            })))
        }
        if !commonPrefixes.isEmpty { out.append(("CommonPrefixes", .array(commonPrefixes.map { ["Prefix": name($0)] }))) }
        if let encodingType { out.append(("EncodingType", .string(encodingType))) }
        return .object(out)
    }

    /// The uploads in progress for the dump: by bucket, then as ListMultipartUploads orders them
    /// (key, when each began, then creation order), each with its parts by number. Parts' bodies
    /// stay out, as objects' do.
    var dumpedUploads: JSONValue {
        .array(uploads.values.sorted { ($0.bucket, $0.key, $0.initiated, $0.sequence) < ($1.bucket, $1.key, $1.initiated, $1.sequence) }.map { u -> JSONValue in
            var item: [(String, JSONValue)] = [("Bucket", .string(u.bucket)), ("Key", .string(u.key)), ("UploadId", .string(u.id)),
                                               ("Initiated", .string(SimCalendar.iso8601(u.initiated))),
                                               ("ContentType", .string(u.contentType))]
            if let algorithm = u.checksumAlgorithm, let type = u.checksumType {
                item += [("ChecksumAlgorithm", .string(algorithm.rawValue)), ("ChecksumType", .string(type))]
            }
            item.append(("Parts", .array(u.parts.keys.sorted().map { n -> JSONValue in
                let part = u.parts[n]!
                return .object([("PartNumber", .int(Int64(n))), ("Size", .int(Int64(part.body.count))), ("ETag", .string(part.eTag)),
                                ("LastModified", .string(SimCalendar.iso8601(part.lastModified)))]
                               + (part.checksum.map { [($0.algorithm.member, JSONValue.string($0.value))] } ?? []))
            })))
            return .object(item)
        })
    }

    static let uploadIDParameter = ParameterSpec("UploadId", .string, required: true, help: "from create-multipart-upload")
    static let checksumParameters = S3ChecksumAlgorithm.allCases.map {
        ParameterSpec($0.member, .string, help: "base64 of the \($0.rawValue) checksum")
    } + unsimulatedChecksumParameters

    /// Taken so that a request carrying one is refused with S3's error, not an unknown option.
    static let unsimulatedChecksumParameters = S3ChecksumAlgorithm.unsimulatedMembers.map {
        ParameterSpec($0, .string, help: "refused: XXHASH checksums are not simulated")
    }

    /// What CompleteMultipartUpload lists for each part.
    static let completedPartMembers: [(member: String, shape: ParameterShape)] =
        [("ETag", .string), ("PartNumber", .integer)] + (S3ChecksumAlgorithm.allCases.map(\.member) + S3ChecksumAlgorithm.unsimulatedMembers)
            .map { (member: $0, shape: ParameterShape.string) }

    static let multipartOperationSpecs: [OperationSpec] = [
        op("CreateMultipartUpload", [bucketParameter, keyParameter, ParameterSpec("ContentType", .string, help: "e.g. text/csv"),
                                     ParameterSpec("Metadata", .map(.string), help: "user metadata, NAME=VALUE,…"),
                                     ParameterSpec("ChecksumAlgorithm", .string, help: "CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512 or MD5: each part carries it"),
                                     ParameterSpec("ChecksumType", .string, help: "COMPOSITE (the default; not CRC64NVME) or FULL_OBJECT (CRCs only)")],
           "Start a multipart upload"),
        op("UploadPart", [bucketParameter, keyParameter, uploadIDParameter,
                          ParameterSpec("PartNumber", .integer, required: true, help: "1 to 10000"),
                          ParameterSpec("Body", .blob, help: "the part's content, as text"),
                          ParameterSpec("BodyBase64", .string, help: "cloudtop's extension: the content as base64"),
                          ParameterSpec("ContentMD5", .string, help: "base64 of the part's MD5"),
                          ParameterSpec("ChecksumAlgorithm", .string, help: "CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512 or MD5")] + checksumParameters,
           "Upload one part"),
        op("CompleteMultipartUpload", [bucketParameter, keyParameter, uploadIDParameter,
                                       ParameterSpec("MultipartUpload", .structure([("Parts", .list(.structure(completedPartMembers)))]),
                                           required: true, help: "Parts=[{ETag=…,PartNumber=1},…] in ascending order")] + checksumParameters,
           "Assemble the object from its parts"),
        op("AbortMultipartUpload", [bucketParameter, keyParameter, uploadIDParameter], "Abort a multipart upload and drop its parts"),
        op("ListParts", [bucketParameter, keyParameter, uploadIDParameter,
                         ParameterSpec("MaxParts", .integer, help: "up to 1000"),
                         ParameterSpec("PartNumberMarker", .integer, help: "list parts after this number")], "List an upload's parts"),
        op("ListMultipartUploads", [bucketParameter, ParameterSpec("Prefix", .string, help: "keys starting with this"),
                                    ParameterSpec("Delimiter", .string, help: "group keys by this, e.g. /"),
                                    ParameterSpec("KeyMarker", .string, help: "list uploads after this key"),
                                    ParameterSpec("UploadIdMarker", .string, help: "with KeyMarker: after this upload of that key"),
                                    ParameterSpec("MaxUploads", .integer, help: "up to 1000"),
                                    ParameterSpec("EncodingType", .string, help: "url: keys listed URL-encoded")],
           "List uploads in progress"),
    ]
}
