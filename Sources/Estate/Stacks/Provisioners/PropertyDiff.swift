/// Which top-level properties differ between two property sets, in a stable order.
enum PropertyDiff {
    static func changedProperties(_ old: JSONValue, _ new: JSONValue) -> [String] {
        let oldPairs = old.objectValue ?? [], newPairs = new.objectValue ?? []
        var names: [String] = []
        for (key, _) in oldPairs + newPairs where !names.contains(key) { names.append(key) }
        return names.filter { key in normalized(old[key]) != normalized(new[key]) }
    }

    /// CloudFormation compares property values as text: `2` and `"2"` are the same shard count.
    static func normalized(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .int, .double, .bool: return TemplateScalar.text(value).map(JSONValue.string)
        case let .array(items): return .array(items.map { normalized($0) ?? .null })
        case let .object(pairs): return .object(pairs.map { ($0.0, normalized($0.1) ?? .null) })
        default: return value
        }
    }
}
