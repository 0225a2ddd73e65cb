/// Why a name is not a launchable instance type, in the words AWS would use.
///
/// Malformed names (`c4.larg`) and well-formed names no catalog has (`c99.large`) both fail
/// launches, but a person fixes them differently, so the reason keeps them apart while the
/// message reads the same as AWS's.
public struct InstanceTypeLookupError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The name breaks the grammar.
        case malformed(InstanceTypeNameError)
        /// The name is well formed but its family is not in the catalog.
        case unknownFamily(String)
        /// The family exists, but not in this size.
        case unknownSize(InstanceTypeName)
    }

    /// The EC2 error code for a launch with this name.
    public static let code = "InvalidInstanceType"

    public let name: String
    public let reason: Reason
    /// A catalog name close to `name`, if any.
    public let suggestion: String?

    public init(name: String, reason: Reason, suggestion: String?) {
        self.name = name
        self.reason = reason
        self.suggestion = suggestion
    }

    /// `Invalid instance type 'c4.larg'. Did you mean 'c4.large'?`
    public var message: String {
        "Invalid instance type '\(name)'." + (suggestion.map { " Did you mean '\($0)'?" } ?? "")
    }

    /// What exactly is wrong: the grammar problem, or which part the catalog lacks.
    public var detail: String {
        switch reason {
        case let .malformed(error): error.message
        case let .unknownFamily(family): "no instance family '\(family)'"
        case let .unknownSize(parsed): "family '\(parsed.family)' has no size '\(parsed.size)'"
        }
    }

    public var isMalformed: Bool { if case .malformed = reason { true } else { false } }

    public var description: String { message }
}
