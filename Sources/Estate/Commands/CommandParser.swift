/// Parses the command language: the AWS CLI grammar plus `sim` verbs (ARCHITECTURE.md).
///
/// `ec2 run-instances --instance-type c4.large --count 2`, lists as several words, shorthand or
/// JSON for structures, shell-like quoting. Every error names the word that is wrong.
public struct CommandParser: Sendable {
    public let operations: [OperationSpec]

    /// Global AWS CLI options accepted and ignored so pasted commands work; each takes a value
    /// unless listed in `ignoredFlags`.
    static let ignoredOptions = ["--region", "--output", "--profile", "--endpoint-url", "--color"]
    static let ignoredFlags = ["--no-cli-pager", "--no-paginate", "--debug", "--no-verify-ssl", "--no-sign-request"]

    public init(operations: [OperationSpec]) {
        self.operations = operations
    }

    public var services: [String] { Array(Set(operations.map(\.service))).sorted() + ["sim", "edge", "search", SQLVerb.verb] }

    public func operations(of service: String) -> [OperationSpec] {
        operations.filter { $0.service == service }
    }

    /// Parses one line; nil for a blank line or a comment.
    public func parse(_ line: String) throws(CommandError) -> Command? {
        let tokens: [Tokenizer.Token]
        do { tokens = try Tokenizer.split(line) } catch {
            throw CommandError(error.message, column: error.column)
        }
        var words = tokens[...]
        if words.first?.text == "aws" { words = words.dropFirst() }
        guard let serviceWord = words.first else { return nil }
        if serviceWord.text == "sim" { return .sim(try parseSim(Array(words.dropFirst()), at: serviceWord)) }
        if serviceWord.text == "edge" { return .edge(try EdgeVerb.parse(Array(words.dropFirst()), at: serviceWord)) }
        if serviceWord.text == "search" { return .search(try SearchVerb.parse(serviceWord, Array(words.dropFirst()))) }
        if serviceWord.text == SQLVerb.verb { return .sql(try SQLVerb.parse(Array(words.dropFirst()), at: serviceWord)) }
        if serviceWord.text == S3Verb.service { return .s3(try S3Verb.parse(Array(words.dropFirst()), at: serviceWord)) }
        let specs = operations(of: serviceWord.text)
        guard !specs.isEmpty else {
            throw CommandError("Unknown service '\(serviceWord.text)'. Valid: \(services.joined(separator: ", "))\(Suggest.didYouMean(serviceWord.text, in: services))",
                               token: serviceWord.text, column: serviceWord.column)
        }
        guard let opWord = words.dropFirst().first else {
            throw CommandError("Missing operation after '\(serviceWord.text)'. Valid: \(specs.map(\.command).joined(separator: ", "))")
        }
        guard let spec = specs.first(where: { $0.command == opWord.text }) else {
            throw CommandError("Unknown operation '\(opWord.text)' for \(serviceWord.text)\(Suggest.didYouMean(opWord.text, in: specs.map(\.command))). Valid: \(specs.map(\.command).joined(separator: ", "))",
                               token: opWord.text, column: opWord.column)
        }
        let parameters = try parseOptions(Array(words.dropFirst(2)), spec: spec)
        return .operation(OperationRequest(service: spec.service, operation: spec.name, parameters: parameters))
    }

    // MARK: - Options

