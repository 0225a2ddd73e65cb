@testable import Estate
import Foundation
import Testing
@testable import Gateway

/// Copies and part reads on S3's REST protocol without a socket: `x-amz-copy-source` turning a
/// PUT into CopyObject or UploadPartCopy, their XML answers in botocore's element names, user
/// metadata as `x-amz-meta-*` headers, and `partNumber` answered as a 206 with the part count.
@Suite struct S3CopyWireTests {
    let estate = Estate(seed: 3)
    var gateway: Gateway { Gateway(estate: estate) }

    func call(_ method: String, _ path: String, query: String = "", body: [UInt8] = [], headers: [String: String] = [:]) -> WireResponse {
        var all = headers
        all["Host"] = "127.0.0.1:4566"
        return gateway.respond(to: WireRequest(method: method, path: path, query: query, headers: all, body: body)) { estate.execute($0) }
    }

    func element(_ name: String, in response: WireResponse) -> String? {
        guard let start = response.bodyText.range(of: "<\(name)>"), let end = response.bodyText.range(of: "</\(name)>", range: start.upperBound..<response.bodyText.endIndex) else { return nil }
        return String(response.bodyText[start.upperBound..<end.lowerBound])
    }

    func header(_ name: String, in response: WireResponse) -> String? { response.headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    @Test func copySourceNamesTheCopyOperations() throws {
        let s3 = S3RestProtocol(service: "s3api")
        func decode(_ query: String, _ headers: [String: String]) throws -> OperationRequest {
            try s3.decode(WireRequest(method: "PUT", path: "/b/k", query: query, headers: headers.merging(["Host": "127.0.0.1"]) { a, _ in a })).get()
        }
        let copy = try decode("", ["x-amz-copy-source": "src/a%20b", "x-amz-metadata-directive": "REPLACE", "x-amz-meta-Team": "data"])
        #expect(copy.operation == "CopyObject")
        #expect(copy.parameters["CopySource"] == "src/a%20b" && copy.parameters["MetadataDirective"] == "REPLACE")
        #expect(copy.parameters["Metadata"] == .object([("team", "data")]), "header names arrive in lower case")
        let part = try decode("partNumber=2&uploadId=u", ["x-amz-copy-source": "src/k", "x-amz-copy-source-range": "bytes=0-9"])
        #expect(part.operation == "UploadPartCopy" && part.parameters["PartNumber"] == 2 && part.parameters["CopySourceRange"] == "bytes=0-9")
        #expect(try decode("", [:]).operation == "PutObject")
    }

    @Test func copiesAnswerInXMLAndPartsAsRanges() throws {
        #expect(call("PUT", "/wire").status == 200)
        let put = call("PUT", "/wire/src", body: Array("hello".utf8), headers: ["Content-Type": "text/plain", "x-amz-meta-team": "data"])
        #expect(put.status == 200)
        let copied = call("PUT", "/wire/dst", headers: ["x-amz-copy-source": "/wire/src"])
        #expect(copied.status == 200, "\(copied.bodyText)")
        #expect(copied.bodyText.contains("<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), "\(copied.bodyText)")
        // hashlib.md5(b"hello").hexdigest(); S3 writes the quotes as entities or as they are, both parse.
        #expect(element("ETag", in: copied)?.contains("5d41402abc4b2a76b9719d911017c592") == true)
        #expect(element("LastModified", in: copied) == SimCalendar.iso8601(estate.now))
        let got = call("GET", "/wire/dst")
        #expect(got.bodyText == "hello" && header("x-amz-meta-team", in: got) == "data" && header("Content-Type", in: got) == "text/plain")
        let ranged = call("PUT", "/wire/x", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-range": "bytes=0-1"])
        #expect(ranged.status == 400 && element("Code", in: ranged) == "InvalidArgument", "a range is UploadPartCopy's")
        // ETag conditions hold or stop the copy (412); conditions on dates are not simulated: refused by name (501).
        let stale = call("PUT", "/wire/y", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-if-match": "\"abc\""])
        #expect(stale.status == 412 && element("Code", in: stale) == "PreconditionFailed")
        let same = call("PUT", "/wire/y", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-if-none-match": "5d41402abc4b2a76b9719d911017c592"])
        #expect(same.status == 412)
        let dated = call("PUT", "/wire/y", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-if-modified-since": "Thu, 01 Jan 2026 00:00:00 GMT"])
        #expect(dated.status == 501 && element("Code", in: dated) == "NotImplemented")
        #expect(call("GET", "/wire/y").status == 404, "no refused copy was written")
        #expect(call("PUT", "/wire/y", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-if-match": "\"5d41402abc4b2a76b9719d911017c592\""]).status == 200)
        let missing = call("PUT", "/wire/x", headers: ["x-amz-copy-source": "wire/none"])
        #expect(missing.status == 404 && element("Code", in: missing) == "NoSuchKey")

        let created = call("POST", "/wire/joined", query: "uploads")
        let id = try #require(element("UploadId", in: created))
        let part = call("PUT", "/wire/joined", query: "partNumber=1&uploadId=\(id)", headers: ["x-amz-copy-source": "wire/src", "x-amz-copy-source-range": "bytes=1-3"])
        #expect(part.status == 200 && part.bodyText.contains("<CopyPartResult"), "\(part.bodyText)")
        // hashlib.md5(b"ell").hexdigest()
        #expect(element("ETag", in: part)?.contains("3123059c1c816471780539f6b6b738dc") == true)
        let complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>3123059c1c816471780539f6b6b738dc</ETag></Part></CompleteMultipartUpload>"
        #expect(call("POST", "/wire/joined", query: "uploadId=\(id)", body: Array(complete.utf8)).status == 200)
        let first = call("GET", "/wire/joined", query: "partNumber=1")
        #expect(first.status == 206 && first.bodyText == "ell")
        #expect(header("x-amz-mp-parts-count", in: first) == "1" && header("Content-Range", in: first) == "bytes 0-2/3")
        let head = call("HEAD", "/wire/joined", query: "partNumber=1")
        #expect(head.status == 206 && header("Content-Length", in: head) == "3" && head.body.isEmpty)
        let past = call("GET", "/wire/joined", query: "partNumber=2")
        #expect(past.status == 416 && element("Code", in: past) == "InvalidPartNumber")
        #expect(call("GET", "/wire/joined", query: "partNumber=x").status == 400)
    }
}
