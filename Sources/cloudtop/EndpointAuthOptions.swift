import ArgumentParser
import Foundation
import Gateway

/// `--verify-signatures`, `--pg-password` and `--pg-auth`: who may use the endpoints. Shared by
/// `serve` and the dashboard's `--listen`, so both check callers the same way.
struct EndpointAuthOptions: ParsableArguments {
    @Flag(name: .customLong("verify-signatures"),
          help: "Check each request's SigV4 signature against the keys in the config directory's `credentials` file (the AWS CLI's format).")
    var verifySignatures = false

    @Option(name: .customLong("pg-password"), help: "Password the PostgreSQL endpoint asks every user for (default: none, trust).")
    var pgPassword: String?

    @Option(name: .customLong("pg-auth"), help: "How --pg-password is checked: scram-sha-256 (the default) or md5.")
    var pgAuth: String?

    func validate() throws {
        _ = try pgAuthentication()
    }

    /// Whether any of these options was given (the dashboard takes them only with `--listen`).
    var isSet: Bool { verifySignatures || pgPassword != nil || pgAuth != nil }

    /// The PostgreSQL endpoint's authentication: nil (trust) without a password.
    func pgAuthentication() throws -> PGAuthentication? {
        let methods = PGAuthentication.Method.allCases.map(\.rawValue).joined(separator: " or ")
        let method = try pgAuth.map { name in
            guard let m = PGAuthentication.Method(rawValue: name.lowercased()) else { throw ValidationError("--pg-auth \(name): expected \(methods)") }
            return m
        }
        guard let pgPassword else {
            if let pgAuth { throw ValidationError("--pg-auth \(pgAuth) needs --pg-password") }
            return nil
        }
        guard !pgPassword.isEmpty else { throw ValidationError("--pg-password: the password is empty; leave the option out for trust") }
        return PGAuthentication(method: method ?? .scram, password: pgPassword)
    }

    /// With `--verify-signatures`, the keys of `credentials` in the config directory; a missing
    /// or keyless file is an error before anything listens.
    func signatureVerifier(configDirectory: String?) throws -> SigV4Verifier? {
        guard verifySignatures else { return nil }
        guard let configDirectory else {
            throw ValidationFailure("--verify-signatures needs keys: give --config DIR with a `credentials` file in the AWS CLI's format")
        }
        let path = (configDirectory as NSString).appendingPathComponent("credentials")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationFailure("--verify-signatures: cannot read \(path) (the keys, in the AWS CLI's credentials format)")
        }
        let keys = SigV4Verifier.keys(credentialsFile: text)
        guard !keys.isEmpty else {
            throw ValidationFailure("--verify-signatures: \(path) has no aws_access_key_id with an aws_secret_access_key")
        }
        return SigV4Verifier(secrets: keys)
    }
}
