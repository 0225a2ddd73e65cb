/// The tag rules AWS's tagging APIs share (Kinesis, Redshift, EC2 and most others): a key of
/// 1–128 and a value of 0–256 Unicode letters, digits, white space and `_ . / = + - % @`, at most
/// 50 tags on a resource, and keys starting `aws:` kept for AWS's own tags. One place holds them;
/// each service reports a broken rule in its own error shape (`InvalidArgumentException` in
/// Kinesis, `InvalidTagFault` in Redshift).
enum TagRules {
    static let maximumPerResource = 50
    static let keyLength = 1...128
    static let maximumValueLength = 256

    /// Why a caller may not use `key`, or nil when it may. `aws:cloudformation:` keys are allowed
    /// where `allowingStackKeys`: CloudFormation itself tags what a stack creates with them.
    static func keyProblem(_ key: String, allowingStackKeys: Bool = false) -> String? {
        guard keyLength.contains(key.count) else {
            return "Tag key '\(key.prefix(32))' must be 1 to 128 characters long."
        }
        let lowered = key.lowercased()
        if lowered.hasPrefix("aws:"), !(allowingStackKeys && lowered.hasPrefix("aws:cloudformation:")) {
            return "Tag key '\(key)' starts with aws:, which is reserved for AWS's own tags."
        }
        return characterProblem(key, what: "key")
    }

    /// Why a caller may not set `key` to `value`, or nil when it may.
    static func problem(key: String, value: String, allowingStackKeys: Bool = false) -> String? {
        if let problem = keyProblem(key, allowingStackKeys: allowingStackKeys) { return problem }
        guard value.count <= maximumValueLength else {
            return "The value of tag \(key) must be at most \(maximumValueLength) characters long."
        }
        return characterProblem(value, what: "value of \(key)")
    }

    /// Unicode letters, digits, white space and `_ . / = + - % @`.
    private static func characterProblem(_ text: String, what: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: { !($0.properties.isAlphabetic || $0.properties.numericType != nil
                                                             || $0.properties.isWhitespace || "_./=+-%@".unicodeScalars.contains($0)) })
        else { return nil }
        return "Tag \(what) holds '\(bad)', which tags do not allow: use letters, digits, spaces and _ . / = + - % @."
    }
}
