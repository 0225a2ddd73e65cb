import Crypto
import Foundation

/// How the leader authenticates a connection: trust (the default, as a local PostgreSQL's
/// `trust` line), or a password checked with MD5 or SCRAM-SHA-256, PostgreSQL's two password
/// methods. The one password holds for every user name, as the cluster's master password does.
public struct PGAuthentication: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case md5
        case scram = "scram-sha-256"
    }

    public let method: Method
    public let password: String

    public init(method: Method, password: String) {
        self.method = method
        self.password = password
    }

    /// PostgreSQL's iteration count for SCRAM-SHA-256 (`scram_iterations`' default).
    static let iterations = 4096
}

/// One connection's password exchange: the challenge to send after the startup message, then
/// each password message's answer until the client is in or refused.
struct PGAuthExchange {
    enum Step {
        /// Messages to send; the exchange goes on.
        case send([UInt8])
        /// Authentication succeeded: send these (the SCRAM server signature, if any), then AuthenticationOk.
        case accepted([UInt8]?)
        /// The password is wrong or the message broken: PostgreSQL's FATAL error, then close.
        case refused(code: String, message: String)
    }

    let authentication: PGAuthentication
    let user: String
    private var md5Salt: [UInt8] = []
    private var scramSalt: [UInt8] = []
    private var clientFirstBare = ""
    private var serverFirst = ""
    private var nonce = ""
    private var gs2Header = ""

    init(_ authentication: PGAuthentication, user: String) {
        self.authentication = authentication
        self.user = user
    }

    var failure: Step { .refused(code: "28P01", message: "password authentication failed for user \"\(user)\"") }

    /// The first challenge: AuthenticationMD5Password with a salt, or AuthenticationSASL naming SCRAM-SHA-256.
    mutating func challenge() -> (code: Int32, data: [UInt8]) {
        var random = SystemRandomNumberGenerator()
        switch authentication.method {
        case .md5:
            md5Salt = (0..<4).map { _ in UInt8.random(in: 0...255, using: &random) }
            return (5, md5Salt)
        case .scram:
            scramSalt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
            return (10, Array("SCRAM-SHA-256".utf8) + [0, 0])
        }
    }

    /// Answers one PasswordMessage / SASLInitialResponse / SASLResponse body.
    mutating func receive(_ body: [UInt8]) -> Step {
        switch authentication.method {
        case .md5:
            let sent = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
            return sent == Self.md5Response(password: authentication.password, user: user, salt: md5Salt) ? .accepted(nil) : failure
        case .scram:
            return serverFirst.isEmpty ? scramFirst(body) : scramFinal(body)
        }
    }

    /// `"md5" + md5hex(md5hex(password + user) + salt)`, what libpq sends.
    static func md5Response(password: String, user: String, salt: [UInt8]) -> String {
        let inner = hex(Insecure.MD5.hash(data: Array((password + user).utf8)))
        return "md5" + hex(Insecure.MD5.hash(data: Array(inner.utf8) + salt))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - SCRAM-SHA-256 (RFC 5802, RFC 7677)

    /// SASLInitialResponse: mechanism name, then the client-first-message `n,,n=user,r=nonce`.
    private mutating func scramFirst(_ body: [UInt8]) -> Step {
        guard let nameEnd = body.firstIndex(of: 0) else { return malformed }
        let mechanism = String(decoding: body[..<nameEnd], as: UTF8.self)
        guard mechanism == "SCRAM-SHA-256" else {
            return .refused(code: "28000", message: "SASL authentication mechanism \(mechanism) is not supported; the server offers SCRAM-SHA-256")
        }
        let rest = Array(body[(nameEnd + 1)...])
        guard rest.count >= 4 else { return malformed }
        let message = String(decoding: rest[4...], as: UTF8.self)
        // gs2 header: channel binding flag, authzid; then the bare message.
        let parts = message.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "n" || parts[0] == "y" else {
            return .refused(code: "08P01", message: "malformed SCRAM message: channel binding is not offered without SSL")
        }
        gs2Header = parts[0] + "," + parts[1] + ","
        clientFirstBare = String(parts[2])
        guard let clientNonce = Self.attribute("r", in: clientFirstBare), !clientNonce.isEmpty else { return malformed }
        var random = SystemRandomNumberGenerator()
        let serverNonce = Data((0..<18).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString()
        nonce = clientNonce + serverNonce
        serverFirst = "r=\(nonce),s=\(Data(scramSalt).base64EncodedString()),i=\(PGAuthentication.iterations)"
        return .send(Array(serverFirst.utf8))
    }

    /// SASLResponse: `c=<gs2 header>,r=<nonce>,p=<proof>`; the proof shows the client knows the password.
    private mutating func scramFinal(_ body: [UInt8]) -> Step {
        let message = String(decoding: body, as: UTF8.self)
        guard let proofRange = message.range(of: ",p=") else { return malformed }
        let withoutProof = String(message[..<proofRange.lowerBound])
        guard Self.attribute("c", in: message) == Data(gs2Header.utf8).base64EncodedString(),
              Self.attribute("r", in: message) == nonce,
              let proof = Self.attribute("p", in: message).flatMap({ Data(base64Encoded: $0) }).map(Array.init), proof.count == 32
        else { return malformed }
        let salted = Self.saltedPassword(authentication.password, salt: scramSalt, iterations: PGAuthentication.iterations)
        let clientKey = Self.hmac(salted, Array("Client Key".utf8))
        let storedKey = Self.sha256(clientKey)
        let authMessage = Array((clientFirstBare + "," + serverFirst + "," + withoutProof).utf8)
        let signature = Self.hmac(storedKey, authMessage)
        let recovered = zip(proof, signature).map { $0 ^ $1 }
        guard Self.sha256(recovered) == storedKey else { return failure }
        let serverKey = Self.hmac(salted, Array("Server Key".utf8))
        return .accepted(Array("v=\(Data(Self.hmac(serverKey, authMessage)).base64EncodedString())".utf8))
    }

    private var malformed: Step { .refused(code: "08P01", message: "malformed SCRAM message") }

    /// The value of `name=` in a SCRAM attribute list.
    static func attribute(_ name: Character, in message: String) -> String? {
        for part in message.split(separator: ",") where part.count >= 2 && part.first == name && part.dropFirst().first == "=" {
            return String(part.dropFirst(2))
        }
        return nil
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    static func hmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// SCRAM's Hi(): PBKDF2 with HMAC-SHA-256 and one output block.
    static func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = Array(password.utf8)
        var u = hmac(key, salt + [0, 0, 0, 1])
        var result = u
        for _ in 1..<iterations {
            u = hmac(key, u)
            for k in result.indices { result[k] ^= u[k] }
        }
        return result
    }
}
