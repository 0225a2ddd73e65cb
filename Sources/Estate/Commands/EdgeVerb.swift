/// The `edge` verbs: requests through a distribution and session cookies, which AWS has no API for.
///
/// ```
/// edge request METHOD PATH [--header 'Name: value']… [--distribution NAME] [--country CC] [--client-ip IP] [--protocol http|https]
/// edge sign-session --user NAME [--ttl 1h]
/// edge attach DISTRIBUTION PATH-PATTERN EVENT-TYPE FUNCTION:VERSION|none
/// ```
public enum EdgeVerb: Equatable, Sendable {
    case request(method: String, path: String, headers: [String], distribution: String?, country: String?, clientIp: String?, viewerProtocol: String)
    case signSession(user: String, ttl: SimDuration)
    case attach(distribution: String, pathPattern: String, event: EdgeEventType, function: String?, version: Int?)

    /// The verbs, their usage and whether they only read: the one table parser, help and the
    /// read-only check share.
    public static let table: [(verb: String, usage: String, readOnly: Bool)] = [
        ("request", "edge request METHOD PATH [--header 'Name: value']… [--distribution NAME] [--country CC] [--client-ip IP] [--protocol http|https]", false),
        ("sign-session", "edge sign-session --user NAME [--ttl 1h]", true),
        ("attach", "edge attach DISTRIBUTION PATH-PATTERN EVENT-TYPE FUNCTION:VERSION|none", false),
    ]
    public static var verbs: [String] { table.map(\.verb) }

    public var isReadOnly: Bool {
        if case .signSession = self { return true }
        return false
    }

    static let methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    /// Parses the words after `edge`.
    static func parse(_ words: [Tokenizer.Token], at edgeWord: Tokenizer.Token) throws(CommandError) -> EdgeVerb {
        guard let verb = words.first else {
            throw CommandError("Missing verb after 'edge'. Valid: \(verbs.joined(separator: ", "))", token: "edge", column: edgeWord.column)
        }
        guard let usage = table.first(where: { $0.verb == verb.text })?.usage else {
            throw CommandError("Unknown edge verb '\(verb.text)'\(Suggest.didYouMean(verb.text, in: verbs)). Valid: \(verbs.joined(separator: ", "))",
                               token: verb.text, column: verb.column)
        }
        var positional: [Tokenizer.Token] = []
        var options: [(String, Tokenizer.Token)] = []
        var i = 1
        while i < words.count {
            let w = words[i]
            if w.text.hasPrefix("--") {
                guard i + 1 < words.count else { throw CommandError("Option '\(w.text)' needs a value", token: w.text, column: w.column) }
                options.append((w.text, words[i + 1]))
                i += 2
            } else {
                positional.append(w)
                i += 1
            }
        }
        let allowed: [String]
        switch verb.text {
        case "request": allowed = ["--header", "--distribution", "--country", "--client-ip", "--protocol"]
        case "sign-session": allowed = ["--user", "--ttl"]
        default: allowed = []
        }
        for (name, value) in options where !allowed.contains(name) {
            throw CommandError("Unknown option '\(name)' for edge \(verb.text)\(Suggest.didYouMean(name, in: allowed)). Usage: \(usage)", token: name, column: value.column)
        }
        for name in allowed where name != "--header" && options.filter({ $0.0 == name }).count > 1 {
            throw CommandError("Option '\(name)' is given twice", token: name)
        }
        func option(_ name: String) -> Tokenizer.Token? { options.first { $0.0 == name }?.1 }
        switch verb.text {
        case "request":
            guard positional.count == 2 else { throw CommandError("Usage: \(usage)", token: verb.text, column: verb.column) }
            let method = positional[0].text.uppercased()
            guard methods.contains(method) else {
                throw CommandError("Unknown HTTP method '\(positional[0].text)'. Valid: \(methods.joined(separator: ", "))", token: positional[0].text, column: positional[0].column)
            }
            let path = positional[1].text
            guard path.hasPrefix("/") else { throw CommandError("The path must start with '/', not '\(path)'", token: path, column: positional[1].column) }
            var headers: [String] = []
            for (name, value) in options where name == "--header" {
                guard let colon = value.text.firstIndex(of: ":"), colon != value.text.startIndex else {
                    throw CommandError("--header takes 'Name: value', not '\(value.text)'", token: value.text, column: value.column)
                }
                headers.append(value.text)
            }
            // The viewer's protocol, which the behaviour's ViewerProtocolPolicy judges; https by default.
            var viewerProtocol = "https"
            if let given = option("--protocol") {
                guard EdgeRequest.protocols.contains(given.text.lowercased()) else {
                    throw CommandError("--protocol takes \(EdgeRequest.protocols.joined(separator: " or ")), not '\(given.text)'", token: given.text, column: given.column)
                }
                viewerProtocol = given.text.lowercased()
            }
            return .request(method: method, path: path, headers: headers, distribution: option("--distribution")?.text,
                            country: option("--country")?.text.uppercased(), clientIp: option("--client-ip")?.text, viewerProtocol: viewerProtocol)
        case "sign-session":
            guard let user = option("--user") else { throw CommandError("'edge sign-session' needs --user NAME", token: verb.text, column: verb.column) }
            guard SessionSigner.isValidUser(user.text) else {
                throw CommandError("--user takes 1–64 letters, digits, '-' or '_', not '\(user.text)'", token: user.text, column: user.column)
            }
            var ttl = SimDuration.hours(1)
            if let t = option("--ttl") {
                guard let d = SimDuration.parse(t.text), d.milliseconds > 0 else {
                    throw CommandError("Invalid --ttl '\(t.text)': use e.g. 30m, 1h, 7d", token: t.text, column: t.column)
                }
                ttl = d
            }
            if let extra = positional.first { throw CommandError("Unexpected value '\(extra.text)'. Usage: \(usage)", token: extra.text, column: extra.column) }
            return .signSession(user: user.text, ttl: ttl)
        default:
            guard positional.count == 4 else { throw CommandError("Usage: \(usage)", token: verb.text, column: verb.column) }
            guard let event = EdgeEventType(rawValue: positional[2].text) else {
                let names = EdgeEventType.allCases.map(\.rawValue)
                throw CommandError("Unknown event type '\(positional[2].text)'\(Suggest.didYouMean(positional[2].text, in: names)). Valid: \(names.joined(separator: ", "))",
                                   token: positional[2].text, column: positional[2].column)
            }
            let reference = positional[3].text
            if reference == "none" {
                return .attach(distribution: positional[0].text, pathPattern: positional[1].text, event: event, function: nil, version: nil)
            }
            let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
            var version: Int?
            if parts.count == 2 {
                guard let n = Int(parts[1]), n >= 1 else {
                    throw CommandError(parts[1] == "$LATEST"
                        ? "\(parts[0]):$LATEST cannot be attached: CloudFront needs a numbered version (publish one with lambda publish-version)"
                        : "Invalid version '\(parts[1])': expected a number", token: reference, column: positional[3].column)
                }
                version = n
            } else if parts.count > 2 || parts[0].isEmpty {
                throw CommandError("A function reference is NAME:VERSION (or NAME for a CloudFront Function), not '\(reference)'", token: reference, column: positional[3].column)
            }
            return .attach(distribution: positional[0].text, pathPattern: positional[1].text, event: event, function: String(parts[0]), version: version)
        }
    }
}

