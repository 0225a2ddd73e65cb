@testable import Estate
import Testing

/// What each trigger may and may not do, and the limits CloudFront enforces (AWS's Lambda@Edge documentation).
@Suite struct TriggerPowersTests {
    static func rules(_ name: String, _ body: String, extra: String = "") -> String {
        "name: \(name)\n\(extra)rules:\n  - then:\n\(body)"
    }

    @Test func viewerRequestCanAnswerInsteadOfTheOriginAndIsNotCached() throws {
        let files = ["gen.yaml": Self.rules("gen", "      - respond: { status: 418, body: teapot }\n"),
                     "vres.yaml": Self.rules("vres", "      - set-header: { name: x-vres, value: \"1\" }\n")]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "gen", "viewer-response": "vres"], files: files)
        for _ in 0..<2 {
            let reply = EdgeFixtures.request(estate, "GET /index.html")
            #expect(EdgeFixtures.status(reply) == "418")
            #expect(reply["Response"]?["body"] == "teapot")
            #expect(reply["OriginRequest"] == .null)
            #expect(reply["Cache"] == "Miss")
            #expect(EdgeFixtures.header(reply, "x-cache") == "LambdaGeneratedResponse from cloudfront")
            // Viewer-response does not run for a response generated at viewer-request.
            #expect(EdgeFixtures.trace(reply) == ["viewer-request:gen"])
        }
    }

    @Test func viewerRequestCannotChangeReadOnlyHeaders() throws {
        let files = ["host.yaml": Self.rules("host", "      - set-header: { name: host, value: evil.example.com }\n")]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "host"], files: files)
        let reply = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.status(reply) == "502")
        #expect(reply["Response"]?["statusDescription"] == "Bad Gateway")
        #expect(EdgeFixtures.header(reply, "x-cache") == "Error from cloudfront")
        #expect(reply["Error"]?.stringValue?.hasPrefix("LambdaValidationError") == true)
        #expect(reply["OriginRequest"] == .null)
    }

    /// AWS's read-only headers per trigger: changing one fails the request with a 502; the same
    /// header where it is not read-only goes through.
    @Test(arguments: [
        ("viewer-request", "host", "502"), ("viewer-request", "via", "502"),
        ("origin-request", "accept-encoding", "502"), ("origin-request", "if-none-match", "502"), ("origin-request", "via", "502"),
        ("origin-request", "host", "200"),
        ("origin-response", "transfer-encoding", "502"), ("origin-response", "via", "502"), ("origin-response", "content-length", "200"),
        ("viewer-response", "content-encoding", "502"), ("viewer-response", "warning", "502"), ("viewer-response", "via", "502"),
        ("viewer-response", "x-extra", "200"),
    ])
    func eachTriggerHasItsReadOnlyHeaders(trigger: String, header: String, expected: String) throws {
        let files = ["ro.yaml": Self.rules("ro", "      - set-header: { name: \(header), value: changed }\n")]
        let estate = try EdgeFixtures.singleBehaviour([trigger: "ro"], files: files)
        let reply = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.status(reply) == expected)
        if expected == "502" {
            #expect(reply["Error"]?.stringValue?.contains("the \(header) header is read-only in \(trigger)") == true, "\(reply["Error"]?.serialized() ?? "")")
        }
    }

    @Test func noTriggerMayTouchDisallowedHeaders() throws {
        let files = ["xc.yaml": Self.rules("xc", "      - set-header: { name: x-cache, value: fake }\n")]
        let estate = try EdgeFixtures.singleBehaviour(["origin-response": "xc"], files: files)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "502")
    }

    @Test func viewerResponseCannotChangeTheStatus() throws {
        let files = ["st.yaml": Self.rules("st", "      - set-status: 500\n")]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-response": "st"], files: files)
        let reply = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.status(reply) == "502")
        #expect(reply["Error"]?.stringValue?.contains("cannot change the status") == true)
    }

    @Test func viewerResponseCannotChangeContentLength() throws {
        let files = ["cl.yaml": Self.rules("cl", "      - set-header: { name: content-length, value: \"1\" }\n")]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-response": "cl"], files: files)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "502")
    }

    @Test func originResponseCanChangeTheStatus() throws {
        let files = ["fix.yaml": "name: fix\nrules:\n  - when: { status: 404 }\n    then:\n      - set-status: 301\n      - set-header: { name: location, value: / }\n"]
        let estate = try EdgeFixtures.singleBehaviour(["origin-response": "fix"], files: files)
        let reply = EdgeFixtures.request(estate, "GET /gone.html")
        #expect(EdgeFixtures.status(reply) == "301")
        #expect(EdgeFixtures.header(reply, "location") == "/")
    }

    @Test(arguments: [("viewer-request", 41 * 1024, "502"), ("origin-request", 41 * 1024, "200"),
                      ("origin-request", 1024 * 1024 + 1, "502")])
    func generatedResponsesAreLimitedPerTrigger(trigger: String, bytes: Int, expected: String) throws {
        let body = String(repeating: "x", count: bytes)
        let files = ["big.yaml": Self.rules("big", "      - respond: { status: 200, body: \(body) }\n")]
        let estate = try EdgeFixtures.singleBehaviour([trigger: "big"], files: files)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == expected)
    }

    @Test func simulatedRunTimeCountsAgainstTheTriggerTimeout() throws {
        let files = [
            "slow-viewer.yaml": Self.rules("slow-viewer", "      - set-header: { name: x-a, value: b }\n", extra: "timeout: 5\nsimulated-duration: 6s\n"),
            "slow-origin.yaml": Self.rules("slow-origin", "      - set-header: { name: x-a, value: b }\n", extra: "timeout: 30\nsimulated-duration: 6s\n"),
        ]
        let viewer = try EdgeFixtures.singleBehaviour(["viewer-request": "slow-viewer"], files: files)
        let reply = EdgeFixtures.request(viewer, "GET /index.html")
        #expect(EdgeFixtures.status(reply) == "503")
        #expect(reply["Error"]?.stringValue?.hasPrefix("LambdaExecutionError") == true)
        // Six seconds is within the origin triggers' 30 s.
        let origin = try EdgeFixtures.singleBehaviour(["origin-request": "slow-origin"], files: files)
        #expect(EdgeFixtures.status(EdgeFixtures.request(origin, "GET /index.html")) == "200")
    }

    @Test func aFunctionTimeoutAboveTheViewerLimitCannotBeAttached() throws {
        let files = ["long.yaml": Self.rules("long", "      - set-header: { name: x-a, value: b }\n", extra: "timeout: 10\n")]
        #expect(throws: ConfigError.self) { try EdgeFixtures.singleBehaviour(["viewer-request": "long"], files: files) }
        #expect(throws: Never.self) { try EdgeFixtures.singleBehaviour(["origin-request": "long"], files: files) }
    }

    @Test func viewerRequestRewritesTheURIForTheCacheAndOrigin() throws {
        let files = ["rw.yaml": "name: rw\nrules:\n  - when: { uri: /old }\n    then: { rewrite-uri: /docs/index.html }\n"]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "rw"], files: files)
        let reply = EdgeFixtures.request(estate, "GET /old")
        #expect(reply["OriginRequest"]?["uri"] == "/docs/index.html")
        #expect(EdgeFixtures.status(reply) == "200")
    }

    @Test func invocationsBeyondTheConcurrencyLimitAreThrottled() throws {
        let files = ["busy.yaml": Self.rules("busy", "      - set-header: { name: x-a, value: b }\n",
                                             extra: "reserved-concurrency: 1\nsimulated-duration: 400ms\n")]
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "busy"], files: files)
        // Three runs of 0.4 s fill one concurrent execution within the same virtual second.
        for _ in 0..<3 { #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200") }
        let throttled = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.status(throttled) == "503")
        #expect(throttled["Error"]?.stringValue?.hasPrefix("LambdaLimitExceeded") == true)
        #expect(estate.edge.metrics(function: "busy", event: .viewerRequest).throttles == 1)
        estate.advance(by: .seconds(1))
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200")
    }

    @Test func codeOverTheViewerSizeLimitCannotBeAttachedThere() throws {
        let padding = String(repeating: "x", count: 1024 * 1024)
        let files = ["huge.yaml": Self.rules("huge", "      - set-header: { name: x-a, value: b }\n", extra: "description: \(padding)\n")]
        let error = try #require(throws: ConfigError.self) { try EdgeFixtures.singleBehaviour(["viewer-request": "huge"], files: files) }
        #expect(error.message.contains("InvalidLambdaFunctionAssociation"))
        #expect(throws: Never.self) { try EdgeFixtures.singleBehaviour(["origin-request": "huge"], files: files) }
    }
}
