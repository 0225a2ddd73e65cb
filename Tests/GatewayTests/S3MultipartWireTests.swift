@testable import Estate
import Foundation
import Testing
@testable import Gateway

/// Multipart uploads on S3's REST protocol without a socket: which query names which operation,
/// the part list read from XML, and answers written in the element names of botocore's model.
@Suite struct S3MultipartWireTests {
    let estate = Estate(seed: 3)
    var gateway: Gateway { Gateway(estate: estate) }

    func call(_ method: String, _ path: String, query: String = "", body: [UInt8] = [], headers: [String: String] = [:]) -> WireResponse {
        var all = headers
        all["Host"] = "127.0.0.1:4566"
        return gateway.respond(to: WireRequest(method: method, path: path, query: query, headers: all, body: body)) { estate.execute($0) }
    }

    /// The text of the first `<name>` element in an XML answer.
    func element(_ name: String, in response: WireResponse) -> String? {
        guard let start = response.bodyText.range(of: "<\(name)>"), let end = response.bodyText.range(of: "</\(name)>", range: start.upperBound..<response.bodyText.endIndex) else { return nil }
        return String(response.bodyText[start.upperBound..<end.lowerBound])
    }

    @Test func queriesNameTheOperations() throws {
        let s3 = S3RestProtocol(service: "s3api")
        func operation(_ method: String, _ path: String, _ query: String, body: String = "") throws -> String {
            try s3.decode(WireRequest(method: method, path: path, query: query, headers: ["Host": "127.0.0.1"], body: Array(body.utf8))).get().operation
        }
        #expect(try operation("POST", "/b/k", "uploads") == "CreateMultipartUpload")
        #expect(try operation("POST", "/b/k", "uploads=") == "CreateMultipartUpload")
        #expect(try operation("PUT", "/b/k", "partNumber=3&uploadId=u") == "UploadPart")
        #expect(try operation("POST", "/b/k", "uploadId=u", body: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>")
                == "CompleteMultipartUpload")
        #expect(try operation("DELETE", "/b/k", "uploadId=u") == "AbortMultipartUpload")
        #expect(try operation("GET", "/b/k", "uploadId=u&max-parts=2") == "ListParts")
        #expect(try operation("GET", "/b", "uploads&prefix=a") == "ListMultipartUploads")
        // Without those queries, the object operations as before.
        #expect(try operation("PUT", "/b/k", "") == "PutObject")
        #expect(try operation("DELETE", "/b/k", "") == "DeleteObject")
        #expect(try operation("GET", "/b", "prefix=a") == "ListObjectsV2")
    }

    @Test func aWholeUploadOverTheProtocol() throws {
        #expect(call("PUT", "/wire").status == 200)
        let created = call("POST", "/wire/a b.bin", query: "uploads", headers: ["x-amz-checksum-algorithm": "SHA256"])
        #expect(created.status == 200 && created.bodyText.contains("<InitiateMultipartUploadResult"), "\(created.bodyText)")
        #expect(created.headers.contains { $0 == ("x-amz-checksum-algorithm", "SHA256") } && created.headers.contains { $0 == ("x-amz-checksum-type", "COMPOSITE") })
        #expect(element("Key", in: created) == "a b.bin")
        let id = try #require(element("UploadId", in: created))
        let query = "uploadId=\(id)"
        let big = [UInt8](repeating: 7, count: 5 << 20)
        // base64(hashlib.md5(bytes([7]) * (5 << 20)).digest())
        let md5 = "JCwEBzR7psZfW0dtpm30fA=="
        let part1 = call("PUT", "/wire/a b.bin", query: "partNumber=1&" + query, body: big, headers: ["Content-MD5": md5])
        #expect(part1.status == 200, "\(part1.bodyText)")
        let part2 = call("PUT", "/wire/a b.bin", query: "partNumber=2&" + query, body: Array("end".utf8),
                         headers: ["x-amz-checksum-sha256": S3ChecksumAlgorithm.sha256.digest(Array("end".utf8))])
        let eTag1 = try #require(part1.headers.first { $0.0 == "ETag" }?.1), eTag2 = try #require(part2.headers.first { $0.0 == "ETag" }?.1)
        let badMD5 = call("PUT", "/wire/a b.bin", query: "partNumber=3&" + query, body: Array("x".utf8), headers: ["Content-MD5": md5])
        #expect(badMD5.status == 400 && element("Code", in: badMD5) == "BadDigest")

        let parts = call("GET", "/wire/a b.bin", query: query)
        #expect(parts.bodyText.contains("<ListPartsResult") && parts.bodyText.components(separatedBy: "<Part>").count == 3, "\(parts.bodyText)")
        #expect(element("ChecksumSHA256", in: parts) != nil)
        let uploads = call("GET", "/wire", query: "uploads")
        #expect(element("UploadId", in: uploads) == id && element("Key", in: uploads) == "a b.bin", "\(uploads.bodyText)")

        func completion(_ numbers: [(Int, String)], sums: Bool = true) -> [UInt8] {
            let sha = [1: S3ChecksumAlgorithm.sha256.digest(big), 2: S3ChecksumAlgorithm.sha256.digest(Array("end".utf8))]
            let items = numbers.map { n, tag in
                "<Part><ETag>\(tag.replacingOccurrences(of: "\"", with: "&quot;"))</ETag>" + (sums ? "<ChecksumSHA256>\(sha[n] ?? "")</ChecksumSHA256>" : "") + "<PartNumber>\(n)</PartNumber></Part>"
            }
            return Array("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(items.joined())</CompleteMultipartUpload>".utf8)
        }
        let reversed = call("POST", "/wire/a b.bin", query: query, body: completion([(2, eTag2), (1, eTag1)]))
        #expect(reversed.status == 400 && element("Code", in: reversed) == "InvalidPartOrder")
        #expect(element("Code", in: call("POST", "/wire/a b.bin", query: query, body: Array("<not xml".utf8))) == "MalformedXML")
        let done = call("POST", "/wire/a b.bin", query: query, body: completion([(1, eTag1), (2, eTag2)]))
        #expect(done.status == 200 && done.bodyText.contains("<CompleteMultipartUploadResult"), "\(done.bodyText)")
        #expect(element("ETag", in: done)?.hasSuffix("-2&quot;") == true || element("ETag", in: done)?.hasSuffix("-2\"") == true, "\(done.bodyText)")
        #expect(element("ChecksumType", in: done) == "COMPOSITE")
        let gone = call("DELETE", "/wire/a b.bin", query: query)
        #expect(gone.status == 404 && element("Code", in: gone) == "NoSuchUpload")

        let ranged = call("GET", "/wire/a b.bin", headers: ["Range": "bytes=\((5 << 20) - 1)-"])
        #expect(ranged.status == 206 && ranged.body == [7] + Array("end".utf8))
        #expect(ranged.headers.contains { $0 == ("Content-Range", "bytes \((5 << 20) - 1)-\((5 << 20) + 2)/\((5 << 20) + 3)") })
        #expect(call("GET", "/wire/a b.bin", headers: ["Range": "bytes=\(6 << 20)-"]).status == 416)
    }

    @Test func everyMemberOfTheXMLAnswersHasAPlaceInTheModel() throws {
        try estate.s3.createBucket("mpu")
        let id = try #require(try estate.s3.perform("CreateMultipartUpload", Parameters(["Bucket": "mpu", "Key": "k", "ChecksumAlgorithm": "CRC32"]))["UploadId"])
        _ = try estate.s3.perform("UploadPart", Parameters(["Bucket": "mpu", "Key": "k", "UploadId": id, "PartNumber": 1, "Body": "x"]))
        let answers: [(String, JSONValue)] = [
            ("ListParts", try estate.s3.perform("ListParts", Parameters(["Bucket": "mpu", "Key": "k", "UploadId": id]))),
            ("ListMultipartUploads", try estate.s3.perform("ListMultipartUploads", Parameters(["Bucket": "mpu", "Delimiter": "/", "MaxUploads": 1]))),
        ]
        for (operation, value) in answers {
            var dropped: [String] = []
            _ = XMLAnswer(model: WireModel.s3).node(value, shape: WireModel.s3.operations[operation]?.output ?? "", path: "", dropped: &dropped)
            #expect(dropped.isEmpty, "\(operation): \(dropped)")
        }
    }
}