extension EdgeService {
    /// Runs an `edge` verb and answers with JSON, like the AWS-shaped operations.
    public func run(_ verb: EdgeVerb) -> Result<JSONValue, AWSError> {
        do throws(AWSError) {
            switch verb {
            case let .request(method, path, headerLines, name, country, clientIp, viewerProtocol):
                let distribution: Distribution
                if let name {
                    guard let d = self.distribution(named: name) else { throw noSuchDistribution(name) }
                    distribution = d
                } else {
                    guard let d = distributions.first else { throw AWSError("NoSuchDistribution", "The estate has no distribution.") }
                    distribution = d
                }
                var headers = EdgeHeaders()
                for line in headerLines {
                    let colon = line.firstIndex(of: ":")!
                    headers.add(String(line[..<colon]).trimmingSpaces, String(line[line.index(after: colon)...]).trimmingSpaces)
                }
                if let country { headers.set("CloudFront-Viewer-Country", country) }
                if !headers.contains("user-agent") { headers.add("User-Agent", "cloudtop/1.0") }
                let uri: String, query: String
                if let q = path.firstIndex(of: "?") { uri = String(path[..<q]); query = String(path[path.index(after: q)...]) } else { uri = path; query = "" }
                var request = EdgeRequest(clientIp: clientIp ?? "203.0.113.178", method: method, uri: uri, querystring: query, headers: headers)
                request.viewerProtocol = viewerProtocol
                return .success(serve(distribution, request, detailedTrace: true).json)
            case let .signSession(user, ttl):
                let expires = scheduler.now + ttl
                let value = sessions.sign(user: user, expires: expires)
                return .success(["Cookie": .string("session=\(value)"), "User": .string(user), "Expires": .string(SimCalendar.iso8601(expires))])
            case let .attach(name, pattern, event, function, version):
                let distribution = try associate(distribution: name, pathPattern: pattern, event: event, function: function, version: version)
                return .success(["ETag": .string(etag(distribution)), "Distribution": distributionJSON(distribution)])
            }
        } catch {
            return .failure(error)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
