import Foundation

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

    /// A blob member's bytes. Typed in the palette it is text, and its bytes are its UTF-8; from
    /// the network it is whatever bytes the client sent, which the wire protocols hand over as
    /// text when they are UTF-8 and as `{"Base64": "…"}` when they are not (see `blobValue`).
    public func blob(_ member: String) throws(AWSError) -> [UInt8]? {
        guard let v = value[member], v != .null else { return nil }
        switch v {
        case let .string(text):
            return Array(text.utf8)
        case let .object(pairs) where pairs.count == 1 && pairs[0].0 == Self.base64Member:
            guard case let .string(encoded) = pairs[0].1, let data = Data(base64Encoded: encoded) else {
                throw .validation("\(member).\(Self.base64Member) must be base64.")
            }
            return Array(data)
        default:
            throw .validation("\(member) must be data: text, or {\"\(Self.base64Member)\": \"…\"} for bytes that are not text.")
        }
    }

    public func requiredBlob(_ member: String) throws(AWSError) -> [UInt8] {
        guard let bytes = try blob(member) else { throw missing(member) }
        return bytes
    }

    static let base64Member = "Base64"

    /// How bytes travel as a blob member's value: as text when they are UTF-8, so a request from
    /// the network equals the one typed in the palette, and as base64 otherwise.
    public static func blobValue(_ bytes: [UInt8], base64: String) -> JSONValue {
        if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
        return .object([(base64Member, .string(base64))])
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
