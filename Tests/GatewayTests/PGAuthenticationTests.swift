import Foundation
import Testing
@testable import Gateway

/// The password exchange's arithmetic against published values: RFC 7677's SCRAM-SHA-256
/// example (user "user", password "pencil") and a whole exchange played as a client would.
@Suite struct PGAuthenticationTests {
    @Test func scramKeysMatchRFC7677sExample() throws {
        let salt = try #require(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")).map { $0 }
        let clientFirstBare = "n=user,r=rOprNGfwEbeRWgbNEkqO"
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let finalWithoutProof = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
        let salted = PGAuthExchange.saltedPassword("pencil", salt: salt, iterations: 4096)
        let clientKey = PGAuthExchange.hmac(salted, Array("Client Key".utf8))
        let storedKey = PGAuthExchange.sha256(clientKey)
        let authMessage = Array((clientFirstBare + "," + serverFirst + "," + finalWithoutProof).utf8)
        let proof = zip(clientKey, PGAuthExchange.hmac(storedKey, authMessage)).map { $0 ^ $1 }
        #expect(Data(proof).base64EncodedString() == "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        let serverKey = PGAuthExchange.hmac(salted, Array("Server Key".utf8))
        #expect(Data(PGAuthExchange.hmac(serverKey, authMessage)).base64EncodedString() == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
    }

    /// Plays the client's side of SCRAM against the exchange: the right password is accepted
    /// with the server signature the client checks; a wrong one is refused with 28P01.
    @Test func scramExchangeAcceptsTheRightProofOnly() throws {
        for (password, accepted) in [("pencil", true), ("pencil2", false)] {
            var exchange = PGAuthExchange(PGAuthentication(method: .scram, password: "pencil"), user: "awsuser")
            let challenge = exchange.challenge()
            #expect(challenge.code == 10)
            #expect(challenge.data == Array("SCRAM-SHA-256".utf8) + [0, 0])
            let clientFirst = "n,,n=,r=clientnonce123"
            let initial = Array("SCRAM-SHA-256".utf8) + [0] + [0, 0, 0, UInt8(clientFirst.utf8.count)] + Array(clientFirst.utf8)
            guard case let .send(serverFirstBytes) = exchange.receive(initial) else { Issue.record("no server-first message"); return }
            let serverFirst = String(decoding: serverFirstBytes, as: UTF8.self)
            let nonce = try #require(PGAuthExchange.attribute("r", in: serverFirst))
            #expect(nonce.hasPrefix("clientnonce123") && nonce.count > "clientnonce123".count)
            let salt = try #require(PGAuthExchange.attribute("s", in: serverFirst).flatMap { Data(base64Encoded: $0) }).map { $0 }
            #expect(PGAuthExchange.attribute("i", in: serverFirst) == "4096")
            let withoutProof = "c=biws,r=\(nonce)"
            let salted = PGAuthExchange.saltedPassword(password, salt: salt, iterations: 4096)
            let clientKey = PGAuthExchange.hmac(salted, Array("Client Key".utf8))
            let authMessage = Array(("n=,r=clientnonce123," + serverFirst + "," + withoutProof).utf8)
            let proof = zip(clientKey, PGAuthExchange.hmac(PGAuthExchange.sha256(clientKey), authMessage)).map { $0 ^ $1 }
            let step = exchange.receive(Array((withoutProof + ",p=" + Data(proof).base64EncodedString()).utf8))
            switch step {
            case let .accepted(final?):
                #expect(accepted)
                let serverKey = PGAuthExchange.hmac(salted, Array("Server Key".utf8))
                #expect(String(decoding: final, as: UTF8.self) == "v=" + Data(PGAuthExchange.hmac(serverKey, authMessage)).base64EncodedString())
            case let .refused(code, message):
                #expect(!accepted)
                #expect(code == "28P01")
                #expect(message == "password authentication failed for user \"awsuser\"")
            default:
                Issue.record("unexpected step \(step)")
            }
        }
    }

    /// libpq's MD5 answer: "md5" + md5hex(md5hex(password + user) + salt), the expected value
    /// worked out with Python's hashlib for salt 01 02 03 04.
    @Test func md5ExchangeChecksLibpqsDoubleHash() throws {
        #expect(PGAuthExchange.md5Response(password: "pencil", user: "awsuser", salt: [1, 2, 3, 4]) == "md554fb5b6ef31b5f36a0b775fd3f8d558f")
        var exchange = PGAuthExchange(PGAuthentication(method: .md5, password: "pencil"), user: "awsuser")
        let challenge = exchange.challenge()
        #expect(challenge.code == 5)
        #expect(challenge.data.count == 4)
        let answer = PGAuthExchange.md5Response(password: "pencil", user: "awsuser", salt: challenge.data)
        guard case .accepted(nil) = exchange.receive(Array(answer.utf8) + [0]) else { Issue.record("right answer refused"); return }
        var wrong = PGAuthExchange(PGAuthentication(method: .md5, password: "pencil"), user: "awsuser")
        let salt = wrong.challenge().data
        let other = PGAuthExchange.md5Response(password: "pencil2", user: "awsuser", salt: salt)
        guard case .refused("28P01", _) = wrong.receive(Array(other.utf8) + [0]) else { Issue.record("a wrong password was accepted"); return }
    }
}
