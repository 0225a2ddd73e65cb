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
        try refuseUnsimulated(Array(request.headers.keys) + Array(trailers.keys))
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

    /// Refuses an `x-amz-checksum-<algorithm>` header (or trailer) of an algorithm that is not
    /// simulated (XXHASH…) or not S3's, with the error the operations give for that algorithm by
    /// name, rather than dropping it and storing the object unverified.
    static func refuseUnsimulated(_ names: [String]) throws(AWSError) {
        for name in names.map({ $0.lowercased() }).sorted() where name.hasPrefix("x-amz-checksum-")
            && name != "x-amz-checksum-mode" && name != "x-amz-checksum-type" && name != "x-amz-checksum-algorithm" {
            _ = try S3ChecksumAlgorithm.named(String(name.dropFirst("x-amz-checksum-".count)))
        }
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
