/// What one value of a simulator verb must look like; the parser checks it, completion offers
/// its choices and help prints it.
public enum SimValueKind: Sendable, Equatable {
    /// Any word (a name).
    case text
    /// `90s`, `5m`, `1h30m`, `250ms`.
    case duration
    /// A number in a range; `allowsTimesSuffix` takes `2.5x` as 2.5.
    case number(ClosedRange<Double>, allowsTimesSuffix: Bool = false)
    /// A whole number in a range.
    case wholeNumber(ClosedRange<Int>)
    /// One of these words; matched ignoring case and `-`/`_`, answered as spelled here.
    case choice([String])

    /// How help and error messages describe an acceptable value.
    var describe: String {
        switch self {
        case .text: return "a name"
        case .duration: return "a duration such as 90s, 5m, 1h30m or 250ms"
        case let .number(range, _): return "a number from \(Self.trim(range.lowerBound)) to \(Self.trim(range.upperBound))"
        case let .wholeNumber(range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case let .choice(values): return values.joined(separator: " or ")
        }
    }

    static func trim(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }

    /// Choices a completion can offer, if the kind has a fixed set.
    public var choices: [String] {
        if case let .choice(values) = self { return values }
        return []
    }
}

/// A typed value of a verb's argument or option, after checking.
public enum SimValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case duration(SimDuration)
}

/// A positional argument: `NAME` in `sim producer start NAME`.
public struct SimArgumentSpec: Sendable {
    public let name: String
    public let kind: SimValueKind
    /// What the error says when it is missing: "a producer name".
    public let missing: String

    public init(_ name: String, _ kind: SimValueKind = .text, missing: String) {
        self.name = name
        self.kind = kind
        self.missing = missing
    }
}

/// An option: `--rate 200` or `--rate=200`.
public struct SimOptionSpec: Sendable {
    public let name: String
    public let kind: SimValueKind
    /// Used when the option is left out; nil with `required` false means "no value".
    public let defaultValue: String?
    public let required: Bool
    public let help: String

    public init(_ name: String, _ kind: SimValueKind, default defaultValue: String? = nil, required: Bool = false, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.required = required
        self.help = help
    }

    /// `--rate N (default 100)` for help.
    var usage: String {
        let value = "\(name) \(kind.choices.isEmpty ? name.dropFirst(2).uppercased() : kind.choices.joined(separator: "|"))"
        if required { return value }
        return "[\(value)\(defaultValue.map { " (default \($0))" } ?? "")]"
    }
}

/// One simulator verb: its words, its arguments and options, its help line, and how its checked
/// values become a `SimCommand`. The parser, completion, help and validation all read these.
public struct SimVerbSpec: Sendable {
    /// `["advance"]` or `["producer", "start"]`: the words after `sim`.
    public let words: [String]
    public let arguments: [SimArgumentSpec]
    public let options: [SimOptionSpec]
    public let help: String
    /// Builds the command from checked values; throws for rules across values.
    let make: @Sendable (SimArguments) throws(CommandError) -> SimCommand

    public init(_ words: [String], arguments: [SimArgumentSpec] = [], options: [SimOptionSpec] = [], help: String,
                make: @escaping @Sendable (SimArguments) throws(CommandError) -> SimCommand) {
        self.words = words
        self.arguments = arguments
        self.options = options
        self.help = help
        self.make = make
    }

    /// `sim producer start NAME --stream STREAM [--rate RATE (default 100)] …`
    public var usage: String {
        (["sim"] + words + arguments.map(\.name) + options.map(\.usage)).joined(separator: " ")
    }

    public func option(_ name: String) -> SimOptionSpec? { options.first { $0.name == name } }
}

/// The checked values of one line, by position and by option name (defaults filled in).
public struct SimArguments: Sendable {
    public let positional: [SimValue]
    public let options: [String: SimValue]
    /// Where each value came from, for errors about rules across values.
    let tokens: [String: Tokenizer.Token]

    public func text(_ i: Int) -> String {
        if case let .text(s) = positional[i] { return s }
        return ""
    }

    public func text(_ option: String) -> String? {
        if case let .text(s)? = options[option] { return s }
        return nil
    }

    public func number(_ option: String) -> Double {
        if case let .number(x)? = options[option] { return x }
        return 0
    }

    public func number(at i: Int) -> Double {
        if case let .number(x) = positional[i] { return x }
        return 0
    }

    public func duration(at i: Int) -> SimDuration {
        if case let .duration(d) = positional[i] { return d }
        return .zero
    }

    func error(_ message: String, at option: String) -> CommandError {
        let token = tokens[option]
        return CommandError(message, token: token?.text ?? option, column: token?.column)
    }
}
