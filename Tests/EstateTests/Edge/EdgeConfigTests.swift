@testable import Estate
import Foundation
import Testing

/// The rule language and the `edge:` section: mistakes are config errors at their file and line,
/// and nothing is half-loaded.
@Suite struct EdgeConfigTests {
    static let good = "name: good\nrules:\n  - then:\n      - set-header: { name: x-a, value: b }\n"

    static func error(_ files: [String: String], attach: [String: String] = ["viewer-request": "good"]) -> ConfigError? {
        do {
            _ = try EdgeFixtures.singleBehaviour(attach, files: files)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ("name: bad\nrules:\n  - when: { uri: /x }\n    then:\n      - explode: now\n", 5, "unknown key 'explode'"),
        ("name: bad\nrules:\n  - when: { url: /x }\n    then: { rewrite-uri: /y }\n", 3, "unknown key 'url'"),
        ("name: bad\nrules:\n  - when: { uri: /x }\n", 3, "needs then:"),
        ("name: bad\nrules:\n  - then:\n      - rewrite-uri: nope\n", 4, "must start with '/'"),
        ("name: bad\nrules:\n  - then:\n      - redirect: { location: /a, status: 200 }\n", 4, "between 300 and 399"),
        ("name: bad\nrules:\n  - then:\n      - set-header: { name: \"a b\", value: c }\n", 4, "not a valid header name"),
        ("name: bad\nruntime: ruby3.3\ncode: x.rb\n", 2, "runtime must be"),
        ("name: bad\nrules: [\n", nil, "YAML"),
    ] as [(String, Int?, String)])
    func aMalformedFunctionIsAConfigErrorAtItsLine(text: String, line: Int?, message: String) throws {
        let failure = try #require(Self.error(["good.yaml": Self.good, "bad.yaml": text]))
        #expect(failure.file == "bad.yaml")
        if let line { #expect(failure.line == line) }
        #expect(failure.message.contains(message), "\(failure)")
    }

    @Test func latestCannotBeAttachedFromConfig() throws {
        let failure = try #require(Self.error(["good.yaml": Self.good], attach: ["viewer-request": "good:$LATEST"]))
        #expect(failure.message.contains("$LATEST"))
        #expect(failure.line != nil)
    }

    @Test func anUnknownFunctionIsNamedWithASuggestion() throws {
        let failure = try #require(Self.error(["good.yaml": Self.good], attach: ["viewer-request": "goood"]))
        #expect(failure.message.contains("unknown function 'goood'"))
        #expect(failure.message.contains("good"))
    }

    @Test func nothingHalfLoads() throws {
        // The first file is fine; the second is broken: parsing fails before anything is created.
        let text = "name: cfg\nedge:\n  functions:\n    - a.yaml\n    - b.yaml\n"
        let files = ["a.yaml": Self.good.replacingOccurrences(of: "good", with: "a"), "b.yaml": "name: b\nrules:\n  - then: { nope: 1 }\n"]
        #expect(throws: ConfigError.self) { try EstateConfig.parse(text, file: "estate.yaml") { files[$0] } }
        // And the same config with the broken file fixed creates both.
        let fixed = files.merging(["b.yaml": Self.good.replacingOccurrences(of: "good", with: "b")]) { $1 }
        let config = try EstateConfig.parse(text, file: "estate.yaml") { fixed[$0] }
        #expect(config.edge?.functions.map(\.name) == ["a", "b"])
    }

    @Test func theEmbeddedEdgeFilesMatchConfigEdge() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Config/edge")
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var onDisk: [String: String] = [:]
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let relative = "edge/" + url.path.dropFirst(folder.path.count + 1)
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(onDisk == EdgeDefaults.files, "run python3 scripts/embed_config.py")
    }

    @Test func sessionCookiesAreCheckedForSignatureAndExpiry() {
        let signer = SessionSigner(secret: "0123456789abcdef-test")
        let now = SimInstant(milliseconds: 1_000_000)
        let cookie = signer.sign(user: "bob", expires: now + .minutes(5))
        #expect(signer.verify(cookie, now: now) == .success("bob"))
        #expect(signer.verify(cookie, now: now + .minutes(6)) == .failure(.expired))
        #expect(signer.verify(nil, now: now) == .failure(.missing))
        #expect(signer.verify("bob.123", now: now) == .failure(.malformed))
        #expect(SessionSigner(secret: "another-secret-entirely").verify(cookie, now: now) == .failure(.forged))
        #expect(signer.verify(cookie.replacingOccurrences(of: "bob.", with: "eve."), now: now) == .failure(.forged))
    }
}
