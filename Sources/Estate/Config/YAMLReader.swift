import Yams

/// Reads a YAML document node by node, so every complaint can name its file and line.
///
/// Yams' `Decodable` path loses positions; composing to `Node` keeps each node's mark.
public struct YAMLReader {
    public let file: String

    public init(file: String) { self.file = file }

    /// The document's root, or nil for an empty file.
    public func root(_ text: String) throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: file, line: Self.line(of: error), message: Self.problem(of: error))
        } catch {
            throw ConfigError(file: file, line: nil, message: "\(error)")
        }
    }

    public func fail(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line, message: message)
    }

    /// The mapping's pairs, rejecting keys outside `allowed` with a suggestion.
    public func mapping(_ node: Node, what: String, allowed: [String]) throws(ConfigError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else { throw fail(node, "\(what) must be a mapping of key: value") }
        var out: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode, "keys in \(what) must be plain words") }
            guard allowed.contains(key) else {
                throw fail(keyNode, "unknown key '\(key)' in \(what)\(Suggest.didYouMean(key, in: allowed)); allowed: \(allowed.joined(separator: ", "))")
            }
            guard !out.contains(where: { $0.0 == key }) else { throw fail(keyNode, "key '\(key)' appears twice in \(what)") }
            out.append((key, keyNode, value))
        }
        return out
    }

    public func sequence(_ node: Node, what: String) throws(ConfigError) -> [Node] {
        guard case let .sequence(seq) = node else { throw fail(node, "\(what) must be a list (lines starting with '- ')") }
        return Array(seq)
    }

    public func string(_ node: Node, what: String) throws(ConfigError) -> String {
        guard let s = node.scalar?.string else { throw fail(node, "\(what) must be a single value, not a list or mapping") }
        return s
    }

    public func int(_ node: Node, what: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try string(node, what: what)
        guard let n = Int(text) else { throw fail(node, "\(what) must be a whole number, not '\(text)'") }
        guard range.contains(n) else { throw fail(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(n)") }
        return n
    }

    public func double(_ node: Node, what: String, range: ClosedRange<Double>) throws(ConfigError) -> Double {
        let text = try string(node, what: what)
        guard let n = Double(text), n.isFinite else { throw fail(node, "\(what) must be a number, not '\(text)'") }
        guard range.contains(n) else { throw fail(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(n)") }
        return n
    }

    public func duration(_ node: Node, what: String) throws(ConfigError) -> SimDuration {
        let text = try string(node, what: what)
        guard let d = SimDuration.parse(text) else { throw fail(node, "\(what) must be a duration like 90s, 5m or 1h, not '\(text)'") }
        return d
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            return "YAML syntax: \(problem)" + (context.map { " \($0.text)" } ?? "")
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate keys: \(duplicates.joined(separator: ", "))"
        default:
            return "YAML: \(error)"
        }
    }
}
