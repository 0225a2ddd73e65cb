/// One aggregate of a window: `events: count`, `revenue: sum($.total)`, `pages: count-distinct($.page)`,
/// `top_pages: top(3, $.page)`.
public struct AggregateSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case count
        case sum(JSONPath), min(JSONPath), max(JSONPath), avg(JSONPath)
        case countDistinct(JSONPath)
        /// The N most frequent values, most frequent first (ties by value).
        case top(Int, JSONPath)
    }

    public let name: String
    public let kind: Kind

    public static let functionNames = ["count", "sum", "min", "max", "avg", "count-distinct", "top"]

    public static func parse(name: String, _ text: String) -> Result<AggregateSpec, JobSpecError> {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s == "count" || s == "count()" { return .success(AggregateSpec(name: name, kind: .count)) }
        guard let open = s.firstIndex(of: "("), s.hasSuffix(")") else {
            return .failure("'\(s)' is not an aggregate; use \(functionNames.joined(separator: ", ")), e.g. sum($.total)")
        }
        let function = String(s[..<open])
        let args = s[s.index(after: open)..<s.index(before: s.endIndex)].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        func path(_ i: Int) -> JSONPath? { i < args.count ? JSONPath(args[i]) : nil }
        switch function {
        case "sum", "min", "max", "avg", "count-distinct":
            guard args.count == 1, let p = path(0) else { return .failure("\(function)() takes one JSON path, e.g. \(function)($.total)") }
            switch function {
            case "sum": return .success(AggregateSpec(name: name, kind: .sum(p)))
            case "min": return .success(AggregateSpec(name: name, kind: .min(p)))
            case "max": return .success(AggregateSpec(name: name, kind: .max(p)))
            case "avg": return .success(AggregateSpec(name: name, kind: .avg(p)))
            default: return .success(AggregateSpec(name: name, kind: .countDistinct(p)))
            }
        case "top":
            guard args.count == 2, let n = Int(args[0]), n >= 1, let p = path(1) else { return .failure("top() takes a count and a path, e.g. top(3, $.page)") }
            return .success(AggregateSpec(name: name, kind: .top(n, p)))
        default:
            return .failure("unknown aggregate '\(function)'\(Suggest.didYouMean(function, in: functionNames)); use \(functionNames.joined(separator: ", "))")
        }
    }
}

/// The running state of one aggregate in one window: small, copyable (checkpoints copy it) and
/// mergeable (session windows merge).
public struct Accumulator: Sendable, Equatable {
    var count: Int64 = 0
    var sum: Double = 0
    var minimum: Double?
    var maximum: Double?
    /// Value → occurrences, for count-distinct and top-N.
    var occurrences: [String: Int64] = [:]

    mutating func add(_ record: JSONValue, _ kind: AggregateSpec.Kind) {
        switch kind {
        case .count: count += 1
        case let .sum(p), let .avg(p), let .min(p), let .max(p):
            guard let v = p.value(in: record)?.numberValue else { return }
            count += 1
            sum += v
            minimum = Swift.min(minimum ?? v, v)
            maximum = Swift.max(maximum ?? v, v)
        case let .countDistinct(p), let .top(_, p):
            guard let v = p.value(in: record), v != .null else { return }
            occurrences[v.keyText, default: 0] += 1
        }
    }

    mutating func merge(_ other: Accumulator) {
        count += other.count
        sum += other.sum
        if let m = other.minimum { minimum = Swift.min(minimum ?? m, m) }
        if let m = other.maximum { maximum = Swift.max(maximum ?? m, m) }
        for (k, n) in other.occurrences { occurrences[k, default: 0] += n }
    }

    func result(_ kind: AggregateSpec.Kind) -> JSONValue {
        switch kind {
        case .count: return .int(count)
        case .sum: return .number(sum)
        case .min: return minimum.map(JSONValue.number) ?? .null
        case .max: return maximum.map(JSONValue.number) ?? .null
        case .avg: return count == 0 ? .null : .number(sum / Double(count))
        case .countDistinct: return .int(Int64(occurrences.count))
        case let .top(n, _):
            let ranked = occurrences.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n)
            return .array(ranked.map { ["Value": .string($0.key), "Count": .int($0.value)] })
        }
    }

    /// Rough bytes of state, for checkpoint sizes.
    var approximateBytes: Int { 40 + occurrences.keys.reduce(0) { $0 + $1.utf8.count + 16 } }
}
