/// The events functions receive and the results they return, in AWS's JSON shapes.
enum EdgeEventJSON {
    struct Context {
        let distribution: Distribution
        let requestId: String
        let origin: EdgeOrigin?
    }

    // MARK: - Lambda@Edge

    /// `{"Records":[{"cf":{"config":…,"request":…,"response":…}}]}` (AWS's Lambda@Edge documentation).
    static func lambdaEvent(_ event: EdgeEventType, _ context: Context, request: EdgeRequest, response: EdgeResponse?) -> JSONValue {
        var cf: [(String, JSONValue)] = [
            ("config", ["distributionDomainName": .string(context.distribution.domainName), "distributionId": .string(context.distribution.id),
                        "eventType": .string(event.rawValue), "requestId": .string(context.requestId)]),
            ("request", request.json(origin: event == .originRequest || event == .originResponse ? context.origin?.eventJSON : nil)),
        ]
        if let response { cf.append(("response", response.json)) }
        return ["Records": [["cf": .object(cf)]]]
    }

    /// Reads a Lambda@Edge result: a request to carry on with, or a response.
    static func lambdaResult(_ json: JSONValue, event: EdgeEventType, request: EdgeRequest) throws(EdgeResultError) -> EdgeFunctionOutput {
        guard case .object = json else { throw EdgeResultError("the function returned \(json == .null ? "nothing" : "a value that is not an object")") }
        if json["status"] != nil || !event.isRequest {
            return .response(try response(json, path: "response"))
        }
        guard let uri = json["uri"]?.stringValue else { throw EdgeResultError("the returned request has no uri") }
        var out = request
        out.uri = uri
        if let method = json["method"]?.stringValue { out.method = method }
        if let qs = json["querystring"] { guard let s = qs.stringValue else { throw EdgeResultError("querystring must be a string") }; out.querystring = s }
        out.headers = try EdgeHeaders(json: json["headers"], path: "request.headers")
        return .request(out)
    }

    private static func response(_ json: JSONValue, path: String) throws(EdgeResultError) -> EdgeResponse {
        let status: Int
        switch json["status"] {
        case let .string(s)?: guard let n = Int(s) else { throw EdgeResultError("\(path).status '\(s)' is not a number") }; status = n
        case let .int(n)?: status = Int(n)
        default: throw EdgeResultError("\(path).status is missing")
        }
        var out = EdgeResponse(status: status, statusDescription: json["statusDescription"]?.stringValue,
                               headers: try EdgeHeaders(json: json["headers"], path: "\(path).headers"))
        if let body = json["body"], body != .null {
            guard let text = body.stringValue else { throw EdgeResultError("\(path).body must be a string") }
            out.body = text
            out.bodyEncoding = json["bodyEncoding"]?.stringValue ?? "text"
        }
        return out
    }

    // MARK: - CloudFront Functions (cloudfront-js-2.0)

    /// CloudFront Functions' own shape: single-valued header objects, parsed query and cookies.
    static func functionEvent(_ event: EdgeEventType, _ context: Context, request: EdgeRequest, response: EdgeResponse?) -> JSONValue {
        func valued(_ headers: EdgeHeaders, skipping: Set<String> = []) -> JSONValue {
            .object(headers.names.filter { !skipping.contains($0) }.map { name -> (String, JSONValue) in
                (name, ["value": .string(headers.values(name).joined(separator: ","))])
            })
        }
        let query: JSONValue = .object(request.queryParameters.map { p -> (String, JSONValue) in (p.name, ["value": .string(p.value)]) })
        let jar = request.headers.cookies
        let cookies: JSONValue = .object(jar.keys.sorted().map { name -> (String, JSONValue) in (name, ["value": .string(jar[name]!)]) })
        var pairs: [(String, JSONValue)] = [
            ("version", "1.0"),
            ("context", ["distributionDomainName": .string(context.distribution.domainName), "distributionId": .string(context.distribution.id),
                         "eventType": .string(event == .viewerRequest ? "viewer-request" : "viewer-response"), "requestId": .string(context.requestId)]),
            ("viewer", ["ip": .string(request.clientIp)]),
            ("request", ["method": .string(request.method), "uri": .string(request.uri), "querystring": query,
                         "headers": valued(request.headers, skipping: ["cookie"]), "cookies": cookies]),
        ]
        if let response {
            pairs.append(("response", ["statusCode": .int(Int64(response.status)), "statusDescription": .string(response.statusDescription),
                                       "headers": valued(response.headers), "cookies": [:]]))
        }
        return .object(pairs)
    }

    static func functionResult(_ json: JSONValue, event: EdgeEventType, request: EdgeRequest) throws(EdgeResultError) -> EdgeFunctionOutput {
        guard case .object = json else { throw EdgeResultError("the function returned \(json == .null ? "nothing" : "a value that is not an object")") }
        func headers(_ value: JSONValue?, path: String) throws(EdgeResultError) -> EdgeHeaders {
            var out = EdgeHeaders()
            guard let value, value != .null else { return out }
            guard case let .object(pairs) = value else { throw EdgeResultError("\(path) must be an object") }
            for (name, entry) in pairs {
                if let multi = entry["multiValue"]?.arrayValue {
                    for v in multi { if let s = v["value"]?.stringValue { out.add(name, s) } }
                } else if let s = entry["value"]?.stringValue {
                    out.add(name, s)
                } else {
                    throw EdgeResultError("\(path).\(name) needs a value")
                }
            }
            return out
        }
        if let code = json["statusCode"] {
            guard let status = code.intValue else { throw EdgeResultError("statusCode must be a number") }
            var response = EdgeResponse(status: Int(status), statusDescription: json["statusDescription"]?.stringValue,
                                        headers: try headers(json["headers"], path: "response.headers"))
            if let body = json["body"] {
                response.body = body.stringValue ?? body["data"]?.stringValue
                response.bodyEncoding = body["encoding"]?.stringValue ?? "text"
            }
            return .response(response)
        }
        guard event.isRequest else { throw EdgeResultError("a viewer-response function must return the response") }
        guard let uri = json["uri"]?.stringValue else { throw EdgeResultError("the returned request has no uri") }
        var out = request
        out.uri = uri
        if case let .object(params)? = json["querystring"] {
            out.querystring = params.map { pair -> String in pair.1["value"]?.stringValue.map { "\(pair.0)=\($0)" } ?? pair.0 }.joined(separator: "&")
        }
        var newHeaders = try headers(json["headers"], path: "request.headers")
        if case let .object(cookies)? = json["cookies"], !cookies.isEmpty {
            newHeaders.set("cookie", cookies.map { pair -> String in "\(pair.0)=\(pair.1["value"]?.stringValue ?? "")" }.joined(separator: "; "))
        } else if let cookie = request.headers.first("cookie") {
            newHeaders.set("cookie", cookie)
        }
        out.headers = newHeaders
        return .request(out)
    }
}
