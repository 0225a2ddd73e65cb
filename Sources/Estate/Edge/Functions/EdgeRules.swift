import Foundation

/// A function body in the estate's rule language: an ordered list of `when … then …` rules.
///
/// Deliberately small and safe: conditions only read the request (and the response in response
/// triggers), actions only touch headers, the URI, the status or answer in CloudFront's place, so
/// a rule function always finishes, in a time that depends only on the rules.
public struct EdgeRuleSet: Sendable {
    public var rules: [EdgeRule]
    /// Overrides the simulated run time (to rehearse timeouts); otherwise derived from the work done.
    public var simulatedDurationMicroseconds: UInt64?
    /// The file's text, for the code size and SHA-256.
    public var sourceText: String
}

public struct EdgeRule: Sendable {
    public var conditions: [EdgeRuleCondition]
    public var actions: [EdgeRuleAction]
    /// Stop evaluating later rules once this one has matched.
    public var stop: Bool
    public var line: Int?
}

/// How a text is compared.
public enum TextMatch: Sendable, Equatable {
    case equals(String)
    case prefix(String)
    case suffix(String)
    /// Any of the fragments, case-insensitively.
    case contains([String])
    /// A CloudFront-style pattern with `*` and `?`.
    case glob(String)
    /// Only whether the value is there.
    case present(Bool)

    func matches(_ value: String?) -> Bool {
        switch self {
        case let .present(wanted): return (value != nil) == wanted
        default: break
        }
        guard let value else { return false }
        switch self {
        case let .equals(s): return value == s
        case let .prefix(s): return value.hasPrefix(s)
        case let .suffix(s): return value.hasSuffix(s)
        case let .contains(list):
            return Self.containsAnyIgnoringCase(value, list)
        case let .glob(p): return CacheBehavior.glob(p, value)
        case .present: return true
        }
    }
}

extension TextMatch {
    /// Whether any of `fragments` occurs in `text`, ignoring case, as `containsIgnoringCase` for
    /// each in turn; the text is checked for ASCII once rather than once per fragment.
    static func containsAnyIgnoringCase(_ text: String, _ fragments: [String]) -> Bool {
        var bytes = text
        guard bytes.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else { return fragments.contains { containsIgnoringCase(text, $0) } }
        return bytes.withUTF8 { t in
            fragments.contains { fragment in
                var fragmentBytes = fragment
                let ascii = fragmentBytes.withUTF8 { f in f.allSatisfy { $0 < 0x80 } ? asciiContainsIgnoringCase(t, f) : nil }
                return ascii ?? containsIgnoringCase(text, fragment)
            }
        }
    }

    /// Whether `fragment` occurs in `text`, ignoring case. A User-Agent is searched for a few
    /// fragments on most requests, so ASCII is compared byte by byte in place.
    static func containsIgnoringCase(_ text: String, _ fragment: String) -> Bool {
        var text = text, fragment = fragment
        let ascii = text.utf8.allSatisfy { $0 < 0x80 } && fragment.utf8.allSatisfy { $0 < 0x80 }
        guard ascii else { return text.lowercased().contains(fragment.lowercased()) }
        return text.withUTF8 { t in fragment.withUTF8 { f in asciiContainsIgnoringCase(t, f) } }
    }

    private static func asciiContainsIgnoringCase(_ t: UnsafeBufferPointer<UInt8>, _ f: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !f.isEmpty else { return true }
        guard f.count <= t.count else { return false }
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        for start in 0...(t.count - f.count) {
            var i = 0
            while i < f.count && lower(t[start + i]) == lower(f[i]) { i += 1 }
            if i == f.count { return true }
        }
        return false
    }
}

public enum EdgeRuleCondition: Sendable, Equatable {
    case method([String])
    case uri(TextMatch)
    case query(name: String, TextMatch)
    case header(name: String, TextMatch)
    case cookie(name: String, TextMatch)
    case country([String])
    /// Response triggers only.
    case status([Int])

    func holds(request: EdgeRequest, response: EdgeResponse?) -> Bool {
        switch self {
        case let .method(methods): return methods.contains(request.method)
        case let .uri(match): return match.matches(request.uri)
        case let .query(name, match): return match.matches(request.queryParameters.first { $0.name == name }?.value)
        case let .header(name, match): return match.matches(request.headers.first(name))
        case let .cookie(name, match): return match.matches(request.headers.cookies[name])
        case let .country(codes): return request.country.map { codes.contains($0) } ?? false
        case let .status(codes): return response.map { codes.contains($0.status) } ?? false
        }
    }
}

