import Yams

/// A function as its file under `Config/edge/` declares it, parsed completely before anything is
/// created, so a mistake anywhere in the file is a config error at its line and nothing half-loads.
///
/// ```yaml
/// name: docs-index               # rules
/// rules:
///   - when: { uri: { suffix: / } }
///     then: [ { rewrite-uri: /docs/index.html } ]
///
/// name: security-headers         # handler code, next to this file
/// runtime: nodejs20.x
/// handler: security-headers.handler
/// code: security-headers.js
/// ```
public struct EdgeFunctionFile: Sendable {
    public var name: String
    public var description: String
    public var body: EdgeFunctionBody
    public var timeoutSeconds: Int
    /// Concurrent executions allowed; beyond them an invocation is throttled (503).
    public var reservedConcurrency: Int?
    public var isCloudFrontFunction: Bool { body.runtime == .cloudFrontJS }

    static let keys = ["name", "description", "runtime", "handler", "code", "timeout", "simulated-duration", "reserved-concurrency", "rules"]
    static let ruleKeys = ["when", "then", "stop"]
    static let conditionKeys = ["method", "uri", "query", "header", "cookie", "country", "status"]
    static let matchKeys = ["equals", "prefix", "suffix", "contains", "glob", "present"]
    static let actionKeys = ["set-header", "add-header", "remove-header", "rewrite-uri", "redirect", "respond", "require-session", "set-status"]

