import Yams

/// Turns a template body, JSON or YAML, into one `JSONValue` tree in CloudFormation's JSON form.
///
/// YAML's short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the long form
/// (`{"Ref": "X"}`, `{"Fn::GetAtt": ["A", "B"]}`), so everything after parsing sees one shape.
/// Keys keep their written order, which is the order resources, parameters and outputs are listed.
public enum TemplateDocument {
    /// The largest inline `TemplateBody` CloudFormation accepts (REFERENCE §5).
    public static let maximumBodyBytes = 51_200

    /// The short-form tags and the functions they stand for.
    static let shortForms: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition",
        "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join", "!If": "Fn::If", "!Select": "Fn::Select",
        "!Split": "Fn::Split", "!Equals": "Fn::Equals", "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not",
        "!FindInMap": "Fn::FindInMap", "!GetAZs": "Fn::GetAZs", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
        "!ImportValue": "Fn::ImportValue", "!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length",
    ]

    public static func parse(_ body: String) throws(AWSError) -> JSONValue {
        let trimmed = body.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        let root: JSONValue
        if trimmed.hasPrefix("{") {
            do { root = try JSONParser.parse(body) } catch {
                let (line, column) = position(ofOffset: error.offset, in: body)
                throw StackError.format("JSON not well-formed. (line \(line), column \(column))")
            }
        } else {
            root = try parseYAML(body)
        }
        guard case .object = root else {
            throw StackError.format("The template must be a JSON or YAML object with a Resources section.")
        }
        return root
    }

    static func parseYAML(_ body: String) throws(AWSError) -> JSONValue {
        let node: Node?
        do { node = try Yams.compose(yaml: body) } catch let error as YamlError {
            switch error {
            case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
                throw StackError.format("YAML not well-formed. (line \(mark.line), column \(mark.column))")
            default:
                throw StackError.format("YAML not well-formed. \(error)")
            }
        } catch {
            throw StackError.format("YAML not well-formed. \(error)")
        }
        guard let node else { throw StackError.format("At least one Resources member must be defined.") }
        return try convert(node)
    }

    private static func convert(_ node: Node) throws(AWSError) -> JSONValue {
        let tag = node.tag.rawValue
        if let function = shortForms[tag] {
            return .object([(function, try shortFormArgument(function, node))])
        }
        if tag.hasPrefix("!") && !tag.hasPrefix("!!") && tag != "!" {
            throw StackError.format("Unsupported YAML tag \(tag) (line \(node.mark?.line ?? 0)).")
        }
        switch node {
        case let .scalar(scalar): return plainScalar(scalar)
        case let .sequence(seq):
            var items: [JSONValue] = []
            for item in seq { items.append(try convert(item)) }
            return .array(items)
        case let .mapping(mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw StackError.format("Mapping keys must be plain strings (line \(key.mark?.line ?? 0)).")
                }
                guard !pairs.contains(where: { $0.0 == name }) else {
                    throw StackError.format("YAML not well-formed. Duplicate key \(name) (line \(key.mark?.line ?? 0)).")
                }
                pairs.append((name, try convert(value)))
            }
            return .object(pairs)
        case let .alias(alias):
            throw StackError.format("YAML aliases are not supported (line \(alias.mark?.line ?? 0)).")
        }
    }

    /// `!GetAtt A.B` is the one short form whose scalar argument splits; the others keep it whole.
    private static func shortFormArgument(_ function: String, _ node: Node) throws(AWSError) -> JSONValue {
        if case let .scalar(scalar) = node {
            if function == "Fn::GetAtt" {
                let text = scalar.string
                guard let dot = text.firstIndex(of: ".") else {
                    throw StackError.format("Template error: every Fn::GetAtt object requires two non-empty parameters.")
                }
                return [.string(String(text[..<dot])), .string(String(text[text.index(after: dot)...]))]
            }
            if function == "Fn::GetAZs" && scalar.string.isEmpty { return "" }
            return .string(scalar.string)
        }
        // Strip the tag so the argument converts as a plain sequence or mapping.
        switch node {
        case var .sequence(seq):
            seq.tag = .implicit
            return try convert(.sequence(seq))
        case var .mapping(mapping):
            mapping.tag = .implicit
            return try convert(.mapping(mapping))
        default:
            return try convert(node)
        }
    }

    /// Plain YAML scalars keep their YAML type (numbers, booleans, null); quoted ones stay text.
    private static func plainScalar(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int64(text) { return .int(i) }
        if text.contains("."), let d = Double(text), d.isFinite, text.first != ".", text.last != "." { return .double(d) }
        return .string(text)
    }

    private static func position(ofOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
