/// Typed access to an operation's parameters, with AWS-style errors that name the member.
///
/// Operations read their inputs through this rather than through raw JSON, so every missing or
/// mistyped member produces the same kind of message wherever it happens.
public struct Parameters: Sendable {
    public let value: JSONValue

    public init(_ value: JSONValue) { self.value = value }

    public func has(_ member: String) -> Bool {
        if let v = value[member], v != .null { return true }
        return false
    }

    public func string(_ member: String) throws(AWSError) -> String? {
        guard let v = value[member], v != .null else { return nil }
        guard case let .string(s) = v else { throw .validation("\(member) must be a string.") }
        return s
    }

    public func requiredString(_ member: String) throws(AWSError) -> String {
        guard let s = try string(member) else { throw missing(member) }
        return s
    }

    public func int(_ member: String) throws(AWSError) -> Int? {
        guard let v = value[member], v != .null else { return nil }
        switch v {
        case let .int(i): return Int(i)
        case let .string(s):
            guard let i = Int(s) else { throw .validation("\(member) must be an integer, not '\(s)'.") }
            return i
        default:
            guard let i = v.intValue else { throw .validation("\(member) must be an integer.") }
            return Int(i)
        }
    }

    public func requiredInt(_ member: String) throws(AWSError) -> Int {
        guard let i = try int(member) else { throw missing(member) }
        return i
    }

    public func bool(_ member: String) throws(AWSError) -> Bool? {
        guard let v = value[member], v != .null else { return nil }
        switch v {
        case let .bool(b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: throw .validation("\(member) must be true or false.")
        }
    }

    public func strings(_ member: String) throws(AWSError) -> [String]? {
        guard let v = value[member], v != .null else { return nil }
        switch v {
        case let .string(s): return [s]
        case let .array(items):
            var out: [String] = []
            for item in items {
                guard case let .string(s) = item else { throw .validation("\(member) must be a list of strings.") }
                out.append(s)
            }
            return out
        default: throw .validation("\(member) must be a list of strings.")
        }
    }

    public func objects(_ member: String) throws(AWSError) -> [Parameters]? {
        guard let v = value[member], v != .null else { return nil }
        switch v {
        case .object: return [Parameters(v)]
        case let .array(items):
            var out: [Parameters] = []
            for item in items {
                guard case .object = item else { throw .validation("\(member) must be a list of structures.") }
                out.append(Parameters(item))
            }
            return out
        default: throw .validation("\(member) must be a list of structures.")
        }
    }

    public func object(_ member: String) throws(AWSError) -> Parameters? {
        guard let v = value[member], v != .null else { return nil }
        guard case .object = v else { throw .validation("\(member) must be a structure.") }
        return Parameters(v)
    }

    private func missing(_ member: String) -> AWSError {
        .validation("1 validation error detected: Value null at '\(Kebab.lowerCamel(member))' failed to satisfy constraint: Member must not be null")
    }
}

extension Kebab {
    /// `StreamName` → `streamName`, the spelling AWS uses in validation messages.
    public static func lowerCamel(_ member: String) -> String {
        guard let first = member.first else { return member }
        return first.lowercased() + member.dropFirst()
    }
}
