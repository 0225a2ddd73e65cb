import Estate

/// The readable form of an AWS reply, in the manner of `kubectl describe`: one field a line,
/// names aligned, nested structures indented, lists as `-` items and tags as `Key=Value`.
///
/// It reads the same JSON the JSON page shows, so the two pages can never disagree.
enum DescribeText {
    static func lines(_ json: JSONValue, focus: [String] = []) -> [String] {
        var out: [String] = []
        write(unwrap(focused(json, on: focus)), indent: 0, into: &out)
        return out
    }

    /// Follows `path` through objects, taking a list's first item on the way; stops where the
    /// reply does not go on.
    static func focused(_ json: JSONValue, on path: [String]) -> JSONValue {
        var current = json
        for key in path {
            if let items = current.arrayValue, let first = items.first { current = first }
            guard let next = current[key] else { return current }
            current = next
        }
        if let items = current.arrayValue, items.count == 1 { current = items[0] }
        return current
    }

    /// Replies wrap the resource (`{"Reservations":[{"Instances":[…]}]}`, `{"StreamDescription":…}`):
    /// a lone key or a one-item list says nothing a reader needs, so the page starts inside them.
    static func unwrap(_ json: JSONValue) -> JSONValue {
        switch json {
        case let .object(pairs) where pairs.count == 1 && isContainer(pairs[0].1): return unwrap(pairs[0].1)
        case let .array(items) where items.count == 1: return unwrap(items[0])
        default: return json
        }
    }

    private static func isContainer(_ v: JSONValue) -> Bool {
        switch v {
        case .object, .array: return true
        default: return false
        }
    }

    private static func write(_ json: JSONValue, indent: Int, into out: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch json {
        case let .object(pairs):
            let width = pairs.filter { !isNested($0.1) }.map { $0.0.count }.max() ?? 0
            for (key, value) in pairs {
                if isNested(value) {
                    out.append(pad + key + ":")
                    write(value, indent: indent + 2, into: &out)
                } else {
                    out.append(pad + key + ":" + String(repeating: " ", count: width - key.count + 2) + scalar(value))
                }
            }
        case let .array(items):
            if let tags = tagPairs(items) {
                for (k, v) in tags { out.append(pad + k + "=" + v) }
                return
            }
            for item in items {
                if isNested(item) {
                    var inner: [String] = []
                    write(item, indent: 0, into: &inner)
                    for (i, line) in inner.enumerated() { out.append(pad + (i == 0 ? "- " : "  ") + line) }
                } else {
                    out.append(pad + "- " + scalar(item))
                }
            }
        default:
            out.append(pad + scalar(json))
        }
    }

    /// An object or a list with something in it takes lines of its own; empty ones print inline.
    private static func isNested(_ v: JSONValue) -> Bool {
        switch v {
        case let .object(p): return !p.isEmpty
        case let .array(a): return !a.isEmpty
        default: return false
        }
    }

    /// `[{"Key":"Name","Value":"web"}]`, AWS's shape for tags, as `Name=web`.
    private static func tagPairs(_ items: [JSONValue]) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        for item in items {
            guard let o = item.objectValue, o.count == 2, let k = item["Key"]?.stringValue, let v = item["Value"] else { return nil }
            pairs.append((k, scalar(v)))
        }
        return pairs.isEmpty ? nil : pairs
    }

    private static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "<none>"
        case let .string(s): return s
        case .object: return "{}"
        case .array: return "[]"
        default: return v.serialized()
        }
    }
}
