/// Parses the words after `sim` against `SimVerbTable`, the way the AWS-shaped operations parse:
/// `--rate=5` and `--rate 5` alike, a repeated option is an error, and every error names the
/// first wrong word of the line.
enum SimVerbParser {
    typealias Token = Tokenizer.Token

    static func parse(_ words: [Token], at simWord: Token) throws(CommandError) -> SimCommand {
        let verbs = SimVerbTable.verbs
        guard let first = words.first else {
            throw CommandError("Missing verb after 'sim'. Valid: \(verbs.joined(separator: ", "))", token: "sim", column: simWord.column)
        }
        let candidates = SimVerbTable.all.filter { $0.words[0] == first.text }
        guard !candidates.isEmpty else {
            throw CommandError("Unknown sim verb '\(first.text)'\(Suggest.didYouMean(first.text, in: verbs)). Valid: \(verbs.joined(separator: ", "))",
                               token: first.text, column: first.column)
        }
        let spec: SimVerbSpec
        if let single = candidates.first, candidates.count == 1, single.words.count == 1 {
            spec = single
        } else {
            let actions = candidates.map { $0.words[1] }
            let word = words.dropFirst().first
            guard let word, let found = candidates.first(where: { $0.words[1] == word.text }) else {
                throw CommandError("'sim \(first.text)' needs one of: \(actions.joined(separator: ", "))\(word.map { Suggest.didYouMean($0.text, in: actions) } ?? "")",
                                   token: word?.text ?? first.text, column: word?.column ?? first.column)
            }
            spec = found
        }
        return try parse(Array(words.dropFirst(spec.words.count)), spec: spec, verbWord: words[spec.words.count - 1])
    }

    private static func isOption(_ word: Token) -> Bool { word.text.hasPrefix("--") && word.text.count > 2 }

    private static func parse(_ words: [Token], spec: SimVerbSpec, verbWord: Token) throws(CommandError) -> SimCommand {
        let verb = "sim " + spec.words.joined(separator: " ")
        var positional: [SimValue] = []
        var options: [String: SimValue] = [:]
        var tokens: [String: Token] = [:]
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard isOption(word) else {
                guard positional.count < spec.arguments.count else {
                    let takes = spec.arguments.isEmpty ? "takes no value" : "takes \(spec.arguments.map(\.name).joined(separator: " ")) and options"
                    throw CommandError("'\(verb)' \(takes); unexpected '\(word.text)'. Usage: \(spec.usage)", token: word.text, column: word.column)
                }
                let argument = spec.arguments[positional.count]
                positional.append(try value(word, kind: argument.kind, label: argument.name.lowercased()))
                continue
            }
            var name = word.text
            var valueToken: Token?
            if let eq = name.firstIndex(of: "=") {
                let nameLength = name.distance(from: name.startIndex, to: eq)
                valueToken = Token(text: String(name[name.index(after: eq)...]), column: word.column + nameLength + 1)
                name = String(name[..<eq])
            }
            guard let option = spec.option(name) else {
                let valid = spec.options.map(\.name)
                throw CommandError("Unknown option '\(name)' for \(verb)\(Suggest.didYouMean(name, in: valid)). Valid: \(valid.isEmpty ? "none" : valid.joined(separator: ", "))",
                                   token: name, column: word.column)
            }
            guard options[name] == nil else {
                throw CommandError("Option '\(name)' is given twice", token: name, column: word.column)
            }
            if valueToken == nil, i < words.count, !isOption(words[i]) {
                valueToken = words[i]
                i += 1
            }
            guard let valueToken else {
                throw CommandError("Option '\(name)' needs a value: \(option.kind.describe)", token: name, column: word.column)
            }
            options[name] = try value(valueToken, kind: option.kind, label: name)
            tokens[name] = valueToken
        }
        guard positional.count == spec.arguments.count else {
            throw CommandError("'\(verb)' needs \(spec.arguments[positional.count].missing). Usage: \(spec.usage)",
                               token: verbWord.text, column: verbWord.column)
        }
        for option in spec.options where options[option.name] == nil {
            if option.required {
                throw CommandError("'\(verb)' needs \(option.name) \(option.name.dropFirst(2).uppercased()). Usage: \(spec.usage)",
                                   token: verbWord.text, column: verbWord.column)
            }
            if let text = option.defaultValue {
                options[option.name] = try value(Token(text: text, column: verbWord.column), kind: option.kind, label: option.name)
            }
        }
        return try spec.make(SimArguments(positional: positional, options: options, tokens: tokens))
    }

    /// Checks one value against its kind.
    static func value(_ token: Token, kind: SimValueKind, label: String) throws(CommandError) -> SimValue {
        func invalid() -> CommandError {
            CommandError("Invalid \(label) '\(token.text)': expected \(kind.describe)", token: token.text, column: token.column)
        }
        switch kind {
        case .text:
            return .text(token.text)
        case .duration:
            guard let d = SimDuration.parse(token.text) else { throw invalid() }
            return .duration(d)
        case let .number(range, allowsTimesSuffix):
            var text = token.text
            if allowsTimesSuffix, text.hasSuffix("x") || text.hasSuffix("×") { text.removeLast() }
            guard let x = Double(text), x.isFinite, range.contains(x) else { throw invalid() }
            return .number(x)
        case let .wholeNumber(range):
            guard let n = Int(token.text), range.contains(n) else { throw invalid() }
            return .number(Double(n))
        case let .choice(values):
            func normal(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "_", with: "-") }
            guard let match = values.first(where: { normal($0) == normal(token.text) }) else { throw invalid() }
            return .text(match)
        }
    }
}
