import Foundation

/// The `/` filter, as k9s reads it: a regular expression, case-insensitive; `!` first inverts it;
/// `-f ` first matches a subsequence (fuzzy: `-f cks` finds `clickstream`); in a tail, a trailing
/// `-C N` also keeps N records of context before and after each match, as `grep -C` does.
///
/// Parsed once when the text changes, so a bad expression is reported where it is typed and the
/// rows are never matched against something half-built.
public struct TextFilter: Equatable, @unchecked Sendable {
    public enum Mode: Equatable, Sendable { case regex, fuzzy }

    /// The text as typed, for the filter line and titles.
    public let text: String
    public let mode: Mode
    /// Rows that do not match are the ones kept.
    public let inverted: Bool
    /// Records of context kept around each match in a tail (`-C N`); 0 elsewhere.
    public let context: Int
    /// The pattern without its prefix and suffix.
    public let pattern: String
    /// Nil when the pattern has no regex syntax: a plain case-insensitive search is far cheaper.
    private let regex: NSRegularExpression?
    private let lowered: String

    /// The filter that keeps everything.
    public static let none = TextFilter(text: "", mode: .regex, inverted: false, context: 0, pattern: "", regex: nil)

    private init(text: String, mode: Mode, inverted: Bool, context: Int, pattern: String, regex: NSRegularExpression?) {
        self.text = text
        self.mode = mode
        self.inverted = inverted
        self.context = context
        self.pattern = pattern
        self.regex = regex
        lowered = pattern.lowercased()
    }

    public static func == (a: TextFilter, b: TextFilter) -> Bool { a.text == b.text }

    /// Why a filter's text cannot be used: the message says where it went wrong.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads the filter line. The empty line keeps everything.
    public static func parse(_ text: String) throws(ParseError) -> TextFilter {
        var rest = Substring(text)
        var inverted = false, mode = Mode.regex, context = 0
        if rest.hasPrefix("!") { inverted = true; rest = rest.dropFirst() }
        if rest.hasPrefix("-f ") || rest == "-f" { mode = .fuzzy; rest = rest.dropFirst(2).drop { $0 == " " } }
        if let range = rest.range(of: #"(^|\s)-C\s*\S*\s*$"#, options: .regularExpression) {
            let number = rest[range].trimmingCharacters(in: .whitespaces).dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let n = Int(number), (0...100).contains(n) else {
                throw ParseError(message: "-C takes a number of lines from 0 to 100, as in /error -C 2")
            }
            context = n
            rest = rest[..<range.lowerBound]
        }
        let pattern = String(rest)
        guard mode == .regex, pattern.contains(where: { Self.metacharacters.contains($0) }) else {
            return TextFilter(text: text, mode: mode, inverted: inverted, context: context, pattern: pattern, regex: nil)
        }
        do {
            let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            return TextFilter(text: text, mode: mode, inverted: inverted, context: context, pattern: pattern, regex: regex)
        } catch {
            throw ParseError(message: "not a regular expression: \(pattern) (escape a literal with \\, as in \\( or \\.)")
        }
    }

    /// The filter for a text already checked, or the filter that keeps everything when it is bad:
    /// views call this with what the host accepted.
    public init(_ text: String) {
        self = (try? Self.parse(text)) ?? .none
    }

    static let metacharacters = Set("\\^$.|?*+()[]{}")

    public var isEmpty: Bool { pattern.isEmpty }

    /// Whether a row whose fields are `fields` is kept.
    public func keeps(_ fields: [String]) -> Bool {
        guard !pattern.isEmpty else { return true }
        return fields.contains { found(in: $0) } != inverted
    }

    public func keeps(_ field: String) -> Bool { keeps([field]) }

    private func found(in text: String) -> Bool {
        switch mode {
        case .fuzzy: return !fuzzyPositions(in: text).isEmpty
        case .regex:
            if let regex {
                return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
            return text.range(of: lowered, options: .caseInsensitive) != nil
        }
    }

    /// The characters of `text` to highlight: each match of the expression, or the letters a fuzzy
    /// filter picked. An inverted filter highlights nothing: its rows are the ones that do not match.
    public func highlights(in text: String) -> [Range<String.Index>] {
        guard !pattern.isEmpty, !inverted else { return [] }
        switch mode {
        case .fuzzy:
            return fuzzyPositions(in: text).map { $0..<text.index(after: $0) }
        case .regex:
            if let regex {
                return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                    $0.range.length > 0 ? Range($0.range, in: text) : nil
                }
            }
            var found: [Range<String.Index>] = []
            var from = text.startIndex
            while from < text.endIndex, let r = text.range(of: lowered, options: .caseInsensitive, range: from..<text.endIndex) {
                found.append(r)
                from = r.upperBound
            }
            return found
        }
    }

    /// Where each letter of the pattern first occurs in order, or nothing if some letter does not.
    private func fuzzyPositions(in text: String) -> [String.Index] {
        var positions: [String.Index] = []
        var wanted = lowered.makeIterator()
        guard var next = wanted.next() else { return [] }
        var i = text.startIndex
        while i < text.endIndex {
            if text[i].lowercased() == String(next) {
                positions.append(i)
                guard let after = wanted.next() else { return positions }
                next = after
            }
            i = text.index(after: i)
        }
        return []
    }
}
