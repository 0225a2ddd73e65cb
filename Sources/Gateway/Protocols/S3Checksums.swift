import Estate
import Foundation

/// S3's additional checksums on the wire: `x-amz-checksum-<algorithm>` in a PUT's headers or in
/// its `aws-chunked` trailer, `x-amz-sdk-checksum-algorithm` naming it, and the same headers (with
/// `x-amz-checksum-type`) in the answers.
enum S3Checksums {
    /// PutObject's or UploadPart's body (undone from `aws-chunked`) and its checksum members (with `Content-MD5`).
    static func putObject(_ request: WireRequest) throws(AWSError) -> (body: [UInt8], members: [(String, JSONValue)]) {
        var body = request.body
        var trailers: [String: String] = [:]
        if AWSChunkedBody.isChunked(request) {
            let chunked = try AWSChunkedBody.decode(request.body)
            if let declared = request.header("x-amz-decoded-content-length"), Int(declared) != chunked.data.count {
                throw AWSError("IncompleteBody", "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header (\(declared); the chunks hold \(chunked.data.count)).")
            }
            body = chunked.data
            trailers = chunked.trailers
        }
        // A declared trailer must arrive.
        for name in (request.header("x-amz-trailer") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
            where !name.isEmpty && trailers[name] == nil {
            throw AWSError("MalformedTrailerError", "The request contained trailing data that was not well-formed or did not conform to our published schema.")
        }
        var members: [(String, JSONValue)] = []
        for name in (request.headers.keys.sorted() + trailers.keys.sorted()) where name.hasPrefix("x-amz-checksum-")
            && name != "x-amz-checksum-mode" && name != "x-amz-checksum-type"
            && !S3ChecksumAlgorithm.allCases.contains(where: { $0.header == name }) {
            let algorithm = name.dropFirst("x-amz-checksum-".count).uppercased()
            throw AWSError("NotImplemented", "The \(algorithm) checksum is not simulated; use " + S3ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let value = request.header(algorithm.header) ?? trailers[algorithm.header] { members.append((algorithm.member, .string(value))) }
        }
        if let md5 = request.header("content-md5") { members.append(("ContentMD5", .string(md5))) }
        if let named = request.header("x-amz-sdk-checksum-algorithm") {
            // S3: with this header "there must be a corresponding x-amz-checksum-algorithm or
            // x-amz-trailer header sent. Otherwise, Amazon S3 fails the request with … 400".
            guard !members.isEmpty else {
                throw AWSError("InvalidRequest", "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.")
            }
            members.append(("ChecksumAlgorithm", .string(named)))
        }
        return (body, members)
    }

    /// The checksum headers of a PutObject, GetObject or HeadObject answer.
    static func headers(_ value: JSONValue) -> [(String, String)] {
        var headers: [(String, String)] = []
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let v = value[algorithm.member]?.stringValue { headers.append((algorithm.header, v)) }
        }
        if let type = value["ChecksumType"]?.stringValue { headers.append(("x-amz-checksum-type", type)) }
        return headers
    }
}
