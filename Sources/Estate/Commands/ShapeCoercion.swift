/// Fits an untyped value (from shorthand, JSON or bare words) to a parameter's shape.
///
/// Errors name the path to the member that does not fit, e.g. `Filters[0].Values`, the way the
/// AWS CLI's parameter validation does.
enum ShapeCoercion {
    static func coerce(_ value: JSONValue, to shape: ParameterShape, path: String) throws(AWSError) -> JSONValue {
        switch shape {
        case .string, .blob:
            switch value {
            case .string: return value
            case let .int(i): return .string(String(i))
            case let .double(d): return .string(String(d))
            case let .bool(b): return .string(b ? "true" : "false")
            default: throw .paramValidation("Invalid type for parameter \(path): expected a string.")
            }
        case .integer:
            switch value {
            case .int: return value
            case let .string(s):
                guard let i = Int64(s) else { throw .paramValidation("Invalid value for parameter \(path): '\(s)' is not an integer.") }
                return .int(i)
            default:
                guard let i = value.intValue else { throw .paramValidation("Invalid type for parameter \(path): expected an integer.") }
                return .int(i)
            }
        case .boolean:
            switch value {
            case .bool: return value
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw .paramValidation("Invalid value for parameter \(path): expected true or false.")
            }
        case let .list(element):
            let items: [JSONValue]
            if case let .array(a) = value { items = a } else { items = [value] }
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                out.append(try coerce(item, to: element, path: "\(path)[\(index)]"))
            }
            return .array(out)
        case let .structure(members):
            guard case let .object(pairs) = value else {
                throw .paramValidation("Invalid type for parameter \(path): expected a structure like \(example(members)).")
            }
            var out: [(String, JSONValue)] = []
            for (key, item) in pairs {
                guard let memberShape = shape.member(key) else {
                    let names = members.map(\.member).joined(separator: ", ")
                    throw .paramValidation("Unknown parameter in \(path): \"\(key)\", must be one of: \(names)")
                }
                out.append((key, try coerce(item, to: memberShape, path: "\(path).\(key)")))
            }
            return .object(out)
        case let .map(element):
            guard case let .object(pairs) = value else {
                throw .paramValidation("Invalid type for parameter \(path): expected a map of key=value.")
            }
            var out: [(String, JSONValue)] = []
            for (key, item) in pairs { out.append((key, try coerce(item, to: element, path: "\(path).\(key)"))) }
            return .object(out)
        }
    }

    private static func example(_ members: [(member: String, shape: ParameterShape)]) -> String {
        members.prefix(2).map { "\($0.member)=…" }.joined(separator: ",")
    }
}
