/// A JSON path of the simple kind jobs use: `$.user.id`, `$.items[0].sku`, or a bare `user.id`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public let steps: [Step]
    public let description: String

    /// nil when the text is not a path (empty step, unclosed bracket, bad index).
    public init?(_ text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("$") { body = body.dropFirst(); if body.hasPrefix(".") { body = body.dropFirst() } }
        var steps: [Step] = []
        guard !body.isEmpty else { return nil }
        for part in body.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = part
            if let bracket = rest.firstIndex(of: "[") {
                let name = rest[..<bracket]
                if !name.isEmpty { steps.append(.key(String(name))) }
                rest = rest[bracket...]
                while rest.hasPrefix("[") {
                    guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else { return nil }
                    steps.append(.index(i))
                    rest = rest[rest.index(after: close)...]
                }
                guard rest.isEmpty else { return nil }
            } else {
                guard !rest.isEmpty else { return nil }
                steps.append(.key(String(rest)))
            }
        }
        self.steps = steps
        description = text
    }

    /// The value at this path, or nil when any step is missing.
    public func value(in json: JSONValue) -> JSONValue? {
        var current = json
        for step in steps {
            switch step {
            case let .key(k):
                guard let next = current[k] else { return nil }
                current = next
            case let .index(i):
                guard let items = current.arrayValue, i < items.count else { return nil }
                current = items[i]
            }
        }
        return current
    }

    /// The last key, used as a field name when a path is projected without a new name.
    public var lastKey: String {
        for step in steps.reversed() { if case let .key(k) = step { return k } }
        return description
    }
}

extension JSONValue {
    /// A number as a Double, for sums, averages and ranges.
    var numberValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .double(d): return d
        case let .string(s): return Double(s)
        default: return nil
        }
    }

    /// A value as text, for keys and distinct counts: strings bare, everything else as JSON.
    var keyText: String {
        if case let .string(s) = self { return s }
        return serialized()
    }

    /// A JSON number from a Double: whole numbers stay integers, so counts print as `3`, not `3.0`.
    static func number(_ d: Double) -> JSONValue {
        if d == d.rounded(), abs(d) < 9e15 { return .int(Int64(d)) }
        return .double(d)
    }
}
