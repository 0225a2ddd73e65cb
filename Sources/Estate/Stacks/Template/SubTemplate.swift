import Foundation

/// The `${Name}` placeholders of `Fn::Sub`, with `${!Literal}` written out as `${Literal}`.
enum SubTemplate {
    enum Piece: Equatable {
        case text(String)
        case variable(String)
    }

    static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            literal += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                literal += rest[start.lowerBound...]
                rest = ""
                break
            }
            let name = after[..<close]
            if name.hasPrefix("!") {
                literal += "${" + name.dropFirst() + "}"
            } else {
                if !literal.isEmpty { out.append(.text(literal)); literal = "" }
                out.append(.variable(name.trimmingCharacters(in: .whitespaces)))
            }
            rest = after[after.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { out.append(.text(literal)) }
        return out
    }

    static func variables(in text: String) -> [String] {
        pieces(text).compactMap { if case let .variable(v) = $0 { return v }; return nil }
    }
}
