import Crypto

/// Session cookies signed with HMAC-SHA256: `user.expiresUnixSeconds.signatureHex`.
///
/// The expiry is checked against the simulation clock, so an estate can rehearse sessions running
/// out by advancing virtual time; the secret comes from the estate's edge config.
public struct SessionSigner: Sendable {
    public let secret: String
    /// Made once: traffic signs and checks a cookie on most account requests. Never mutated after
    /// init, so sharing it is safe although the type does not say so.
    nonisolated(unsafe) private let key: SymmetricKey

    public init(secret: String) {
        self.secret = secret
        key = SymmetricKey(data: Array(secret.utf8))
    }

    public enum Rejection: Error, Equatable, Sendable { case missing, malformed, forged, expired }

    /// A cookie value for `user`, valid until `expires`.
    public func sign(user: String, expires: SimInstant) -> String {
        let payload = "\(user).\(Int64(SimCalendar.unixSeconds(expires)))"
        return payload + "." + signature(payload)
    }

    public func verify(_ value: String?, now: SimInstant) -> Result<String, Rejection> {
        guard let value, !value.isEmpty else { return .failure(.missing) }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let expires = Int64(parts[1]) else { return .failure(.malformed) }
        let payload = "\(parts[0]).\(parts[1])"
        guard Self.constantTimeEqual(signature(payload), String(parts[2])) else { return .failure(.forged) }
        guard Double(expires) > SimCalendar.unixSeconds(now) else { return .failure(.expired) }
        return .success(String(parts[0]))
    }

    private func signature(_ payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: key)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in mac { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 0xF)]) }
        return String(decoding: hex, as: UTF8.self)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// A user name the cookie format can carry.
    public static func isValidUser(_ user: String) -> Bool {
        !user.isEmpty && user.count <= 64 && user.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
