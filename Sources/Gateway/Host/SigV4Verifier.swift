import Crypto
import Foundation

/// Checks AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 Credential=…,
/// SignedHeaders=…, Signature=…`) against known keys, as AWS does before running a request.
///
/// The canonical request follows AWS's "Create a canonical request for Signature Version 4":
/// method, URI (each segment encoded again, except for S3), sorted query, the signed headers with
/// whitespace folded, the signed header names, and the payload's SHA-256 (or S3's
/// `x-amz-content-sha256`). Optional: the endpoint checks only when started with keys.
public struct SigV4Verifier: Sendable {
    /// Secret keys by access key id.
    let secrets: [String: String]

    public init(secrets: [String: String]) { self.secrets = secrets }

    enum Failure: Equatable {
        case missing, unknownKey(String), mismatch
    }

    func check(_ request: WireRequest, isS3: Bool) -> Failure? {
        guard let auth = request.header("authorization"), auth.hasPrefix("AWS4-HMAC-SHA256 ") else { return .missing }
        var fields: [String: String] = [:]
        for part in auth.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"], let signature = fields["Signature"],
              let date = request.header("x-amz-date") else { return .missing }
        let scope = credential.split(separator: "/").map(String.init)
        guard scope.count == 5 else { return .missing }
        guard let secret = secrets[scope[0]] else { return .unknownKey(scope[0]) }
        let names = signedHeaders.split(separator: ";").map(String.init)
        let canonical = [
            request.method,
            // S3 signs the path as sent; other services encode the (already encoded) path again.
            isS3 ? (request.path.isEmpty ? "/" : request.path) : Self.encode(request.path.isEmpty ? "/" : request.path, keepSlash: true),
            Self.canonicalQuery(request.query),
            names.map { "\($0):\(Self.fold(request.header($0) ?? ""))\n" }.joined(),
            signedHeaders,
            request.header("x-amz-content-sha256") ?? Self.hex(SHA256.hash(data: request.body)),
        ].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", date, scope[1...].joined(separator: "/"), Self.hex(SHA256.hash(data: Data(canonical.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [scope[1], scope[2], scope[3], scope[4]] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let expected = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return expected == signature ? nil : .mismatch
    }

    /// The query's pairs decoded, sorted, and encoded again with AWS's unreserved set.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { item -> (String, String) in
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (encode(decode(kv[0]), keepSlash: false), encode(kv.count > 1 ? decode(kv[1]) : "", keepSlash: false))
        }
        return pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Percent-encodes all but A-Z a-z 0-9 - _ . ~ (and `/` when asked), upper-case hex.
    static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-_.~".contains(c) || (keepSlash && c == "/") {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func fold(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Keys from an AWS CLI credentials file (`aws_access_key_id = …` / `aws_secret_access_key = …`
    /// in any profile).
    public static func keys(credentialsFile text: String) -> [String: String] {
        var keys: [String: String] = [:]
        var id: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let pair = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { if line.hasPrefix("[") { id = nil }; continue }
            if pair[0] == "aws_access_key_id" { id = pair[1] }
            if pair[0] == "aws_secret_access_key", let key = id { keys[key] = pair[1] }
        }
        return keys
    }
}
