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

    @Test func answersCarryTheChecksumHeaders() {
        let headers = S3Checksums.headers(["ETag": "\"x\"", "ChecksumSHA256": "abc=", "ChecksumType": "FULL_OBJECT"])
        #expect(headers.map(\.0) == ["x-amz-checksum-sha256", "x-amz-checksum-type"])
    }
}
