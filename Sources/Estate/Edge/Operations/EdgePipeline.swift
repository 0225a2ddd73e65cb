/// A request's path through a distribution, in CloudFront's order:
///
/// viewer-request → cache → (miss) origin-request → origin → origin-response → cache store →
/// viewer-response. Origin triggers run only on a miss; a response generated at viewer-request
/// goes straight back uncached; viewer-response does not run for such a response nor for an
/// error status from the origin.
extension EdgeService {
    /// Serves one request. `detailedTrace` keeps every function's input and output (for
    /// `edge request`); traffic keeps only names and timings.
    public func serve(_ distribution: Distribution, _ viewerRequest: EdgeRequest, detailedTrace: Bool = true) -> EdgeExchange {
        var request = viewerRequest
        if !request.headers.contains("host") { request.headers.set("Host", distribution.domainName) }
        let requestId = requestID()
        var exchange = EdgeExchange(requestId: requestId, distributionId: distribution.id, distributionName: distribution.name,
                                    at: scheduler.now, viewerRequest: request)
        let context = EdgeEventJSON.Context(distribution: distribution, requestId: requestId, origin: nil)
        let behavior = distribution.behavior(for: request.uri)
        var elapsedMilliseconds = 1.0

        /// The answer to the viewer: the response with the edge's own headers, and the exchange
        /// as it ends. `counted` answers also reach the distribution's metrics and logs. Written
        /// into the exchange in place, so the response's headers are copied at most once.
        func conclude(_ response: EdgeResponse, resultType: String, error: String? = nil, counted: Bool = true) -> EdgeExchange {
            exchange.response = response
            exchange.response.headers.set("Via", distribution.via)
            exchange.resultType = resultType
            exchange.errorDetail = error
            let xCache: String
            switch resultType {
            case "Hit": xCache = "Hit from cloudfront"
            case "LambdaGeneratedResponse": xCache = "LambdaGeneratedResponse from cloudfront"
            case "Error": xCache = "Error from cloudfront"
            case "Redirect": xCache = "Redirect from cloudfront"
            default: xCache = "Miss from cloudfront"
            }
            exchange.response.headers.set("X-Cache", xCache)
            exchange.response.headers.set("X-Amz-Cf-Pop", distribution.pop)
            exchange.response.headers.set("X-Amz-Cf-Id", requestId)
            exchange.timeTakenMilliseconds = elapsedMilliseconds
            guard counted else { return exchange }
            distribution.metrics.record(status: exchange.response.status, cacheHit: exchange.cacheHit)
            log(exchange)
            return exchange
        }

        // "Whether the distribution is enabled to accept end user requests": a disabled one does not.
        // CloudFront's edge answers 403 itself; none of the distribution's functions, cache or
        // origins run, and its logs and metrics see nothing.
        guard distribution.isEnabled else {
            return conclude(EdgeResponse(status: 403, headers: EdgeHeaders([("Content-Type", "text/html")]),
                                         body: "403 ERROR: The request could not be satisfied. Bad request."),
                            resultType: "Error", error: "the distribution is disabled", counted: false)
        }

        if request.uri.utf8.count + request.querystring.utf8.count >= 8_192 {
            return conclude(EdgeResponse(status: 414, headers: EdgeHeaders([("Content-Type", "text/html")])), resultType: "Error",
                            error: "the URI and query string must be under 8,192 characters")
        }

        // The behaviour's ViewerProtocolPolicy, before any function runs. redirect-to-https sends
        // GET and HEAD to the HTTPS URL with a 301; CloudFront does not redirect the other methods
        // and refuses them, as https-only refuses every HTTP request, with a 403.
        if request.viewerProtocol == "http", behavior.viewerProtocolPolicy != "allow-all" {
            if behavior.viewerProtocolPolicy == "redirect-to-https", request.method == "GET" || request.method == "HEAD" {
                let host = request.headers.first("host") ?? distribution.domainName
                let location = "https://\(host)\(request.uri)" + (request.querystring.isEmpty ? "" : "?\(request.querystring)")
                return conclude(EdgeResponse(status: 301, headers: EdgeHeaders([("Location", location), ("Content-Type", "text/html")]),
                                             body: "301 Moved Permanently"), resultType: "Redirect")
            }
            return conclude(EdgeResponse(status: 403, headers: EdgeHeaders([("Content-Type", "text/html")]),
                                         body: "403 ERROR: The request could not be satisfied. This distribution accepts only HTTPS here."),
                            resultType: "Error", error: "behaviour \(behavior.pathPattern)'s ViewerProtocolPolicy is \(behavior.viewerProtocolPolicy), and the request came over HTTP")
        }

        // A method outside the behaviour's AllowedMethods is refused before any function runs.
        guard behavior.allowedMethods.contains(request.method) else {
            return conclude(EdgeResponse(status: 403, headers: EdgeHeaders([("Content-Type", "text/html")]),
                                         body: "403 ERROR: The request could not be satisfied. This distribution does not allow the request's method."),
                            resultType: "Error", error: "\(request.method) is not among behaviour \(behavior.pathPattern)'s AllowedMethods")
        }

        // Viewer request.
        if let association = behavior.association(for: .viewerRequest) {
            let run = invoke(association, context: context, request: request, response: nil, detailed: detailedTrace)
            exchange.trace.append(run.step)
            elapsedMilliseconds += run.elapsedMilliseconds
            switch run.outcome {
            case let .failure(failure): return conclude(failure.response, resultType: "Error", error: failure.detail)
            case let .success(.response(generated)): return conclude(generated, resultType: "LambdaGeneratedResponse")
            case let .success(.request(changed)): request = changed; exchange.forwardedUri = changed.uri
            }
        }

        // Cache.
        let cacheable = behavior.cachedMethods.contains(request.method)
        let key = behavior.cacheKey(request)
        var response: EdgeResponse
        var resultType = "Miss"
        if cacheable, let hit = distribution.cache.lookup(key, now: scheduler.now) {
            exchange.cacheHit = true
            resultType = "Hit"
            response = hit.0
            response.headers.set("Age", String(hit.ageSeconds))
        } else {
            // Origin request.
            var originRequest = request
            let origin = distribution.origin(behavior.targetOriginId)
            let originContext = EdgeEventJSON.Context(distribution: distribution, requestId: requestId, origin: origin)
            var generated: EdgeResponse?
            if let association = behavior.association(for: .originRequest) {
                let run = invoke(association, context: originContext, request: originRequest, response: nil, detailed: detailedTrace)
                exchange.trace.append(run.step)
                elapsedMilliseconds += run.elapsedMilliseconds
                switch run.outcome {
                case let .failure(failure): return conclude(failure.response, resultType: "Error", error: failure.detail)
                case let .success(.response(g)): generated = g
                case let .success(.request(changed)): originRequest = changed; exchange.forwardedUri = changed.uri
                }
            }
            if let generated {
                response = generated
                resultType = "LambdaGeneratedResponse"
            } else {
                exchange.originRequest = originRequest
                guard let origin else {
                    return conclude(EdgeResponse(status: 502), resultType: "Error", error: "no origin '\(behavior.targetOriginId)'")
                }
                let (answer, latency) = origin.respond(to: originRequest, random: &originRandom)
                elapsedMilliseconds += latency
                response = answer
                // Origin response: runs even when the origin answered with an error.
                if let association = behavior.association(for: .originResponse) {
                    let run = invoke(association, context: originContext, request: originRequest, response: response, detailed: detailedTrace)
                    exchange.trace.append(run.step)
                    elapsedMilliseconds += run.elapsedMilliseconds
                    switch run.outcome {
                    case let .failure(failure): return conclude(failure.response, resultType: "Error", error: failure.detail)
                    case let .success(.response(changed)): response = changed
                    case .success(.request): break
                    }
                }
            }
            if cacheable {
                // Errors are cached for CloudFront's default error-caching minimum TTL of 10 s.
                let ttl = response.status >= 400 ? 10 : behavior.ttlSeconds(for: response)
                distribution.cache.store(key, uri: request.uri, response: response, ttlSeconds: ttl, now: scheduler.now)
            }
        }

        // Viewer response: not for error statuses.
        var final = response
        if response.status < 400, let association = behavior.association(for: .viewerResponse) {
            var offered = response
            offered.headers.set("Via", distribution.via)
            let run = invoke(association, context: context, request: request, response: offered, detailed: detailedTrace)
            exchange.trace.append(run.step)
            elapsedMilliseconds += run.elapsedMilliseconds
            switch run.outcome {
            case let .failure(failure): return conclude(failure.response, resultType: "Error", error: failure.detail)
            case let .success(.response(changed)): final = changed
            case .success(.request): break
            }
        }
        if request.method == "HEAD" { final.body = nil }
        return conclude(final, resultType: resultType)
    }
}