public enum EdgeRuleAction: Sendable, Equatable {
    case setHeader(name: String, value: String)
    case addHeader(name: String, value: String)
    case removeHeader(String)
    case rewriteURI(String)
    case redirect(location: String, status: Int)
    case respond(status: Int, headers: [(String, String)], body: String?)
    /// A valid signed session cookie, or a 302 to `login` without reaching the origin.
    case requireSession(cookie: String, login: String)
    /// Response triggers: replace the status (refused by CloudFront in viewer-response).
    case setStatus(Int)

    public static func == (a: EdgeRuleAction, b: EdgeRuleAction) -> Bool {
        switch (a, b) {
        case let (.setHeader(n1, v1), .setHeader(n2, v2)), let (.addHeader(n1, v1), .addHeader(n2, v2)): return n1 == n2 && v1 == v2
        case let (.removeHeader(x), .removeHeader(y)), let (.rewriteURI(x), .rewriteURI(y)): return x == y
        case let (.redirect(l1, s1), .redirect(l2, s2)): return l1 == l2 && s1 == s2
        case let (.respond(s1, h1, b1), .respond(s2, h2, b2)): return s1 == s2 && b1 == b2 && h1.elementsEqual(h2) { $0 == $1 }
        case let (.requireSession(c1, l1), .requireSession(c2, l2)): return c1 == c2 && l1 == l2
        case let (.setStatus(x), .setStatus(y)): return x == y
        default: return false
        }
    }

    /// Actions that only make sense before there is a response.
    var needsRequestTrigger: Bool {
        switch self {
        case .rewriteURI, .redirect, .respond, .requireSession: return true
        default: return false
        }
    }
}

/// What a function decided: carry on with a request, answer with a response, or fail.
public enum EdgeFunctionOutput: Sendable, Equatable {
    case request(EdgeRequest)
    case response(EdgeResponse)
}

/// Runs a rule set against one event.
struct EdgeRuleEvaluator {
    let sessions: SessionSigner
    let now: SimInstant

    /// The output and the simulated time it took, in microseconds.
    func run(_ set: EdgeRuleSet, event: EdgeEventType, request: EdgeRequest, response: EdgeResponse?) -> (EdgeFunctionOutput, UInt64) {
        var request = request
        var response = response
        var cost: UInt64 = 400
        for rule in set.rules {
            cost += 50 * UInt64(max(1, rule.conditions.count))
            guard rule.conditions.allSatisfy({ $0.holds(request: request, response: response) }) else { continue }
            for action in rule.actions {
                cost += 40
                switch action {
                case let .setHeader(name, value):
                    if event.isRequest { request.headers.set(name, value) } else { response?.headers.set(name, value) }
                case let .addHeader(name, value):
                    if event.isRequest { request.headers.add(name, value) } else { response?.headers.add(name, value) }
                case let .removeHeader(name):
                    if event.isRequest { request.headers.remove(name) } else { response?.headers.remove(name) }
                case let .rewriteURI(uri):
                    request.uri = uri.replacingOccurrences(of: "{uri}", with: request.uri)
                case let .redirect(location, status):
                    return (.response(EdgeResponse(status: status, headers: EdgeHeaders([("Location", location)]))), set.simulatedDurationMicroseconds ?? cost)
                case let .respond(status, headers, body):
                    return (.response(EdgeResponse(status: status, headers: EdgeHeaders(headers), body: body)), set.simulatedDurationMicroseconds ?? cost)
                case let .requireSession(cookie, login):
                    cost += 300
                    if case .failure = sessions.verify(request.headers.cookies[cookie], now: now) {
                        return (.response(EdgeResponse(status: 302, headers: EdgeHeaders([("Location", login), ("Cache-Control", "no-store")]))),
                                set.simulatedDurationMicroseconds ?? cost)
                    }
                case let .setStatus(status):
                    response?.status = status
                    response?.statusDescription = HTTPStatus.reason(status)
                }
            }
            if rule.stop { break }
        }
        let duration = set.simulatedDurationMicroseconds ?? cost
        if let response, !event.isRequest { return (.response(response), duration) }
        return (.request(request), duration)
    }
}
