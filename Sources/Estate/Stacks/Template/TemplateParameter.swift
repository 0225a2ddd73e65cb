import Foundation

/// One entry of `Parameters`, and how a supplied value is checked against it.
public struct TemplateParameter: Sendable {
    public let name: String
    public let type: String
    public let defaultValue: String?
    public let allowedValues: [String]?
    public let allowedPattern: String?
    public let noEcho: Bool
    public let description: String?
    public let minValue: Double?
    public let maxValue: Double?
    public let minLength: Int?
    public let maxLength: Int?

    /// The AWS-specific types CloudFormation accepts besides String, Number and the lists.
    static let awsTypes = ["AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
                           "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
                           "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id", "AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id"]

    static let keys = ["Type", "Default", "AllowedValues", "AllowedPattern", "NoEcho", "Description", "MinValue", "MaxValue",
                       "MinLength", "MaxLength", "ConstraintDescription"]

    /// Whether values of this type are lists (`CommaDelimitedList`, `List<…>`).
    public var isList: Bool { type == "CommaDelimitedList" || type.hasPrefix("List<") }

    static func isKnownType(_ type: String) -> Bool {
        if ["String", "Number", "CommaDelimitedList", "List<Number>"].contains(type) || awsTypes.contains(type) { return true }
        if type.hasPrefix("List<"), type.hasSuffix(">") { return awsTypes.contains(String(type.dropFirst(5).dropLast())) }
        return type.hasPrefix("AWS::SSM::Parameter::")
    }

    static func parseAll(_ section: JSONValue?) throws(AWSError) -> [TemplateParameter] {
        guard let section else { return [] }
        guard case let .object(pairs) = section else { throw StackError.format("Every Parameters member must be an object.") }
        var out: [TemplateParameter] = []
        for (name, body) in pairs { out.append(try TemplateParameter(name: name, body)) }
        return out
    }

    init(name: String, _ body: JSONValue) throws(AWSError) {
        self.name = name
        guard TemplateScalar.isAlphanumeric(name) else { throw StackError.format("Parameter name \(name) is non alphanumeric.") }
        guard case let .object(pairs) = body else { throw StackError.format("Every Parameters object must contain a Type member.") }
        if let bad = pairs.map(\.0).first(where: { !Self.keys.contains($0) }) {
            throw StackError.format("Invalid template parameter property '\(bad)'")
        }
        guard let type = body["Type"]?.stringValue else {
            throw StackError.format("Every Parameters object must contain a Type member.")
        }
        guard Self.isKnownType(type) else { throw StackError.format("Unrecognized parameter type: \(type)") }
        self.type = type
        defaultValue = body["Default"].flatMap(Self.text)
        if let allowed = body["AllowedValues"] {
            guard case let .array(items) = allowed else {
                throw StackError.format("Every AllowedValues member of parameter \(name) must be a list.")
            }
            allowedValues = items.compactMap(TemplateScalar.text)
        } else {
            allowedValues = nil
        }
        allowedPattern = body["AllowedPattern"]?.stringValue
        noEcho = body["NoEcho"].flatMap(TemplateScalar.text) == "true"
        description = body["Description"].flatMap(TemplateScalar.text)
        minValue = body["MinValue"].flatMap(TemplateScalar.text).flatMap { Double($0) }
        maxValue = body["MaxValue"].flatMap(TemplateScalar.text).flatMap { Double($0) }
        minLength = body["MinLength"].flatMap(TemplateScalar.text).flatMap { Int($0) }
        maxLength = body["MaxLength"].flatMap(TemplateScalar.text).flatMap { Int($0) }
        if let defaultValue, allowedValues != nil {
            do { _ = try resolve(defaultValue) } catch {
                throw StackError.format("Parameter '\(name)' default value '\(defaultValue)' is not one of its AllowedValues.")
            }
        }
    }

    /// A list default written as a YAML list still reads as CloudFormation's comma-separated text.
    private static func text(_ value: JSONValue) -> String? {
        if case let .array(items) = value { return items.compactMap(TemplateScalar.text).joined(separator: ",") }
        return TemplateScalar.text(value)
    }

    /// The value a `Ref` gives: text, or a list of texts for list types; AWS's messages on a mismatch.
    public func resolve(_ supplied: String) throws(AWSError) -> JSONValue {
        let items = isList ? supplied.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } : [supplied]
        for item in items {
            if let allowedValues, !allowedValues.contains(item) {
                throw StackError.validation("Parameter '\(name)' must be one of AllowedValues")
            }
            if type == "Number" || type == "List<Number>" {
                guard let number = Double(item) else {
                    throw StackError.validation("Parameter '\(name)' must be a number not '\(item)'")
                }
                if let minValue, number < minValue { throw StackError.validation("Parameter '\(name)' must be a number not less than \(TemplateNumber.text(minValue))") }
                if let maxValue, number > maxValue { throw StackError.validation("Parameter '\(name)' must be a number not greater than \(TemplateNumber.text(maxValue))") }
            }
            if let minLength, item.count < minLength { throw StackError.validation("Parameter '\(name)' must contain at least \(minLength) characters") }
            if let maxLength, item.count > maxLength { throw StackError.validation("Parameter '\(name)' must contain at most \(maxLength) characters") }
            if let allowedPattern, !TemplatePattern.matches(allowedPattern, item) {
                throw StackError.validation("Parameter '\(name)' must match pattern \(allowedPattern)")
            }
        }
        return isList ? .array(items.map(JSONValue.string)) : .string(supplied)
    }
}

/// Numbers printed as CloudFormation prints them: no `.0` on whole numbers.
enum TemplateNumber {
    static func text(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}
