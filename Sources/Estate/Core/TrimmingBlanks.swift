extension StringProtocol {
    /// The text without leading and trailing blanks: tabs and Unicode space separators (Zs), the
    /// set Foundation calls `.whitespaces`. Written here because Foundation's version bridges
    /// through NSString on Linux, which cost a warehouse load more than parsing the values did.
    public func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isBlank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, Self.isBlank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex, let whole = self as? String { return whole }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    private static func isBlank(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
        return s.properties.generalCategory == .spaceSeparator
    }
}