    /// Parses one function file; `readCode` fetches a handler's code file named relative to it.
    public static func parse(_ text: String, file: String, readCode: (String) -> String?) throws(ConfigError) -> EdgeFunctionFile {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(text) else { throw ConfigError(file: file, line: nil, message: "empty function file") }
        var name = "", description = "", runtime = EdgeRuntime.rules, handler: String?, code: (String, Node)?
        var timeout: Int?, simulated: UInt64?, rules: [EdgeRule]?, runtimeNode: Node?, concurrency: Int?
        for (key, _, value) in try reader.mapping(root, what: "a function", allowed: keys) {
            switch key {
            case "name":
                name = try reader.string(value, what: "name")
                guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw reader.fail(value, "function names are 1–64 letters, digits, '-' or '_', not '\(name)'")
                }
            case "description": description = try reader.string(value, what: "description")
            case "runtime":
                let text = try reader.string(value, what: "runtime")
                guard let r = EdgeRuntime(rawValue: text), r != .rules else {
                    let names = EdgeRuntime.allCases.filter { $0 != .rules }.map(\.rawValue)
                    throw reader.fail(value, "runtime must be \(names.joined(separator: ", ")), not '\(text)'\(Suggest.didYouMean(text, in: names))")
                }
                runtime = r
                runtimeNode = value
            case "handler": handler = try reader.string(value, what: "handler")
            case "code": code = (try reader.string(value, what: "code"), value)
            case "timeout": timeout = try reader.int(value, what: "timeout (seconds)", range: 1...30)
            case "reserved-concurrency": concurrency = try reader.int(value, what: "reserved-concurrency", range: 1...EdgeFunction.regionConcurrencyLimit)
            case "simulated-duration":
                let d = try reader.duration(value, what: "simulated-duration")
                simulated = UInt64(max(0, d.milliseconds)) * 1000
            case "rules":
                var parsed: [EdgeRule] = []
                for item in try reader.sequence(value, what: "rules") { parsed.append(try rule(item, reader: reader)) }
                rules = parsed
            default: break
            }
        }
        guard !name.isEmpty else { throw reader.fail(root, "a function needs a name, e.g. name: docs-index") }
        let body: EdgeFunctionBody
        if runtime == .rules {
            guard let rules else { throw reader.fail(root, "function \(name) needs rules: (or runtime:, handler: and code: for handler code)") }
            if handler != nil || code != nil { throw reader.fail(root, "function \(name): handler and code belong to a runtime; rule functions take rules: only") }
            body = .rules(EdgeRuleSet(rules: rules, simulatedDurationMicroseconds: simulated, sourceText: text))
        } else {
            if rules != nil { throw reader.fail(runtimeNode, "function \(name): a \(runtime.rawValue) function takes code:, not rules:") }
            guard let code else { throw reader.fail(root, "function \(name) needs code: FILE for runtime \(runtime.rawValue)") }
            let (codeFile, codeNode) = code
            guard let source = readCode(codeFile) else { throw reader.fail(codeNode, "cannot read code file '\(codeFile)'") }
            let handlerName = handler ?? (runtime == .cloudFrontJS ? "handler" : "")
            if runtime == .cloudFrontJS {
                guard source.utf8.count <= CloudFrontFunctionLimits.maximumCodeBytes else {
                    throw reader.fail(codeNode, "CloudFront Function code is \(source.utf8.count) bytes; the limit is \(CloudFrontFunctionLimits.maximumCodeBytes)")
                }
            } else {
                guard handlerName.split(separator: ".").count == 2 else {
                    throw reader.fail(root, "function \(name) needs handler: FILE.EXPORT (e.g. index.handler)")
                }
            }
            body = .code(runtime: runtime, handler: handlerName, fileName: codeFile, source: source)
        }
        return EdgeFunctionFile(name: name, description: description, body: body, timeoutSeconds: timeout ?? (runtime == .cloudFrontJS ? 1 : 3),
                                reservedConcurrency: concurrency)
    }

    private static func rule(_ node: Node, reader: YAMLReader) throws(ConfigError) -> EdgeRule {
        var rule = EdgeRule(conditions: [], actions: [], stop: false, line: node.mark?.line)
        var sawThen = false
        for (key, _, value) in try reader.mapping(node, what: "a rule", allowed: ruleKeys) {
            switch key {
            case "when":
                for (name, _, v) in try reader.mapping(value, what: "when", allowed: conditionKeys) {
                    rule.conditions.append(try condition(name, v, reader: reader))
                }
            case "then":
                sawThen = true
                let items: [Node]
                if case .sequence = value { items = try reader.sequence(value, what: "then") } else { items = [value] }
                for item in items { rule.actions.append(try action(item, reader: reader)) }
            case "stop":
                let text = try reader.string(value, what: "stop")
                guard let b = Bool(text) else { throw reader.fail(value, "stop must be true or false, not '\(text)'") }
                rule.stop = b
            default: break
            }
        }
        guard sawThen, !rule.actions.isEmpty else { throw reader.fail(node, "a rule needs then: with at least one action (\(actionKeys.joined(separator: ", ")))") }
        return rule
    }

    private static func strings(_ node: Node, what: String, reader: YAMLReader) throws(ConfigError) -> [String] {
        if case .sequence = node {
            var out: [String] = []
            for item in try reader.sequence(node, what: what) { out.append(try reader.string(item, what: what)) }
            return out
        }
        return [try reader.string(node, what: what)]
    }

    private static func match(_ node: Node, what: String, reader: YAMLReader, skipping: [String] = []) throws(ConfigError) -> TextMatch {
        if node.scalar != nil { return .equals(try reader.string(node, what: what)) }
        var found: TextMatch?
        for (key, _, value) in try reader.mapping(node, what: what, allowed: matchKeys + skipping) where !skipping.contains(key) {
            guard found == nil else { throw reader.fail(value, "\(what) takes one comparison (\(matchKeys.joined(separator: ", ")))") }
            switch key {
            case "equals": found = .equals(try reader.string(value, what: "equals"))
            case "prefix": found = .prefix(try reader.string(value, what: "prefix"))
            case "suffix": found = .suffix(try reader.string(value, what: "suffix"))
            case "contains": found = .contains(try strings(value, what: "contains", reader: reader))
            case "glob": found = .glob(try reader.string(value, what: "glob"))
            case "present":
                let text = try reader.string(value, what: "present")
                guard let b = Bool(text) else { throw reader.fail(value, "present must be true or false, not '\(text)'") }
                found = .present(b)
            default: break
            }
        }
        return found ?? .present(true)
    }

    private static func named(_ node: Node, what: String, reader: YAMLReader) throws(ConfigError) -> (String, TextMatch) {
        var nameNode: Node?
        if case let .mapping(mapping) = node {
            for (key, value) in mapping where key.scalar?.string == "name" { nameNode = value }
        }
        guard let nameNode else {
            throw reader.fail(node, "\(what) needs name: and a comparison, e.g. { name: user-agent, contains: Mobile }")
        }
        return (try reader.string(nameNode, what: "name"), try match(node, what: what, reader: reader, skipping: ["name"]))
    }

    private static func condition(_ key: String, _ value: Node, reader: YAMLReader) throws(ConfigError) -> EdgeRuleCondition {
        switch key {
        case "method": return .method(try strings(value, what: "method", reader: reader).map { $0.uppercased() })
        case "uri": return .uri(try match(value, what: "uri", reader: reader))
        case "query": let (n, m) = try named(value, what: "query", reader: reader); return .query(name: n, m)
        case "header": let (n, m) = try named(value, what: "header", reader: reader); return .header(name: n.lowercased(), m)
        case "cookie": let (n, m) = try named(value, what: "cookie", reader: reader); return .cookie(name: n, m)
        case "country": return .country(try strings(value, what: "country", reader: reader).map { $0.uppercased() })
        default:
            var codes: [Int] = []
            for text in try strings(value, what: "status", reader: reader) {
                guard let code = Int(text), (100...599).contains(code) else { throw reader.fail(value, "status must be HTTP codes 100–599, not '\(text)'") }
                codes.append(code)
            }
            return .status(codes)
        }
    }

    private static func action(_ node: Node, reader: YAMLReader) throws(ConfigError) -> EdgeRuleAction {
        let pairs = try reader.mapping(node, what: "an action", allowed: actionKeys)
        guard pairs.count == 1, let (key, _, value) = pairs.first else {
            throw reader.fail(node, "each action is one of \(actionKeys.joined(separator: ", ")); write several as a list")
        }
        func header() throws(ConfigError) -> (String, String) {
            let fields = try reader.mapping(value, what: key, allowed: ["name", "value"])
            guard let n = fields.first(where: { $0.key == "name" }), let v = fields.first(where: { $0.key == "value" }) else {
                throw reader.fail(value, "\(key) needs name: and value:")
            }
            let name = try reader.string(n.value, what: "name")
            try checkHeaderName(name, node: n.value, reader: reader)
            return (name, try reader.string(v.value, what: "value"))
        }
        func status(_ n: Node, range: ClosedRange<Int>) throws(ConfigError) -> Int { try reader.int(n, what: "status", range: range) }
        switch key {
        case "set-header": let (n, v) = try header(); return .setHeader(name: n, value: v)
        case "add-header": let (n, v) = try header(); return .addHeader(name: n, value: v)
        case "remove-header":
            let name = try reader.string(value, what: "remove-header")
            try checkHeaderName(name, node: value, reader: reader)
            return .removeHeader(name)
        case "rewrite-uri":
            let uri = try reader.string(value, what: "rewrite-uri")
            // `{uri}` stands for the request's current URI, which always starts with '/'.
            guard uri.hasPrefix("/") || uri.hasPrefix("{uri}") else { throw reader.fail(value, "rewrite-uri must start with '/' or {uri}, not '\(uri)'") }
            return .rewriteURI(uri)
        case "redirect":
            if value.scalar != nil { return .redirect(location: try reader.string(value, what: "redirect"), status: 302) }
            var location: String?, code = 302
            for (k, _, v) in try reader.mapping(value, what: "redirect", allowed: ["location", "status"]) {
                if k == "location" { location = try reader.string(v, what: "location") } else { code = try status(v, range: 300...399) }
            }
            guard let location else { throw reader.fail(value, "redirect needs location:") }
            return .redirect(location: location, status: code)
        case "respond":
            var code: Int?, body: String?, headers: [(String, String)] = []
            for (k, _, v) in try reader.mapping(value, what: "respond", allowed: ["status", "body", "content-type", "headers"]) {
                switch k {
                case "status": code = try status(v, range: 200...599)
                case "body": body = try reader.string(v, what: "body")
                case "content-type": headers.append(("Content-Type", try reader.string(v, what: "content-type")))
                default:
                    guard case let .mapping(mapping) = v else { throw reader.fail(v, "headers must be a mapping of name: value") }
                    for (hn, hv) in mapping {
                        let name = try reader.string(hn, what: "header name")
                        try checkHeaderName(name, node: hn, reader: reader)
                        headers.append((name, try reader.string(hv, what: "header value")))
                    }
                }
            }
            guard let code else { throw reader.fail(value, "respond needs status:") }
            return .respond(status: code, headers: headers, body: body)
        case "require-session":
            var cookie = "session", login = "/login"
            for (k, _, v) in try reader.mapping(value, what: "require-session", allowed: ["cookie", "login"]) {
                if k == "cookie" { cookie = try reader.string(v, what: "cookie") } else { login = try reader.string(v, what: "login") }
            }
            return .requireSession(cookie: cookie, login: login)
        default:
            return .setStatus(try status(value, range: 100...599))
        }
    }

    private static func checkHeaderName(_ name: String, node: Node, reader: YAMLReader) throws(ConfigError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) else {
            throw reader.fail(node, "'\(name)' is not a valid header name")
        }
    }
}

