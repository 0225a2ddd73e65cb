/// The type of one operation parameter, as far as the command language needs to know it.
///
/// A small subset of botocore's shape model: enough to turn `--filters Name=a,Values=b,c` or a
/// JSON value into the right structure, and to name the member that is wrong when it is not.
public indirect enum ParameterShape: Sendable {
    case string
    case integer
    case boolean
    /// Text that the operation stores as bytes (`--data`): taken as the text, like the AWS CLI v1.
    case blob
    case list(ParameterShape)
    case structure([(member: String, shape: ParameterShape)])
    case map(ParameterShape)

    public var isList: Bool { if case .list = self { return true }; return false }

    func member(_ name: String) -> ParameterShape? {
        guard case let .structure(members) = self else { return nil }
        return members.first { $0.member == name }?.shape
    }

    /// `value` with only the members this shape names, at every depth: a reply's fuller shape
    /// cut down to what a request of this shape may carry.
    func pruned(_ value: JSONValue) -> JSONValue {
        switch (self, value) {
        case let (.structure, .object(pairs)):
            return .object(pairs.compactMap { key, v in member(key).map { (key, $0.pruned(v)) } })
        case let (.list(element), .array(items)):
            return .array(items.map(element.pruned))
        case let (.map(element), .object(pairs)):
            return .object(pairs.map { ($0.0, element.pruned($0.1)) })
        default:
            return value
        }
    }
}

/// One option of an operation: `--instance-type` ↔ `InstanceType`.
public struct ParameterSpec: Sendable {
    public let member: String
    public let shape: ParameterShape
    public let required: Bool
    public let help: String
    /// Rewrites a value given in a short form the operation accepts into its full shape, before
    /// the shape is checked (e.g. `--tag-specifications Name=web`).
    public let shorthand: (@Sendable (JSONValue) -> JSONValue)?

    public init(_ member: String, _ shape: ParameterShape, required: Bool = false, help: String = "",
                shorthand: (@Sendable (JSONValue) -> JSONValue)? = nil) {
        self.member = member
        self.shape = shape
        self.required = required
        self.help = help
        self.shorthand = shorthand
    }

    /// The kebab-case option name, as the AWS CLI derives it from the member name.
    public var option: String { "--" + Kebab.from(member) }
}

/// An operation as the command language sees it: its CLI name, AWS name and parameters.
public struct OperationSpec: Sendable {
    public let service: String
    public let name: String
    public let parameters: [ParameterSpec]
    public let summary: String

    public init(service: String, name: String, parameters: [ParameterSpec], summary: String) {
        self.service = service
        self.name = name
        self.parameters = parameters
        self.summary = summary
    }

    /// `run-instances` for `RunInstances`.
    public var command: String { Kebab.from(name) }

    public func parameter(option: String) -> ParameterSpec? {
        parameters.first { $0.option == option }
    }
}

/// A request to the estate: a plain value, so it can come from a key press, a script line or,
/// later, a network front end, and be handed to the estate's thread.
public struct OperationRequest: Sendable, Equatable {
    public let service: String
    public let operation: String
    public let parameters: JSONValue

    public init(service: String, operation: String, parameters: JSONValue = .object([])) {
        self.service = service
        self.operation = operation
        self.parameters = parameters
    }
}

/// CamelCase ↔ kebab-case the way the AWS CLI maps member names to options.
public enum Kebab {
    /// `InstanceIds` → `instance-ids`, `DryRun` → `dry-run`, `ExplicitHashKey` → `explicit-hash-key`.
    public static func from(_ camel: String) -> String {
        var out = ""
        let chars = Array(camel)
        for (i, ch) in chars.enumerated() {
            if ch.isUppercase {
                let prevLower = i > 0 && (chars[i - 1].isLowercase || chars[i - 1].isNumber)
                let nextLower = i + 1 < chars.count && chars[i + 1].isLowercase
                let prevUpper = i > 0 && chars[i - 1].isUppercase
                if i > 0 && (prevLower || (prevUpper && nextLower)) { out.append("-") }
                out.append(Character(ch.lowercased()))
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
