/// An EC2 instance-type name split into the parts of AWS's naming scheme.
///
/// Parsing follows the grammar (series, generation, capability letters, optional variant, size)
/// rather than a table, so a name AWS adds tomorrow still parses and can be explained; whether the
/// type exists is the catalog's question, not the grammar's.
public struct InstanceTypeName: Hashable, Sendable {
    /// The full name, e.g. `x2iedn.32xlarge`.
    public let name: String
    /// Everything before the dot (`c6i`, not `c6`).
    public let family: String
    /// The letters before the generation digit (`c`, `is`, `hpc`, `mac`).
    public let series: String
    /// The generation number; nil for `mac-m4` style names, which carry a chip instead.
    public let generation: Int?
    /// Capability letters after the generation, in name order (`i`, `e`, `d`, `n` for `x2iedn`).
    public let capabilities: [Character]
    /// What follows a `-` in the family (`flex`, `b200`, `m2pro`, `32tb`); for `u-6tb1` it is `6tb`.
    public let variant: String?
    /// Everything after the dot (`large`, `24xlarge`, `metal-48xl`).
    public let size: String

    public init(
        name: String, family: String, series: String, generation: Int?, capabilities: [Character],
        variant: String?, size: String
    ) {
        self.name = name
        self.family = family
        self.series = series
        self.generation = generation
        self.capabilities = capabilities
        self.variant = variant
        self.size = size
    }

    /// Letters that may follow the generation digit. Beyond REFERENCE §1.1's list this admits
    /// `h` (`u7inh`) and `s` (`g3s`), which botocore's enum uses.
    public static let capabilityLetters: Set<Character> = ["a", "b", "d", "e", "f", "g", "h", "i", "n", "q", "s", "z"]

    /// Parses `text`, throwing an error that names the first thing wrong with it.
    public static func parse(_ text: String) throws(InstanceTypeNameError) -> InstanceTypeName {
        guard !text.isEmpty else { throw .empty }
        if text.contains(where: { $0.isUppercase }) { throw .notLowercase(text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { throw .missingSize(family: text) }
        guard parts.count == 2 else { throw .tooManyDots(text) }
        let (family, size) = (parts[0], parts[1])
        guard !family.isEmpty else { throw .missingFamily(size: size) }
        guard !size.isEmpty else { throw .emptySize(family: family) }
        if let bad = family.first(where: { !($0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-")) }) {
            throw .invalidCharacter(bad, in: family)
        }
        guard InstanceTypeSize.isValid(size) else { throw .unknownSize(size) }
        let parts2 = try parseFamily(family)
        return InstanceTypeName(
            name: text, family: family, series: parts2.series, generation: parts2.generation,
            capabilities: parts2.capabilities, variant: parts2.variant, size: size)
    }

    // MARK: - Family

    private typealias FamilyParts = (series: String, generation: Int?, capabilities: [Character], variant: String?)

    private static func parseFamily(_ family: String) throws(InstanceTypeNameError) -> FamilyParts {
        if let special = specialFamily(family) { return special }
        var rest = Substring(family)
        let series = rest.prefix(while: { $0.isLetter })
        guard !series.isEmpty else { throw .noSeries(family: family) }
        rest = rest.dropFirst(series.count)
        let digits = rest.prefix(while: { $0.isNumber })
        guard !digits.isEmpty, let generation = Int(digits) else { throw .noGeneration(family: family) }
        rest = rest.dropFirst(digits.count)
        let letters = rest.prefix(while: { $0.isLetter })
        if let unknown = letters.first(where: { !capabilityLetters.contains($0) }) {
            throw .unknownCapability(unknown, family: family)
        }
        rest = rest.dropFirst(letters.count)
        var variant: String?
        if !rest.isEmpty {
            guard rest.first == "-" else { throw .invalidCharacter(rest.first!, in: family) }
            let text = rest.dropFirst()
            guard !text.isEmpty else { throw .emptyVariant(family: family) }
            if text.contains("-") { throw .invalidCharacter("-", in: family) }
            variant = String(text)
        }
        return (String(series), generation, Array(letters), variant)
    }

    /// `u-6tb1` (memory in the name, generation after it) and `mac-m4pro` (a chip, no generation)
    /// are the two shapes that do not start with series letters and a digit.
    private static func specialFamily(_ family: String) -> FamilyParts? {
        if family.hasPrefix("u-"), family.hasSuffix("tb1") {
            let number = family.dropFirst(2).dropLast(3)
            if !number.isEmpty, number.allSatisfy(\.isNumber) { return ("u", 1, [], "\(number)tb") }
        }
        if family.hasPrefix("mac-m") {
            let chip = family.dropFirst(4)
            let model = chip.dropFirst().prefix(while: \.isNumber)
            let suffix = chip.dropFirst(1 + model.count)
            if !model.isEmpty, ["", "pro", "max", "ultra"].contains(suffix) { return ("mac", nil, [], String(chip)) }
        }
        return nil
    }
}

/// What is wrong with a string that is not an instance-type name.
public enum InstanceTypeNameError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notLowercase(String)
    case missingSize(family: String)
    case tooManyDots(String)
    case missingFamily(size: String)
    case emptySize(family: String)
    case invalidCharacter(Character, in: String)
    case unknownSize(String)
    case noSeries(family: String)
    case noGeneration(family: String)
    case unknownCapability(Character, family: String)
    case emptyVariant(family: String)

    /// A sentence naming the problem, for people rather than programs.
    public var message: String {
        switch self {
        case .empty: "the instance type is empty"
        case let .notLowercase(text): "instance types are lowercase: '\(text.lowercased())', not '\(text)'"
        case let .missingSize(family): "no size: expected '\(family).<size>', such as '\(family).large'"
        case let .tooManyDots(text): "'\(text)' has more than one dot: expected '<family>.<size>'"
        case let .missingFamily(size): "no family before '.\(size)': expected e.g. 'c4.\(size)'"
        case let .emptySize(family): "nothing after '\(family).': expected a size such as 'large'"
        case let .invalidCharacter(character, family): "unexpected character '\(character)' in family '\(family)'"
        case let .unknownSize(size):
            "unknown size '\(size)' (sizes are nano, micro, small, medium, large, xlarge, <N>xlarge, metal, metal-<N>xl)"
        case let .noSeries(family): "family '\(family)' must start with series letters, as in 'c4' or 'inf2'"
        case let .noGeneration(family): "family '\(family)' has no generation digit, as in 'c4' or 'm7g'"
        case let .unknownCapability(letter, family):
            "unknown capability letter '\(letter)' in family '\(family)' (known: a b d e f g h i n q s z)"
        case let .emptyVariant(family): "family '\(family)' ends in '-' with no variant, as in 'm7i-flex'"
        }
    }

    public var description: String { message }
}
