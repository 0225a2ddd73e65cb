import Estate
import Foundation

/// The `aws-chunked` content encoding SDKs use to stream an upload with its checksum after the
/// data: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` repeated, a zero-size chunk, then trailer
/// lines such as `x-amz-checksum-crc32:<base64>\r\n` and a blank line. Chunk signatures are not
/// checked here (signatures are verified on the headers only).
struct AWSChunkedBody: Equatable {
    var data: [UInt8]
    /// Trailer headers, names in lower case.
    var trailers: [String: String]

    /// Whether a request's body is in this encoding: its `Content-Encoding` says so, or its
    /// payload hash is one of SigV4's `STREAMING-…` values.
    static func isChunked(_ request: WireRequest) -> Bool {
        let encodings = (request.header("content-encoding") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return encodings.contains("aws-chunked") || (request.header("x-amz-content-sha256") ?? "").hasPrefix("STREAMING-")
    }

    static func decode(_ body: [UInt8]) throws(AWSError) -> AWSChunkedBody {
        var data: [UInt8] = []
        var i = 0
        func line() throws(AWSError) -> String {
            var j = i
            while j + 1 < body.count, !(body[j] == 13 && body[j + 1] == 10) { j += 1 }
            guard j + 1 < body.count else { throw malformed("a chunk line at byte \(i) does not end with CRLF") }
            let text = String(decoding: body[i..<j], as: UTF8.self)
            i = j + 2
            return text
        }
        while true {
            let header = try line()
            let sizeText = header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText, radix: 16), size >= 0 else { throw malformed("chunk size '\(sizeText)' is not hexadecimal") }
            if size == 0 { break }
            guard i + size + 2 <= body.count, body[i + size] == 13, body[i + size + 1] == 10 else {
                throw malformed("a chunk of \(size) bytes at byte \(i) is cut short")
            }
            data += body[i..<(i + size)]
            i += size + 2
        }
        var trailers: [String: String] = [:]
        while i < body.count {
            let trailer = try line()
            if trailer.isEmpty { break }
            guard let colon = trailer.firstIndex(of: ":") else {
                throw AWSError("MalformedTrailerError", "The request contained trailing data that was not well-formed or did not conform to our published schema.")
            }
            trailers[trailer[..<colon].lowercased()] = trailer[trailer.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return AWSChunkedBody(data: data, trailers: trailers)
    }

    private static func malformed(_ detail: String) -> AWSError {
        AWSError("IncompleteBody", "The aws-chunked body is not well formed: \(detail).")
    }
}