    private func parseOptions(_ words: [Tokenizer.Token], spec: OperationSpec) throws(CommandError) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            guard word.text.hasPrefix("--"), word.text.count > 2 else {
                throw CommandError("Unexpected value '\(word.text)': expected an option such as \(spec.parameters.first?.option ?? "--help")",
                                   token: word.text, column: word.column)
            }
            var name = word.text
            var values: [Tokenizer.Token] = []
            if let eq = name.firstIndex(of: "=") {
                values.append(.init(text: String(name[name.index(after: eq)...]), column: word.column))
                name = String(name[..<eq])
            }
            i += 1
            while i < words.count, !(words[i].text.hasPrefix("--") && words[i].text.count > 2) {
                values.append(words[i]); i += 1
            }
            if Self.ignoredFlags.contains(name) { continue }
            if Self.ignoredOptions.contains(name) { continue }
            var negated = false
            var param = spec.parameter(option: name)
            if param == nil, name.hasPrefix("--no-"), let p = spec.parameter(option: "--" + name.dropFirst(5)), case .boolean = p.shape {
                param = p; negated = true
            }
            guard let param else {
                let options = spec.parameters.map(\.option)
                throw CommandError("Unknown option '\(name)' for \(spec.service) \(spec.command)\(Suggest.didYouMean(name, in: options)). Valid: \(options.joined(separator: ", "))",
                                   token: name, column: word.column)
            }
            guard !pairs.contains(where: { $0.0 == param.member }) else {
                throw CommandError("Option '\(name)' is given twice", token: name, column: word.column)
            }
            pairs.append((param.member, try value(of: param, negated: negated, values: values, optionWord: word)))
        }
        let missing = spec.parameters.filter { p in p.required && !pairs.contains { $0.0 == p.member } }
        if !missing.isEmpty {
            throw CommandError("the following arguments are required: \(missing.map(\.option).joined(separator: ", "))")
        }
        return .object(pairs)
    }

    private func value(of param: ParameterSpec, negated: Bool, values: [Tokenizer.Token], optionWord: Tokenizer.Token) throws(CommandError) -> JSONValue {
        let path = param.option
        func fail(_ message: String, _ token: Tokenizer.Token? = nil) -> CommandError {
            CommandError(message, token: token?.text ?? optionWord.text, column: token?.column ?? optionWord.column)
        }
        if case .boolean = param.shape {
            guard values.isEmpty else { throw fail("Option '\(path)' is a flag and takes no value", values[0]) }
            return .bool(!negated)
        }
        guard let first = values.first else { throw fail("Option '\(path)' needs a value") }
        var raw: JSONValue
        switch param.shape {
        case .list:
            if values.count == 1, first.text.hasPrefix("[") {
                raw = try json(first, path)
            } else {
                var items: [JSONValue] = []
                for v in values { items.append(try structured(v, shape: param.shape, path: path)) }
                raw = .array(items)
            }
        default:
            guard values.count == 1 else { throw fail("Option '\(path)' takes one value, got \(values.count)", values[1]) }
            raw = try structured(first, shape: param.shape, path: path)
        }
        if let shorthand = param.shorthand { raw = shorthand(raw) }
        do {
            return try ShapeCoercion.coerce(raw, to: param.shape, path: path)
        } catch {
            throw fail(error.message, first)
        }
    }

    /// One word as a value: JSON when it opens with `{` or `[`, shorthand when the shape wants a
    /// structure and the word reads `key=…`, else the text itself.
    private func structured(_ word: Tokenizer.Token, shape: ParameterShape, path: String) throws(CommandError) -> JSONValue {
        var element = shape
        if case let .list(inner) = shape { element = inner }
        let wantsStructure: Bool
        switch element {
        case .structure, .map: wantsStructure = true
        default: wantsStructure = false
        }
        if wantsStructure, word.text.hasPrefix("{") || word.text.hasPrefix("[") { return try json(word, path) }
        if wantsStructure {
            do { return try Shorthand.parse(word.text) } catch {
                throw CommandError("Error parsing parameter '\(path)': \(error.message)", token: word.text, column: word.column)
            }
        }
        return .string(word.text)
    }

    private func json(_ word: Tokenizer.Token, _ path: String) throws(CommandError) -> JSONValue {
        do { return try JSONParser.parse(word.text) } catch {
            throw CommandError("Error parsing parameter '\(path)': invalid JSON: \(error.message) at offset \(error.offset)",
                               token: word.text, column: word.column)
        }
    }

    // MARK: - sim verbs

    private func parseSim(_ words: [Tokenizer.Token], at simWord: Tokenizer.Token) throws(CommandError) -> SimCommand {
        try SimVerbParser.parse(words, at: simWord)
    }
}
