/// Evaluates a template's `Conditions` once per deployment, each by its name.
///
/// A condition may use another through `{"Condition": name}`, in any order of writing; a loop
/// between conditions is refused rather than recursed into.
enum ConditionTable {
    static func evaluate(_ template: StackTemplate, context base: IntrinsicContext) throws(AWSError) -> [String: Bool] {
        var values: [String: Bool] = [:]
        var visiting: Set<String> = []
        func resolve(_ name: String) throws(AWSError) -> Bool {
            if let known = values[name] { return known }
            guard let expression = template.conditions.first(where: { $0.name == name })?.expression else {
                throw StackError.format("Unresolved condition dependency \(name)")
            }
            guard visiting.insert(name).inserted else { throw StackError.format("Circular condition dependency \(name)") }
            for dependency in referencedConditions(expression) where values[dependency] == nil { _ = try resolve(dependency) }
            var context = base
            context.conditions = values
            let value = try IntrinsicEvaluator(context: context).conditionValue(expression)
            values[name] = value
            return value
        }
        for (name, _) in template.conditions { _ = try resolve(name) }
        return values
    }

    /// Names used as `{"Condition": name}` or as the first argument of `Fn::If`.
    static func referencedConditions(_ value: JSONValue) -> [String] {
        switch value {
        case let .array(items): return items.flatMap(referencedConditions)
        case let .object(pairs):
            if pairs.count == 1, pairs[0].0 == "Condition", let name = pairs[0].1.stringValue { return [name] }
            if pairs.count == 1, pairs[0].0 == "Fn::If", case let .array(parts) = pairs[0].1, let name = parts.first?.stringValue {
                return [name] + parts.dropFirst().flatMap(referencedConditions)
            }
            return pairs.flatMap { referencedConditions($0.1) }
        default: return []
        }
    }
}
