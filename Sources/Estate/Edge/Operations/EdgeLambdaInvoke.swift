import Foundation

/// `lambda invoke`: a function run with an event the caller writes, as `aws lambda invoke` and the
/// Lambda console's Test button do. For these functions the event is a CloudFront one
/// (`{"Records":[{"cf":{"config":…,"request":…}}]}`); the answer is what the function returned.
///
/// The run is the function's own, outside any distribution: no cache, origin or trigger limits,
/// and nothing in the distribution's metrics or log. A handler that throws is answered as Lambda
/// answers it: status 200 with `FunctionError: Unhandled` and the error as the payload.
extension EdgeLambdaAPI {
    static let invokeSpecs: [OperationSpec] = [
        op("Invoke", [
            functionName,
            ParameterSpec("Qualifier", .string, help: "a version number or $LATEST"),
            ParameterSpec("InvocationType", .string, help: "RequestResponse (default), Event or DryRun"),
            ParameterSpec("LogType", .string, help: "None (default) or Tail: the run's log in LogResult, base64"),
            ParameterSpec("Payload", .blob, help: "the event, as JSON: a CloudFront event for these functions"),
        ], "Run a function with an event and answer its result"),
    ]

    /// Lambda's limit on a synchronous invocation's request and response payloads.
    static let maximumPayloadBytes = 6 * 1024 * 1024

    enum InvocationType: String { case requestResponse = "RequestResponse", event = "Event", dryRun = "DryRun" }

    func invokeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let function = try require(try p.requiredString("FunctionName"))
        let typeText = try p.string("InvocationType") ?? InvocationType.requestResponse.rawValue
        guard let type = InvocationType(rawValue: typeText) else {
            throw AWSError("InvalidParameterValueException", "InvocationType must be RequestResponse, Event or DryRun, not \(typeText).")
        }
        let logType = try p.string("LogType") ?? "None"
        guard logType == "None" || logType == "Tail" else {
            throw AWSError("InvalidParameterValueException", "LogType must be None or Tail, not \(logType).")
        }
        var version: EdgeFunctionVersion?
        if let qualifier = try p.string("Qualifier"), qualifier != "$LATEST" {
            guard let n = Int(qualifier), let v = function.version(n) else {
                throw AWSError("ResourceNotFoundException",
                               "Function not found: \(function.arn(accountID: edge.context.accountID, region: edge.context.region, qualifier: qualifier))")
            }
            version = v
        }
        let payload = try p.blob("Payload") ?? Array("{}".utf8)
        guard payload.count <= Self.maximumPayloadBytes else {
            throw AWSError("RequestTooLargeException", "Request must be smaller than \(Self.maximumPayloadBytes) bytes for the InvokeFunction operation")
        }
        guard let text = String(validating: payload, as: UTF8.self),
              case let .success(event) = Result(catching: { () throws(JSONParser.Failure) in try JSONParser.parse(text) }) else {
            throw AWSError("InvalidRequestContentException", "Could not parse request body into json: the payload is not JSON.")
        }
        let executed = version.map { String($0.number) } ?? "$LATEST"
        if type == .dryRun { return ["StatusCode": 204, "ExecutedVersion": .string(executed)] }

        let requestId = edge.invocationRequestID()
        let timeout = (version?.timeoutSeconds ?? function.timeoutSeconds)
        let run = edge.run(version?.body ?? function.latest, of: function.name, version: executed, event: event, eventText: text,
                           timeoutSeconds: timeout)
        var answer: [(String, JSONValue)] = [("StatusCode", type == .event ? 202 : 200)]
        if type == .requestResponse {
            switch run.outcome {
            case let .result(result):
                answer.append(("Payload", .string(result)))
            case let .error(error):
                answer.append(("FunctionError", "Unhandled"))
                answer.append(("Payload", .string(error.serialized())))
            }
        }
        if logType == "Tail", type == .requestResponse {
            let log = "START RequestId: \(requestId) Version: \(executed)\n"
                + run.logLines.map { "\($0)\n" }.joined()
                + "END RequestId: \(requestId)\n"
                + "REPORT RequestId: \(requestId)\tDuration: \(run.durationMilliseconds) ms\tBilled Duration: \(run.durationMilliseconds) ms\t"
                + "Memory Size: 128 MB\tMax Memory Used: 128 MB\t\n"
            answer.append(("LogResult", .string(Data(log.utf8).base64EncodedString())))
        }
        answer.append(("ExecutedVersion", .string(executed)))
        return .object(answer)
    }
}

