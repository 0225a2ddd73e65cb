/// Running the function attached at one trigger, and turning what it did into CloudFront's answer.
extension EdgeService {
    /// Why a function did not give CloudFront something usable, and what the viewer gets instead.
    struct FunctionFailure: Error {
        enum Kind: String {
            case validation = "LambdaValidationError", execution = "LambdaExecutionError", limit = "LambdaLimitExceeded"
            /// A CloudFront Function over its compute budget.
            case functionThrottled = "FunctionThrottledError"
        }
        let kind: Kind
        let message: String
        let functionName: String

        var detail: String { "\(kind.rawValue): \(functionName): \(message)" }

        /// 502 for a result CloudFront cannot use, 503 for a failed run or a throttle.
        var response: EdgeResponse {
            let status = kind == .validation ? 502 : 503
            let body = "<html><head><title>\(status) ERROR</title></head><body><h1>\(status) ERROR</h1><p>The request could not be satisfied.</p></body></html>"
            return EdgeResponse(status: status, headers: EdgeHeaders([("Content-Type", "text/html"), ("Content-Length", String(body.utf8.count))]), body: body)
        }
    }

    struct FunctionRun {
        var step: EdgeTraceStep
        var outcome: Result<EdgeFunctionOutput, FunctionFailure>
        /// Simulated time the run added to the request, cold start included.
        var elapsedMilliseconds: Double
    }

    /// Function timeouts are capped by the trigger's: 5 s viewer, 30 s origin.
    func effectiveTimeoutMilliseconds(_ function: EdgeFunction, _ version: EdgeFunctionVersion?, _ event: EdgeEventType) -> Int64 {
        min(Int64(version?.timeoutSeconds ?? function.timeoutSeconds) * 1000, event.timeoutMilliseconds)
    }

