/// A computed field of a `map`: a path, a literal, arithmetic on two operands, or a text function.
///
/// ```
/// user: $.user_id                    # projection
/// amount_cents: $.total * 100        # arithmetic (+ - * /)
/// page: lower($.page)                # lower, upper, length
/// label: concat($.user_id, '@', $.page)
/// ```
public indirect enum FieldExpression: Sendable, Equatable {
    case path(JSONPath)
    case literal(JSONValue)
    case arithmetic(FieldExpression, Character, FieldExpression)
    case function(String, [FieldExpression])

    public static let functions = ["lower", "upper", "length", "concat"]

    /// Parses one expression; the error message says what was expected.
    public static func parse(_ text: String) -> Result<FieldExpression, JobSpecError> {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return .failure("an empty expression") }
        for op in [" + ", " - ", " * ", " / "] {
            if let range = s.range(of: op, options: .backwards) {
                let lhs = parse(String(s[..<range.lowerBound])), rhs = parse(String(s[range.upperBound...]))
                switch (lhs, rhs) {
                case let (.success(l), .success(r)): return .success(.arithmetic(l, op.trimmingCharacters(in: .whitespaces).first!, r))
                case let (.failure(e), _), let (_, .failure(e)): return .failure(e)
                }
            }
        }
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let name = String(s[..<open]).lowercased()
            guard functions.contains(name) else {
                return .failure("unknown function '\(name)'\(Suggest.didYouMean(name, in: functions)); functions: \(functions.joined(separator: ", "))")
            }
            var args: [FieldExpression] = []
            for part in splitArguments(String(s[s.index(after: open)..<s.index(before: s.endIndex)])) {
                switch parse(part) {
                case let .success(e): args.append(e)
                case let .failure(e): return .failure(e)
                }
            }
            guard name == "concat" || args.count == 1 else { return .failure("\(name)() takes one argument") }
            return .success(.function(name, args))
        }
        if s.hasPrefix("$") {
            guard let path = JSONPath(s) else { return .failure("'\(s)' is not a JSON path like $.user.id") }
            return .success(.path(path))
        }
        return .success(.literal(literal(s)))
    }

    /// A literal word: quoted text, a number, true/false/null, or the word itself as text.
    static func literal(_ s: String) -> JSONValue {
        if s.count >= 2, (s.hasPrefix("'") && s.hasSuffix("'")) || (s.hasPrefix("\"") && s.hasSuffix("\"")) {
            return .string(String(s.dropFirst().dropLast()))
        }
        if let i = Int64(s) { return .int(i) }
        if let d = Double(s), d.isFinite { return .double(d) }
        switch s {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: return .string(s)
        }
    }

    private static func splitArguments(_ text: String) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for ch in text {
            if let q = quote { current.append(ch); if ch == q { quote = nil }; continue }
            if ch == "'" || ch == "\"" { quote = ch; current.append(ch); continue }
            if ch == "," { parts.append(current); current = ""; continue }
            current.append(ch)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty || !parts.isEmpty { parts.append(current) }
        return parts
    }

    /// The value for one record; null when a path is missing or arithmetic meets a non-number.
    public func evaluate(_ record: JSONValue) -> JSONValue {
        switch self {
        case let .path(p): return p.value(in: record) ?? .null
        case let .literal(v): return v
        case let .arithmetic(l, op, r):
            guard let a = l.evaluate(record).numberValue, let b = r.evaluate(record).numberValue else { return .null }
            switch op {
            case "+": return .number(a + b)
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            default: return b == 0 ? .null : .number(a / b)
            }
        case let .function(name, args):
            let values = args.map { $0.evaluate(record) }
            switch name {
            case "lower": return values[0].stringValue.map { .string($0.lowercased()) } ?? .null
            case "upper": return values[0].stringValue.map { .string($0.uppercased()) } ?? .null
            case "length":
                switch values[0] {
                case let .string(s): return .int(Int64(s.count))
                case let .array(a): return .int(Int64(a.count))
                default: return .null
                }
            default: return .string(values.map { $0 == .null ? "" : $0.keyText }.joined())
            }
        }
    }
}
