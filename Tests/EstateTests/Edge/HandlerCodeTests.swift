@testable import Estate
import Testing

/// Handler code in real worker processes: Node.js, Python and CloudFront Functions, and handlers
/// that crash, hang or answer garbage. Each test is skipped, with a printed reason, where its
/// runtime is not installed.
@Suite(.serialized) struct HandlerCodeTests {
    static func available(_ runtime: EdgeRuntime) -> Bool {
        let ok = ProcessCodeRunner().isAvailable(runtime)
        if !ok { print("skipping: \(runtime.rawValue) is not installed on this machine") }
        return ok
    }

    static func function(_ name: String, runtime: String, code file: String, handler: String? = nil, timeout: Int = 3) -> String {
        "name: \(name)\nruntime: \(runtime)\n\(handler.map { "handler: \($0)\n" } ?? "")code: \(file)\ntimeout: \(timeout)\n"
    }

    @Test func aNodeHandlerRunsWarmAfterItsColdStart() throws {
        guard Self.available(.nodejs20) else { return }
        let code = """
        exports.handler = async (event) => {
          const response = event.Records[0].cf.response;
          response.headers['x-from-node'] = [{ key: 'X-From-Node', value: event.Records[0].cf.config.eventType }];
          return response;
        };
        """
        let files = ["n.yaml": Self.function("n", runtime: "nodejs20.x", code: "n.js", handler: "n.handler"), "n.js": code]
        let runner = ProcessCodeRunner()
        defer { runner.shutdown() }
        let estate = try EdgeFixtures.singleBehaviour(["viewer-response": "n"], files: files, runner: runner)
        let first = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.header(first, "x-from-node") == "viewer-response")
        #expect(first["Trace"]?[0]?["ColdStart"] == true)
        let second = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.header(second, "x-from-node") == "viewer-response")
        #expect(second["Trace"]?.arrayValue?.first?["ColdStart"] == false)
        // The trace shows the real event the handler was given.
        #expect(first["Trace"]?.arrayValue?.first?["Input"]?["Records"]?.arrayValue?.first?["cf"]?["config"]?["eventType"] == "viewer-response")
    }

    @Test func aPythonHandlerCanAnswerAtViewerRequest() throws {
        guard Self.available(.python311) else { return }
        let code = """
        def handler(event, context):
            request = event["Records"][0]["cf"]["request"]
            if request["uri"] == "/py":
                return {"status": "200", "statusDescription": "OK", "body": "from python " + request["method"],
                        "headers": {"content-type": [{"key": "Content-Type", "value": "text/plain"}]}}
            request["headers"]["x-py"] = [{"key": "X-Py", "value": "seen"}]
            return request
        """
        let files = ["p.yaml": Self.function("p", runtime: "python3.11", code: "p.py", handler: "p.handler"), "p.py": code]
        let runner = ProcessCodeRunner()
        defer { runner.shutdown() }
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "p"], files: files, runner: runner)
        let generated = EdgeFixtures.request(estate, "GET /py")
        #expect(EdgeFixtures.status(generated) == "200")
        #expect(generated["Response"]?["body"] == "from python GET")
        #expect(generated["OriginRequest"] == .null)
        let passed = EdgeFixtures.request(estate, "GET /index.html")
        #expect(passed["OriginRequest"]?["headers"]?["x-py"]?.arrayValue?.first?["value"] == "seen")
    }

    @Test func aCloudFrontFunctionGetsItsOwnEventShape() throws {
        guard Self.available(.cloudFrontJS) else { return }
        let code = """
        function handler(event) {
          var request = event.request;
          request.headers['x-host-seen'] = { value: event.request.headers['host'].value };
          request.headers['x-event'] = { value: event.context.eventType };
          return request;
        }
        """
        let files = ["cf.yaml": "name: cf\nruntime: cloudfront-js-2.0\ncode: cf.js\n", "cf.js": code]
        let runner = ProcessCodeRunner()
        defer { runner.shutdown() }
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "cf"], files: files, runner: runner)
        let reply = EdgeFixtures.request(estate, "GET /index.html")
        let domain = estate.edge.distributions[0].domainName
        #expect(reply["OriginRequest"]?["headers"]?["x-host-seen"]?.arrayValue?.first?["value"]?.stringValue == domain)
        #expect(reply["OriginRequest"]?["headers"]?["x-event"]?.arrayValue?.first?["value"] == "viewer-request")
    }

    /// A CloudFront Function past its compute budget fails the request with a 503 and counts as a
    /// throttle, whether it finished late or had to be cut off; the worker serves the next request.
    @Test func aCloudFrontFunctionOverItsComputeBudgetIsThrottled() throws {
        guard Self.available(.cloudFrontJS) else { return }
        let code = """
        function handler(event) {
          var request = event.request;
          if (request.uri === '/spin') { while (true) {} }
          if (request.uri === '/busy') {
            var x = 0;
            for (var i = 0; i < 3000000; i++) { x += i % 7; }
            request.headers['x-sum'] = { value: String(x) };
          }
          return request;
        }
        """
        let files = ["cf.yaml": "name: cf\nruntime: cloudfront-js-2.0\ncode: cf.js\n", "cf.js": code]
        let runner = ProcessCodeRunner()
        defer { runner.shutdown() }
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "cf"], files: files, runner: runner)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200")
        for (n, path) in ["/spin", "/busy"].enumerated() {
            let reply = EdgeFixtures.request(estate, "GET \(path)")
            #expect(EdgeFixtures.status(reply) == "503", "\(path)")
            #expect(EdgeFixtures.header(reply, "x-cache") == "Error from cloudfront")
            #expect(reply["Error"]?.stringValue?.contains("FunctionThrottledError") == true, "\(reply["Error"]?.serialized() ?? "")")
            #expect(reply["OriginRequest"] == .null)
            #expect(estate.edge.metrics(function: "cf", event: .viewerRequest).throttles == n + 1)
        }
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200")
    }

    @Test func cloudFrontFunctionCodeIsLimitedTo10KB() throws {
        let code = "function handler(event) { return event.request; }\n//" + String(repeating: "x", count: 10 * 1024)
        let files = ["big.yaml": "name: big\nruntime: cloudfront-js-2.0\ncode: big.js\n", "big.js": code]
        #expect(throws: ConfigError.self) { try EdgeFixtures.singleBehaviour(["viewer-request": "big"], files: files) }
    }

    @Test func aCloudFrontFunctionCannotRunAtAnOriginTrigger() throws {
        let files = ["cf.yaml": "name: cf\nruntime: cloudfront-js-2.0\ncode: cf.js\n", "cf.js": "function handler(e) { return e.request; }"]
        #expect(throws: ConfigError.self) { try EdgeFixtures.singleBehaviour(["origin-request": "cf"], files: files) }
    }

    static let misbehaving = """
    exports.handler = async (event) => {
      const request = event.Records[0].cf.request;
      if (request.uri === '/crash') process.exit(3);
      if (request.uri === '/hang') await new Promise(() => setInterval(() => {}, 1000));
      if (request.uri === '/garbage') return 42;
      if (request.uri === '/throw') throw new Error('boom');
      if (request.uri === '/stdout') { process.stdout.write('not json\\n'); await new Promise(() => setInterval(() => {}, 1000)); }
      return request;
    };
    """

    @Test(arguments: [("/crash", "503", "LambdaExecutionError"), ("/hang", "503", "timed out"), ("/garbage", "502", "LambdaValidationError"),
                      ("/throw", "503", "boom"), ("/stdout", "503", "not a result")])
    func aMisbehavingHandlerGivesCloudFrontsErrorAndTheWorkerRestarts(path: String, status: String, error: String) throws {
        guard Self.available(.nodejs20) else { return }
        let files = ["bad.yaml": Self.function("bad", runtime: "nodejs20.x", code: "bad.js", handler: "bad.handler", timeout: 1),
                     "bad.js": Self.misbehaving]
        let runner = ProcessCodeRunner()
        defer { runner.shutdown() }
        let estate = try EdgeFixtures.singleBehaviour(["viewer-request": "bad"], files: files, runner: runner)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200")
        let reply = EdgeFixtures.request(estate, "GET \(path)")
        #expect(EdgeFixtures.status(reply) == status)
        #expect(EdgeFixtures.header(reply, "x-cache") == "Error from cloudfront")
        #expect(reply["Error"]?.stringValue?.contains(error) == true, "\(reply["Error"]?.serialized() ?? "")")
        #expect(reply["OriginRequest"] == .null)
        // The failure is counted and logged on the bus.
        #expect(estate.edge.metrics(function: "bad", event: .viewerRequest).errors == 1)
        #expect(estate.bus.history.contains { $0.event.name == "FunctionFailed" })
        // The next request is served by a healthy worker again.
        let after = EdgeFixtures.request(estate, "GET /index.html")
        #expect(EdgeFixtures.status(after) == "200")
    }

    @Test func aScriptedRunnerKeepsHandlerFunctionsDeterministic() throws {
        let runner = ScriptedRunner { invocation in
            guard case let .success(event) = Result(catching: { () throws(JSONParser.Failure) in try JSONParser.parse(invocation.eventJSON) }),
                  let request = event["Records"]?[0]?["cf"]?["request"] else { return .failed("bad event", coldStart: false) }
            return .result(request.serialized(), coldStart: false)
        }
        let files = ["n.yaml": Self.function("n", runtime: "nodejs20.x", code: "n.js", handler: "n.handler"), "n.js": "exports.handler = async e => e;"]
        let estate = try EdgeFixtures.singleBehaviour(["origin-request": "n"], files: files, runner: runner)
        #expect(EdgeFixtures.status(EdgeFixtures.request(estate, "GET /index.html")) == "200")
        #expect(runner.invocations.count == 1)
        #expect(runner.invocations[0].workerKey == "n:1")
        #expect(runner.invocations[0].timeoutMilliseconds == 3_000)
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard case let .array(items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
