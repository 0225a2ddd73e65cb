import Foundation

/// Evaluates CloudFormation's intrinsic functions and conditions over a template value.
///
/// `evaluate` returns nil for `AWS::NoValue`, which removes the property or list item it stands
/// in, as CloudFormation does. Errors carry CloudFormation's wording and name the function.
struct IntrinsicEvaluator {
    let context: IntrinsicContext

    func evaluate(_ value: JSONValue) throws(AWSError) -> JSONValue? {
        switch value {
        case let .array(items):
            var out: [JSONValue] = []
            for item in items { if let v = try evaluate(item) { out.append(v) } }
            return .array(out)
        case let .object(pairs):
            if pairs.count == 1, let result = try function(pairs[0].0, pairs[0].1) { return result.value }
            var out: [(String, JSONValue)] = []
            for (key, v) in pairs { if let e = try evaluate(v) { out.append((key, e)) } }
            return .object(out)
        default:
            return value
        }
    }

    /// Like `evaluate`, where `AWS::NoValue` makes no sense (a function's argument).
    func required(_ value: JSONValue, in function: String) throws(AWSError) -> JSONValue {
        guard let v = try evaluate(value) else { throw StackError.format("AWS::NoValue cannot be an argument of \(function)") }
        return v
    }

    private struct Result { let value: JSONValue? }

    /// nil when `key` is no function (an ordinary one-key mapping).
    private func function(_ key: String, _ argument: JSONValue) throws(AWSError) -> Result? {
        switch key {
        case "Ref": return Result(value: try ref(argument))
        case "Fn::GetAtt": return Result(value: try getAtt(argument))
        case "Fn::Sub": return Result(value: .string(try sub(argument)))
        case "Fn::Join": return Result(value: .string(try join(argument)))
        case "Fn::Select": return Result(value: try select(argument))
        case "Fn::Split": return Result(value: try split(argument))
        case "Fn::If": return Result(value: try ifFunction(argument))
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not": return Result(value: .bool(try condition([(key, argument)])))
        case "Fn::FindInMap": return Result(value: try findInMap(argument))
        case "Fn::GetAZs": return Result(value: try getAZs(argument))
        case "Fn::Base64":
            let text = try string(try required(argument, in: key), in: key)
            return Result(value: .string(Data(text.utf8).base64EncodedString()))
        case "Fn::Cidr": return Result(value: try cidr(argument))
        case "Fn::ImportValue": return Result(value: try context.importValue(try string(try required(argument, in: key), in: key)))
        case "Fn::ToJsonString": return Result(value: .string(try required(argument, in: key).serializedCompact()))
        case "Fn::Length":
            guard case let .array(items) = try required(argument, in: key) else {
                throw StackError.format("Fn::Length requires a list argument")
            }
            return Result(value: .int(Int64(items.count)))
        default:
            if key.hasPrefix("Fn::") { throw StackError.format("Encountered unsupported function: \(key)") }
            return nil
        }
    }

    // MARK: - References

    private func ref(_ argument: JSONValue) throws(AWSError) -> JSONValue? {
        guard let name = argument.stringValue else { throw StackError.format("Every Ref object must have a single String value.") }
        if name == "AWS::NoValue" { return nil }
        if let pseudo = context.pseudo.value(name) { return pseudo }
        if let parameter = context.parameters[name] { return parameter }
        return try context.resourceRef(name)
    }

    private func getAtt(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        let parts: [JSONValue]
        switch argument {
        case let .array(items): parts = items
        case let .string(s):
            let halves = s.split(separator: ".", maxSplits: 1).map { JSONValue.string(String($0)) }
            parts = halves
        default: parts = []
        }
        guard parts.count == 2, let logicalID = parts[0].stringValue,
              let attribute = try evaluate(parts[1])?.stringValue, !logicalID.isEmpty, !attribute.isEmpty else {
            throw StackError.format("Template error: every Fn::GetAtt object requires two non-empty parameters.")
        }
        return try context.resourceAttribute(logicalID, attribute)
    }

    private func sub(_ argument: JSONValue) throws(AWSError) -> String {
        let (textValue, variableList) = TemplateReferences.subParts(argument)
        guard let text = textValue else {
            throw StackError.format("One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string")
        }
        var variables: [String: JSONValue] = [:]
        for (name, value) in variableList ?? [] { variables[name] = try required(value, in: "Fn::Sub") }
        var out = ""
        for piece in SubTemplate.pieces(text) {
            switch piece {
            case let .text(t): out += t
            case let .variable(name):
                let value: JSONValue
                if let bound = variables[name] {
                    value = bound
                } else if let dot = name.firstIndex(of: "."), context.pseudo.value(name) == nil {
                    value = try context.resourceAttribute(String(name[..<dot]), String(name[name.index(after: dot)...]))
                } else {
                    guard let v = try ref(.string(name)) else { continue }
                    value = v
                }
                out += try string(value, in: "Fn::Sub")
            }
        }
        return out
    }

    private func join(_ argument: JSONValue) throws(AWSError) -> String {
        guard case let .array(parts) = argument, parts.count == 2, let delimiter = parts[0].stringValue,
              case let .array(items)? = try evaluate(parts[1]) else {
            throw StackError.format("Fn::Join requires a delimiter and a list of values")
        }
        var texts: [String] = []
        for item in items { texts.append(try string(item, in: "Fn::Join")) }
        return texts.joined(separator: delimiter)
    }

    private func select(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        guard case let .array(parts) = argument, parts.count == 2,
              let indexText = TemplateScalar.text(try required(parts[0], in: "Fn::Select")), let index = Int(indexText),
              case let .array(items) = try required(parts[1], in: "Fn::Select") else {
            throw StackError.format("Fn::Select requires an index and a list of values")
        }
        guard items.indices.contains(index) else {
            throw StackError.format("Fn::Select cannot select nonexistent value at index \(index)")
        }
        return items[index]
    }