    func invoke(_ association: FunctionAssociation, context: EdgeEventJSON.Context, request: EdgeRequest, response: EdgeResponse?,
                detailed: Bool) -> FunctionRun {
        let event = association.eventType
        var step = EdgeTraceStep(functionName: association.functionName, version: association.version, eventType: event,
                                 input: nil, output: nil, error: nil, durationMicroseconds: 0, coldStart: false)
        let metricsKey = FunctionMetricsKey(function: association.functionName, event: event)
        func fail(_ kind: FunctionFailure.Kind, _ message: String, duration: UInt64, cold: Bool, elapsed: Double) -> FunctionRun {
            let failure = FunctionFailure(kind: kind, message: message, functionName: association.functionName)
            step.error = failure.detail
            step.durationMicroseconds = duration
            step.coldStart = cold
            if kind == .limit || kind == .functionThrottled { functionMetrics[metricsKey, default: FunctionMetrics()].recordThrottle() } else {
                functionMetrics[metricsKey, default: FunctionMetrics()].record(durationMicroseconds: duration, failed: true, coldStart: cold)
            }
            bus.publish(EdgeEvent(resource: association.functionName, kind: .functionFailed(event: event, error: failure.detail)))
            return FunctionRun(step: step, outcome: .failure(failure), elapsedMilliseconds: elapsed)
        }
        guard let function = functionsByName[association.functionName] else {
            return fail(.execution, "the function does not exist", duration: 0, cold: false, elapsed: 0)
        }
        let version = association.version.flatMap { function.version($0) }
        let body: EdgeFunctionBody
        if let n = association.version {
            guard let version else { return fail(.execution, "version \(n) does not exist", duration: 0, cold: false, elapsed: 0) }
            body = version.body
        } else {
            body = function.latest
        }
        // Concurrency in this virtual second: execution time already started, in seconds.
        let second = scheduler.now.milliseconds / 1000
        var window = concurrency[function.name] ?? (second, 0)
        if window.second != second { window = (second, 0) }
        if window.busyMicroseconds >= UInt64(function.concurrencyLimit) * 1_000_000 {
            return fail(.limit, "rate exceeded: more than \(function.concurrencyLimit) concurrent executions", duration: 0, cold: false, elapsed: 0)
        }
        defer { concurrency[function.name] = (second, window.busyMicroseconds + step.durationMicroseconds) }
        let timeout = effectiveTimeoutMilliseconds(function, version, event)
        let useFunctionShape = function.isCloudFrontFunction
        // The event in the function's shape: built only when code needs it or the trace keeps it.
        func eventJSON() -> JSONValue {
            useFunctionShape ? EdgeEventJSON.functionEvent(event, context, request: request, response: response)
                             : EdgeEventJSON.lambdaEvent(event, context, request: request, response: response)
        }

        var output: EdgeFunctionOutput
        var duration: UInt64
        var cold = false
        var elapsed: Double
        switch body {
        case let .rules(set):
            if detailed { step.input = eventJSON() }
            let evaluator = EdgeRuleEvaluator(sessions: sessions, now: scheduler.now)
            let result = evaluator.run(set, event: event, request: request, response: response)
            output = result.0
            duration = result.1
            elapsed = Double(duration) / 1000
            if duration > UInt64(timeout) * 1000 {
                return fail(.execution, "timed out after \(timeout) ms", duration: UInt64(timeout) * 1000, cold: false, elapsed: Double(timeout))
            }
        case let .code(runtime, handler, fileName, source):
            let input = eventJSON()
            if detailed { step.input = input }
            let invocation = CodeInvocation(workerKey: "\(function.name):\(association.version.map(String.init) ?? "$LATEST")", runtime: runtime,
                                            handler: handler, fileName: fileName, source: source, eventJSON: input.serialized(),
                                            timeoutMilliseconds: timeout)
            let outcome = codeRunner.invoke(invocation)
            cold = outcome.coldStart
            // Simulated run time from the seeded model, so metrics do not depend on the machine;
            // CloudFront Functions run in well under their millisecond.
            duration = UInt64(useFunctionShape ? functionRandom.int(in: 20...300) : functionRandom.int(in: 800...3_000))
            let initMilliseconds = cold ? Double(functionRandom.int(in: 120...260)) : 0
            elapsed = Double(duration) / 1000 + initMilliseconds
            switch outcome {
            case let .result(text, _):
                guard case let .success(json) = Result(catching: { () throws(JSONParser.Failure) in try JSONParser.parse(text) }) else {
                    return fail(.validation, "the result is not JSON", duration: duration, cold: cold, elapsed: elapsed)
                }
                if detailed { step.output = json }
                do throws(EdgeResultError) {
                    output = useFunctionShape ? try EdgeEventJSON.functionResult(json, event: event, request: request)
                                              : try EdgeEventJSON.lambdaResult(json, event: event, request: request)
                } catch {
                    return fail(.validation, error.message, duration: duration, cold: cold, elapsed: elapsed)
                }
            case let .failed(message, _):
                return fail(.execution, message, duration: duration, cold: cold, elapsed: elapsed)
            case let .computeExceeded(utilization, _):
                let used = utilization.map { "a compute utilization of \($0)" } ?? "running until it was stopped"
                return fail(.functionThrottled, "the function exceeded its maximum allowed compute utilization (\(used))",
                            duration: UInt64(CloudFrontFunctionLimits.maximumComputeMicroseconds), cold: cold, elapsed: elapsed)
            case .timedOut:
                return fail(.execution, "timed out after \(timeout) ms", duration: UInt64(timeout) * 1000, cold: cold,
                            elapsed: Double(timeout) + initMilliseconds)
            case let .unavailable(message):
                return fail(.execution, message, duration: 0, cold: false, elapsed: 0)
            }
        }
        if detailed, step.output == nil {
            switch output {
            case let .request(r): step.output = r.json(origin: nil)
            case let .response(r): step.output = r.json
            }
        }
        if let problem = TriggerPowers.violation(event, request: request, response: response, output: output) {
            return fail(.validation, problem, duration: duration, cold: cold, elapsed: elapsed)
        }
        step.durationMicroseconds = duration
        step.coldStart = cold
        functionMetrics[metricsKey, default: FunctionMetrics()].record(durationMicroseconds: duration, failed: false, coldStart: cold)
        return FunctionRun(step: step, outcome: .success(output), elapsedMilliseconds: elapsed)
    }
}
