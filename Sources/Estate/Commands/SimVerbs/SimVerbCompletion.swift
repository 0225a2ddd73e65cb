/// Completion of `sim` lines for the palette, from `SimVerbTable`.
extension SimVerbTable {
    /// Candidates for the word being typed (`current`) after the words already typed following
    /// `sim`. `values` adds candidates the table cannot know, such as stream names for `--stream`.
    public static func completions(after words: [String], current: String, values: [String: [String]] = [:]) -> [String] {
        let options: [String]
        if words.isEmpty {
            options = verbs
        } else if words.count == 1, !actions(of: words[0]).isEmpty {
            options = actions(of: words[0])
        } else if let spec = spec(words) {
            let typed = words.dropFirst(spec.words.count)
            let used = Set(typed.filter { $0.hasPrefix("--") }.map { String($0.split(separator: "=", maxSplits: 1)[0]) })
            let unused = spec.options.map(\.name).filter { !used.contains($0) }
            if let last = typed.last, let option = spec.option(last), !current.hasPrefix("-") {
                options = option.kind.choices + (values[option.name] ?? []) + unused
            } else {
                options = unused
            }
        } else {
            options = []
        }
        return options.filter { $0.hasPrefix(current) && $0 != current }
    }
}