    private func split(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        guard case let .array(parts) = argument, parts.count == 2, let delimiter = parts[0].stringValue, !delimiter.isEmpty else {
            throw StackError.format("Fn::Split requires a delimiter and a string")
        }
        let source = try string(try required(parts[1], in: "Fn::Split"), in: "Fn::Split")
        return .array(source.components(separatedBy: delimiter).map(JSONValue.string))
    }

    private func ifFunction(_ argument: JSONValue) throws(AWSError) -> JSONValue? {
        guard case let .array(parts) = argument, parts.count == 3, let name = parts[0].stringValue else {
            throw StackError.format("Fn::If requires a list argument with three elements")
        }
        guard let chosen = context.conditions[name] else {
            throw StackError.format("Unresolved condition dependency \(name) in Fn::If")
        }
        return try evaluate(chosen ? parts[1] : parts[2])
    }

    private func findInMap(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        guard case let .array(parts) = argument, parts.count == 3 else {
            throw StackError.format("Fn::FindInMap requires a map name, a top-level key and a second-level key")
        }
        var keys: [String] = []
        for part in parts { keys.append(try string(try required(part, in: "Fn::FindInMap"), in: "Fn::FindInMap")) }
        guard let map = context.mappings[keys[0]] else {
            throw StackError.format("Mappings attribute \(keys[0]) is not defined")
        }
        guard let top = map[keys[1]], let value = top[keys[2]] else {
            throw StackError.validation("Template error: Unable to get mapping for \(keys[0])::\(keys[1])::\(keys[2])")
        }
        return value
    }

    private func getAZs(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        let region = try string(try required(argument, in: "Fn::GetAZs"), in: "Fn::GetAZs")
        guard region.isEmpty || region == context.pseudo.region else { return .array([]) }
        return .array(context.pseudo.availabilityZones.map(JSONValue.string))
    }

    private func cidr(_ argument: JSONValue) throws(AWSError) -> JSONValue {
        guard case let .array(parts) = argument, parts.count == 3 else {
            throw StackError.format("Fn::Cidr requires an IP block, a count and a number of subnet bits")
        }
        let block = try string(try required(parts[0], in: "Fn::Cidr"), in: "Fn::Cidr")
        guard let count = Int(try string(try required(parts[1], in: "Fn::Cidr"), in: "Fn::Cidr")),
              let bits = Int(try string(try required(parts[2], in: "Fn::Cidr"), in: "Fn::Cidr")) else {
            throw StackError.format("Fn::Cidr count and subnet bits must be integers")
        }
        guard let subnets = CidrBlock.subnets(of: block, count: count, hostBits: bits) else {
            throw StackError.format("Fn::Cidr cannot split \(block) into \(count) subnets of \(bits) host bits")
        }
        return .array(subnets.map(JSONValue.string))
    }

    // MARK: - Conditions

    /// Evaluates a condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `{"Condition": name}`.
    func condition(_ pairs: [(String, JSONValue)]) throws(AWSError) -> Bool {
        guard pairs.count == 1 else { throw StackError.format("A condition must be a single condition function") }
        let (key, argument) = pairs[0]
        switch key {
        case "Condition":
            guard let name = argument.stringValue, let value = context.conditions[name] else {
                throw StackError.format("Unresolved condition dependency \(argument.stringValue ?? "?") in Condition")
            }
            return value
        case "Fn::Equals":
            guard case let .array(parts) = argument, parts.count == 2 else {
                throw StackError.format("Fn::Equals requires a list of two values")
            }
            return Self.comparable(try evaluate(parts[0])) == Self.comparable(try evaluate(parts[1]))
        case "Fn::Not":
            guard case let .array(parts) = argument, parts.count == 1 else { throw StackError.format("Fn::Not requires a list of one condition") }
            return !(try conditionValue(parts[0]))
        case "Fn::And", "Fn::Or":
            guard case let .array(parts) = argument, (2...10).contains(parts.count) else {
                throw StackError.format("\(key) requires a list of between 2 and 10 conditions")
            }
            var results: [Bool] = []
            for part in parts { results.append(try conditionValue(part)) }
            return key == "Fn::And" ? results.allSatisfy { $0 } : results.contains(true)
        default:
            throw StackError.format("\(key) is not a condition function")
        }
    }

    func conditionValue(_ value: JSONValue) throws(AWSError) -> Bool {
        if case let .object(pairs) = value { return try condition(pairs) }
        if case let .bool(b) = value { return b }
        if let text = value.stringValue, text == "true" || text == "false" { return text == "true" }
        throw StackError.format("A condition must be a condition function or a reference to a condition")
    }

    /// Equality as CloudFormation sees it: every scalar as text.
    private static func comparable(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        if let text = TemplateScalar.text(value) { return .string(text) }
        return value
    }

    // MARK: - Text

    func string(_ value: JSONValue, in function: String) throws(AWSError) -> String {
        guard let text = TemplateScalar.text(value) else {
            throw StackError.format("\(function) expects a string value, got \(value.serializedCompact())")
        }
        return text
    }
}

extension JSONValue {
    /// Compact JSON without spaces, the way `Fn::ToJsonString` and drift details render values.
    func serializedCompact() -> String {
        switch self {
        case let .array(items): return "[" + items.map { $0.serializedCompact() }.joined(separator: ",") + "]"
        case let .object(pairs):
            return "{" + pairs.map { key, v in
                var k = ""
                JSONValue.writeString(key, to: &k)
                return k + ":" + v.serializedCompact()
            }.joined(separator: ",") + "}"
        default: return serialized()
        }
    }
}
