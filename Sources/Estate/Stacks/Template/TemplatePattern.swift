/// `AllowedPattern`: the whole value must match, as CloudFormation applies it.
enum TemplatePattern {
    static func matches(_ pattern: String, _ value: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: value)) != nil
    }
}
