import Estate
import Testing
@testable import Gateway

/// The `aws-chunked` encoding and S3's checksum headers, translated without a socket.
@Suite struct S3ChecksumWireTests {
    let s3 = S3RestProtocol(service: "s3api")

    @Test func chunksAreJoinedAndTheTrailerRead() throws {
        let body = Array("5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n".utf8)
        let decoded = try AWSChunkedBody.decode(body)
        #expect(decoded.data == Array("hello world".utf8))
        #expect(decoded.trailers == ["x-amz-checksum-crc32": "DUoRhQ=="])
        #expect(throws: AWSError.self) { try AWSChunkedBody.decode(Array("5\r\nhel".utf8)) }
        #expect(throws: AWSError.self) { try AWSChunkedBody.decode(Array("zz\r\nhello\r\n0\r\n\r\n".utf8)) }
    }

    @Test func aChunkedPutCarriesItsTrailerChecksumToTheOperation() throws {
        let body = Array("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n".utf8)
        let request = WireRequest(method: "PUT", path: "/b/k", headers: [
            "Host": "127.0.0.1:4566", "Content-Encoding": "aws-chunked", "x-amz-trailer": "x-amz-checksum-crc32",
            "x-amz-decoded-content-length": "11", "x-amz-sdk-checksum-algorithm": "CRC32"], body: body)
        let op = try s3.decode(request).get()
        #expect(op.parameters["BodyBase64"]?.stringValue == "aGVsbG8gd29ybGQ=")
        #expect(op.parameters["ChecksumCRC32"]?.stringValue == "DUoRhQ==")
        #expect(op.parameters["ChecksumAlgorithm"]?.stringValue == "CRC32")
    }

    @Test func headerRulesAreS3s() {
        func code(_ headers: [String: String], body: String = "x") -> String? {
            var all = headers
            all["Host"] = "127.0.0.1:4566"
            if case let .failure(error) = s3.decode(WireRequest(method: "PUT", path: "/b/k", headers: all, body: Array(body.utf8))) { return error.code }
            return nil
        }
        // The algorithm header without a checksum header or trailer is refused (400).
        #expect(code(["x-amz-sdk-checksum-algorithm": "CRC32"]) == "InvalidRequest")
        // A declared trailer that never arrives.
        #expect(code(["Content-Encoding": "aws-chunked", "x-amz-trailer": "x-amz-checksum-crc32"], body: "1\r\nx\r\n0\r\n\r\n") == "MalformedTrailerError")
        #expect(code(["Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": "2"], body: "1\r\nx\r\n0\r\n\r\n") == "IncompleteBody")
        #expect(code(["x-amz-checksum-crc32": "AAAAAA=="]) == nil, "verification is the operation's")
    }

    @Test func xxhashHeadersAndTrailersAreRefusedByName() throws {
        func refusal(_ headers: [String: String], body: String = "x", method: String = "PUT", query: String = "") -> AWSError? {
            var all = headers
            all["Host"] = "127.0.0.1:4566"
            if case let .failure(error) = s3.decode(WireRequest(method: method, path: "/b/k", query: query, headers: all, body: Array(body.utf8))) { return error }
            return nil
        }
        for name in ["xxhash64", "xxhash3", "xxhash128"] {
            let error = refusal(["x-amz-checksum-\(name)": "AAAAAAAAAAA=", "x-amz-sdk-checksum-algorithm": name.uppercased()])
            #expect(error?.code == "InvalidRequest" && error?.message.hasPrefix("The \(name.uppercased()) checksum algorithm is not supported.") == true)
            let trailer = refusal(["Content-Encoding": "aws-chunked", "x-amz-trailer": "x-amz-checksum-\(name)", "x-amz-decoded-content-length": "1"],
                                  body: "1\r\nx\r\n0\r\nx-amz-checksum-\(name):AAAAAAAAAAA=\r\n\r\n")
            #expect(trailer?.code == "InvalidRequest" && trailer?.message.contains(name.uppercased()) == true)
            let part = refusal(["x-amz-checksum-\(name)": "AAAAAAAAAAA="], query: "partNumber=1&uploadId=u")
            #expect(part?.code == "InvalidRequest")
            let complete = refusal(["x-amz-checksum-\(name)": "AAAAAAAAAAA="], body: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
                                   method: "POST", query: "uploadId=u")
            #expect(complete?.code == "InvalidRequest")
        }
        // SHA512 and MD5 travel to the operation, which verifies them.
        let sha512 = try s3.decode(WireRequest(method: "PUT", path: "/b/k", headers: ["Host": "127.0.0.1:4566", "x-amz-checksum-sha512": "c2hh",
                                                                                      "x-amz-checksum-md5": "bWQ1"], body: [])).get()
        #expect(sha512.parameters["ChecksumSHA512"]?.stringValue == "c2hh" && sha512.parameters["ChecksumMD5"]?.stringValue == "bWQ1")
        // The part list keeps an XXHASH member for the operation to refuse.
        let parts = try S3MultipartRequests.completedParts(Array("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ChecksumXXHASH3>AAAAAAAAAAA=</ChecksumXXHASH3></Part></CompleteMultipartUpload>".utf8))
        #expect(parts.arrayValue?.first?["ChecksumXXHASH3"]?.stringValue == "AAAAAAAAAAA=")
    }

    @Test func answersCarryTheChecksumHeaders() {
        let headers = S3Checksums.headers(["ETag": "\"x\"", "ChecksumSHA256": "abc=", "ChecksumType": "FULL_OBJECT"])
        #expect(headers.map(\.0) == ["x-amz-checksum-sha256", "x-amz-checksum-type"])
        #expect(S3Checksums.headers(["ChecksumSHA512": "a=", "ChecksumMD5": "b="]).map(\.0) == ["x-amz-checksum-sha512", "x-amz-checksum-md5"])
    }
}