extension EdgeService {
    /// One direct run: the result's JSON text, or the error Lambda reports as the payload.
    struct DirectRun {
        enum Outcome { case result(String), error(JSONValue) }
        var outcome: Outcome
        var logLines: [String] = []
        var durationMilliseconds = 1
    }

    /// Request ids for direct invocations, in AWS's UUID layout from the estate's seeded generator.
    func invocationRequestID() -> String {
        func hex(_ digits: Int) -> String { randomID(Array("0123456789abcdef"), digits) }
        return "\(hex(8))-\(hex(4))-4\(hex(3))-8\(hex(3))-\(hex(12))"
    }

    /// Runs a function body on an event outside any distribution.
    func run(_ body: EdgeFunctionBody, of name: String, version: String, event: JSONValue, eventText: String, timeoutSeconds: Int) -> DirectRun {
        func unhandled(_ type: String, _ message: String) -> DirectRun {
            DirectRun(outcome: .error(["errorType": .string(type), "errorMessage": .string(message), "trace": []]),
                      logLines: ["ERROR\t\(type): \(message)"])
        }
        switch body {
        case let .code(runtime, handler, fileName, source):
            let invocation = CodeInvocation(workerKey: "\(name):\(version)", runtime: runtime, handler: handler, fileName: fileName,
                                            source: source, eventJSON: eventText, timeoutMilliseconds: Int64(timeoutSeconds) * 1000)
            switch codeRunner.invoke(invocation) {
            case let .result(text, _): return DirectRun(outcome: .result(text))
            case let .failed(message, _):
                // The workers report a thrown error as `Type: message`, as both runtimes print it;
                // Lambda answers the two apart.
                if let colon = message.range(of: ": ") {
                    let type = message[..<colon.lowerBound]
                    if !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                        return unhandled(String(type), String(message[colon.upperBound...]))
                    }
                }
                return unhandled("Error", message)
            case .timedOut:
                return DirectRun(outcome: .error(["errorMessage": .string("Task timed out after \(timeoutSeconds).00 seconds")]),
                                 logLines: ["Task timed out after \(timeoutSeconds).00 seconds"], durationMilliseconds: timeoutSeconds * 1000)
            case .computeExceeded: return unhandled("Error", "the function exceeded its compute budget")
            case let .unavailable(message): return unhandled("Runtime.Unavailable", message)
            }
        case let .rules(set):
            // Rule files read the event's request (and response) as a trigger would.
            let cf = event["Records"]?.arrayValue?.first?["cf"]
            guard let cf, let requestJSON = cf["request"] else {
                return unhandled("TypeError", "the event has no Records[0].cf.request: rule functions take a CloudFront event")
            }
            let eventName = cf["config"]?["eventType"]?.stringValue ?? EdgeEventType.viewerRequest.rawValue
            guard let trigger = EdgeEventType(rawValue: eventName) else {
                return unhandled("TypeError", "Records[0].cf.config.eventType '\(eventName)' is not a Lambda@Edge trigger")
            }
            do throws(EdgeResultError) {
                var blank = EdgeRequest(method: "GET", uri: "/")
                if let ip = requestJSON["clientIp"]?.stringValue { blank.clientIp = ip }
                guard case let .request(request) = try EdgeEventJSON.lambdaResult(requestJSON, event: .viewerRequest, request: blank) else {
                    return unhandled("TypeError", "Records[0].cf.request is not a request")
                }
                var response: EdgeResponse?
                if !trigger.isRequest {
                    guard let responseJSON = cf["response"],
                          case let .response(r) = try EdgeEventJSON.lambdaResult(responseJSON, event: trigger, request: request) else {
                        return unhandled("TypeError", "a \(eventName) event needs Records[0].cf.response")
                    }
                    response = r
                }
                let (output, micros) = EdgeRuleEvaluator(sessions: sessions, now: scheduler.now).run(set, event: trigger, request: request, response: response)
                let json: JSONValue
                switch output {
                case let .request(r): json = r.json(origin: requestJSON["origin"])
                case let .response(r): json = r.json
                }
                return DirectRun(outcome: .result(json.serialized()), durationMilliseconds: max(1, Int((micros + 999) / 1000)))
            } catch {
                return unhandled("TypeError", error.message)
            }
        }
    }
}
