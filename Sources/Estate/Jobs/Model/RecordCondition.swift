/// One condition of a `filter`: `$.event_type == click`, `$.total >= 100`, `exists $.coupon`,
/// `$.page in [/cart, /checkout]`, `$.page contains blog`.
public struct RecordCondition: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<"
        case contains, `in`, exists
    }

    public let path: JSONPath
    public let comparison: Comparison
    public let value: JSONValue

    /// Parses `PATH OP VALUE` or `exists PATH`.
    public static func parse(_ text: String) -> Result<RecordCondition, JobSpecError> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.count == 2, words[0] == "exists" {
            guard let p = JSONPath(words[1]) else { return .failure("'\(words[1])' is not a JSON path") }
            return .success(RecordCondition(path: p, comparison: .exists, value: .null))
        }
        let ops = Comparison.allCases.filter { $0 != .exists }.map(\.rawValue)
        guard words.count >= 3 else {
            return .failure("a condition reads 'PATH OP VALUE' (OP one of \(ops.joined(separator: " "))) or 'exists PATH', not '\(text)'")
        }
        guard let p = JSONPath(words[0]) else { return .failure("'\(words[0])' is not a JSON path") }
        guard let op = Comparison(rawValue: words[1]), op != .exists else {
            return .failure("unknown comparison '\(words[1])'; use one of \(ops.joined(separator: " "))")
        }
        let rest = words[2...].joined(separator: " ")
        if op == .in {
            guard rest.hasPrefix("["), rest.hasSuffix("]") else { return .failure("'in' takes a list like [a, b]") }
            let items = rest.dropFirst().dropLast().split(separator: ",").map { FieldExpression.literal($0.trimmingCharacters(in: .whitespaces)) }
            return .success(RecordCondition(path: p, comparison: op, value: .array(items)))
        }
        return .success(RecordCondition(path: p, comparison: op, value: FieldExpression.literal(rest)))
    }

    public func holds(for record: JSONValue) -> Bool {
        let found = path.value(in: record)
        switch comparison {
        case .exists: return found != nil && found != .null
        case .equal: return found.map { Self.same($0, value) } ?? false
        case .notEqual: return !(found.map { Self.same($0, value) } ?? false)
        case .in: return found.map { f in value.arrayValue?.contains { Self.same(f, $0) } ?? false } ?? false
        case .contains:
            guard let f = found else { return false }
            if case let .array(items) = f { return items.contains { Self.same($0, value) } }
            return f.keyText.contains(value.keyText)
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            guard let f = found else { return false }
            let order: Int
            if let a = f.numberValue, let b = value.numberValue, f.stringValue == nil || value.stringValue == nil {
                order = a < b ? -1 : (a > b ? 1 : 0)
            } else {
                let a = f.keyText, b = value.keyText
                order = a < b ? -1 : (a > b ? 1 : 0)
            }
            switch comparison {
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .less: return order < 0
            default: return order <= 0
            }
        }
    }

    /// Equality across number spellings (`3` and `3.0`) and text.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.numberValue, let y = b.numberValue, a.stringValue == nil, b.stringValue == nil { return x == y }
        if let x = a.numberValue, let y = b.numberValue, (a.stringValue == nil) != (b.stringValue == nil) { return x == y }
        return a.keyText == b.keyText
    }
}
