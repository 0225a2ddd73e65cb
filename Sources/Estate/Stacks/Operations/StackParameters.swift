/// Matching the parameters a request supplies against the template's, as CloudFormation does.
public struct SuppliedParameter: Sendable {
    public let key: String
    public let value: String?
    public let usePrevious: Bool

    public init(key: String, value: String?, usePrevious: Bool = false) {
        self.key = key
        self.value = value
        self.usePrevious = usePrevious
    }

    static func list(_ p: Parameters) throws(AWSError) -> [SuppliedParameter] {
        var out: [SuppliedParameter] = []
        for item in try p.objects("Parameters") ?? [] {
            let key = try item.requiredString("ParameterKey")
            var value = try item.string("ParameterValue")
            if value == nil, let number = try item.int("ParameterValue") { value = String(number) }
            out.append(SuppliedParameter(key: key, value: value, usePrevious: try item.bool("UsePreviousValue") ?? false))
        }
        return out
    }

    /// Final values in template order, and the values `Ref` gives (lists split).
    static func resolve(_ template: StackTemplate, _ supplied: [SuppliedParameter], previous: [(key: String, value: String)]?)
        throws(AWSError) -> (values: [(key: String, value: String)], refs: [String: JSONValue]) {
        let unknown = supplied.map(\.key).filter { template.parameter($0) == nil }
        if !unknown.isEmpty { throw StackError.validation("Parameters: [\(unknown.joined(separator: ", "))] do not exist in the template") }
        var values: [(key: String, value: String)] = []
        var refs: [String: JSONValue] = [:]
        var missing: [String] = []
        for parameter in template.parameters {
            let given = supplied.last { $0.key == parameter.name }
            let value: String?
            if let given, given.usePrevious {
                guard let old = previous?.first(where: { $0.key == parameter.name })?.value else {
                    throw StackError.validation("Invalid input for parameter key \(parameter.name). Cannot specify usePreviousValue as true for a parameter key not in the previous template")
                }
                value = old
            } else {
                value = given?.value ?? parameter.defaultValue
            }
            guard let value else { missing.append(parameter.name); continue }
            refs[parameter.name] = try parameter.resolve(value)
            values.append((parameter.name, value))
        }
        if !missing.isEmpty { throw StackError.validation("Parameters: [\(missing.joined(separator: ", "))] must have values") }
        return (values, refs)
    }
}
