import Estate
import Foundation

/// Which operation a REST request names, read from botocore's URI templates
/// (`GET /2015-03-31/functions/{FunctionName}`), and where its members travel: path labels,
/// query-string parameters and headers. Shared by the REST-JSON and REST-XML protocols.
struct RestRoutes: Sendable {
    struct Route: Sendable {
        /// The operation's AWS name (`GetFunction`).
        let name: String
        let method: String
        /// The template's path segments; a `{Label}` segment captures one segment,
        /// `{Label+}` the rest of the path.
        let segments: [String]
        /// Query parameters the template requires (`?list-type=2`), by name.
        let requiredQuery: [String]
        let status: Int
    }

    let model: WireModel
    let routes: [Route]

    /// Only the operations the estate has are routed; the others answer as unknown.
    init(model: WireModel, operations: Set<String>) {
        self.model = model
        routes = model.http.keys.sorted().filter(operations.contains).compactMap { name in
            guard let http = model.http[name] else { return nil }
            let parts = http.uri.split(separator: "?", maxSplits: 1)
            let query = parts.count > 1 ? FormBody.parse(String(parts[1])).map(\.0) : []
            return Route(name: name, method: http.method, segments: parts.first.map { $0.split(separator: "/").map(String.init) } ?? [],
                         requiredQuery: query, status: http.status)
        }
    }

    /// The route a request takes, with its path labels undone from percent-encoding.
    func match(_ request: WireRequest) -> (route: Route, labels: [String: String])? {
        let path = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let query = Set(FormBody.parse(request.query).map(\.0))
        for route in routes where route.method == request.method && route.requiredQuery.allSatisfy(query.contains) {
            if let labels = Self.labels(route.segments, path) { return (route, labels) }
        }
        return nil
    }

    /// Whether the path is one of this service's at all (for a request that names no service).
    func owns(_ request: WireRequest) -> Bool {
        let first = request.path.split(separator: "/").first.map(String.init)
        return routes.contains { $0.segments.first == first }
    }

    static func labels(_ template: [String], _ path: [String]) -> [String: String]? {
        var labels: [String: String] = [:]
        for (i, segment) in template.enumerated() {
            if segment.hasPrefix("{"), segment.hasSuffix("+}") {
                guard i < path.count else { return nil }
                labels[String(segment.dropFirst().dropLast(2))] = path[i...].map(decode).joined(separator: "/")
                return labels
            }
            guard i < path.count else { return nil }
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                labels[String(segment.dropFirst().dropLast())] = decode(path[i])
            } else if segment != path[i] {
                return nil
            }
        }
        return template.count == path.count ? labels : nil
    }

    static func decode(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }

    /// The members of the operation's input that travel outside the body, as parameters: path
    /// labels, query-string parameters and headers, typed by the estate's parameter shapes
    /// (a query string's `MaxItems=10` is a number to the operation).
    func located(_ route: Route, labels: [String: String], request: WireRequest, spec: OperationSpec?) throws(AWSError) -> [(String, JSONValue)] {
        guard let input = model.operations[route.name]?.input else { return [] }
        let query = FormBody.parse(request.query)
        var out: [(String, JSONValue)] = []
        for (member, location, name) in model.locations[input] ?? [] {
            let text: String?
            switch location {
            case "uri": text = labels[name]
            case "querystring": text = query.last { $0.0 == name }?.1
            case "header": text = request.header(name)
            default: text = nil
            }
            guard let text else { continue }
            switch spec?.parameters.first(where: { $0.member == member })?.shape {
            case .integer?:
                guard let n = Int64(text) else {
                    throw AWSError("ValidationException", "1 validation error detected: Value '\(text)' at '\(name)' failed to satisfy constraint: Member must be a number")
                }
                out.append((member, .int(n)))
            case .boolean?:
                out.append((member, .bool(text == "true")))
            default:
                out.append((member, .string(text)))
            }
        }
        return out
    }

    /// The answer's members that travel as headers (`ETag`, `Location`), and the rest.
    func headers(_ value: JSONValue, output: String?) -> (headers: [(String, String)], body: JSONValue) {
        guard let output, let located = model.locations[output], case let .object(pairs) = value else { return ([], value) }
        var headers: [(String, String)] = []
        var rest: [(String, JSONValue)] = []
        for (key, item) in pairs {
            if let place = located.first(where: { $0.member == key }) {
                if place.location == "header", let text = item.stringValue { headers.append((place.name, text)) }
            } else {
                rest.append((key, item))
            }
        }
        return (headers, .object(rest))
    }

    /// The status a code is answered with: the service's own model first (OpenSearch answers a
    /// missing domain with 409, Lambda a missing function with 404), then AWS's common codes.
    func status(of code: String) -> Int {
        model.errorStatus[code] ?? ErrorStatus.of(code)
    }
}

/// A REST protocol the gateway routes by signing name or by path.
protocol RestService: WireProtocol {
    /// The estate's service (`lambda`).
    var service: String { get }
    var routes: RestRoutes { get }
}
