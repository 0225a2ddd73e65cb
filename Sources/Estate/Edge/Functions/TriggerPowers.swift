/// What a function may change at each trigger, as CloudFront enforces it: a result that breaks a
/// rule is a Lambda validation error and the viewer gets a 502.
enum TriggerPowers {
    /// Headers no function may add, change or remove anywhere.
    static let disallowed: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
        "trailer", "upgrade", "x-accel-buffering", "x-accel-charset", "x-accel-limit-rate", "x-accel-redirect",
        "x-cache", "x-forwarded-proto", "x-real-ip", "x-amz-cf-id", "x-amz-cf-pop", "x-edge-location",
    ]

    /// Headers a function may read but not change, per trigger.
    static func readOnly(_ event: EdgeEventType) -> Set<String> {
        switch event {
        case .viewerRequest: return ["content-length", "host", "transfer-encoding", "via"]
        case .originRequest: return ["accept-encoding", "content-length", "if-modified-since", "if-none-match", "if-range",
                                     "if-unmodified-since", "transfer-encoding", "via"]
        case .originResponse: return ["transfer-encoding", "via"]
        case .viewerResponse: return ["content-encoding", "content-length", "transfer-encoding", "warning", "via"]
        }
    }

    /// Checks a function's output against its input; nil when CloudFront would accept it.
    static func violation(_ event: EdgeEventType, request: EdgeRequest, response: EdgeResponse?, output: EdgeFunctionOutput) -> String? {
        switch output {
        case let .request(changed):
            guard event.isRequest else { return "a \(event.rawValue) function must return a response, not a request" }
            if changed.method != request.method { return "the method is read-only (\(request.method) → \(changed.method))" }
            if changed.uri.utf8.count + 1 + changed.querystring.utf8.count >= 8_192 { return "the URI and query string must be under 8,192 characters" }
            guard changed.uri.hasPrefix("/") else { return "the uri must start with '/', not '\(changed.uri)'" }
            return headerViolation(event, before: request.headers, after: changed.headers)
        case let .response(out):
            if let response {
                // A response trigger changing the response it was given.
                if event == .viewerResponse && out.status != response.status {
                    return "a viewer-response function cannot change the status (\(response.status) → \(out.status))"
                }
                if let problem = headerViolation(event, before: response.headers, after: out.headers) { return problem }
            } else {
                // A generated response from a request trigger.
                for name in out.headers.names where disallowed.contains(name) || name == "transfer-encoding" || name == "via" {
                    return "the generated response sets the read-only header '\(name)'"
                }
            }
            guard (100...599).contains(out.status) else { return "status \(out.status) is not an HTTP status" }
            if out.bodyEncoding != "text" && out.bodyEncoding != "base64" { return "bodyEncoding must be text or base64, not '\(out.bodyEncoding)'" }
            let limit = event.generatedBodyLimitBytes
            if out.bodyBytes > limit, out.body != response?.body {
                return "the generated body is \(out.bodyBytes) bytes; the \(event.rawValue) limit is \(limit)"
            }
            return nil
        }
    }

    /// The headers locked at each trigger (read-only there, or disallowed everywhere), worked out once.
    private static let lockedByEvent: [EdgeEventType: Set<String>] = Dictionary(uniqueKeysWithValues: EdgeEventType.allCases.map {
        ($0, readOnly($0).union(disallowed))
    })

    /// The first locked header, by name, whose values differ; every request passes through here
    /// at each trigger, so only locked names present on either side are looked at.
    private static func headerViolation(_ event: EdgeEventType, before: EdgeHeaders, after: EdgeHeaders) -> String? {
        let locked = lockedByEvent[event]!
        var changed: String?
        func check(_ name: String) {
            guard locked.contains(name), changed.map({ name < $0 }) ?? true else { return }
            if before.values(name) != after.values(name) { changed = name }
        }
        for name in before.fields.keys { check(name) }
        for name in after.fields.keys where before.fields[name] == nil { check(name) }
        return changed.map { "the \($0) header is read-only in \(event.rawValue)" }
    }
}
