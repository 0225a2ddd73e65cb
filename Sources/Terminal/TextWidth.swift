/// Display width of characters and strings in terminal cells.
///
/// Computed from a compact table of East Asian Wide/Fullwidth ranges and the standard library's
/// Unicode properties rather than libc's `wcwidth`, whose answers depend on the locale the
/// process happens to run in and differ between glibc versions; the UI must lay out the same
/// everywhere, including in tests.
public enum TextWidth {
    /// Cells taken by one grapheme: 2 for wide East Asian and emoji, 0 for controls and
    /// lone combining or zero-width marks, 1 otherwise.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // VS16 asks for emoji presentation, which terminals draw two cells wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        // A pair of regional indicators is a flag.
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
        return of(first)
    }

    /// Cells taken by a single scalar, ignoring anything that may combine with it.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        // Punctuation, arrows, technical symbols, box drawing, blocks, shapes and dingbats (most of
        // a frame's non-ASCII cells) hold no marks, format or control characters: their width is
        // the wide table's answer alone, without the slower general-category lookup.
        if (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value) || (0x2190...0x27BF).contains(value) {
            return isWide(value) ? 2 : 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        // Hangul medial vowels and final consonants attach to the preceding syllable.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        return isWide(value) ? 2 : 1
    }

    /// Total cells taken by a string.
    public static func of<S: StringProtocol>(_ string: S) -> Int {
        // Printable ASCII is a cell a byte: no grapheme breaking needed.
        if string.utf8.allSatisfy({ $0 &- 0x20 < 0x5F }) { return string.utf8.count }
        if standsAlone(string) { return string.unicodeScalars.reduce(0) { $0 + of($1) } }
        var total = 0
        for character in string { total += of(character) }
        return total
    }

    /// Whether every scalar of `string` is a grapheme of its own, so it can be measured and drawn
    /// scalar by scalar without grapheme breaking (the slow part of a frame's non-ASCII text:
    /// sparklines, box drawing, arrows and state dots).
    ///
    /// True when every scalar is printable ASCII, Latin-1 or spacing modifier letters below the
    /// combining marks, or general punctuation, arrows, technical symbols, box drawing, blocks,
    /// shapes, symbols and dingbats. None of those extends, joins or prepends to a neighbour in
    /// Unicode's grapheme rules (UAX #29), and the joiners that could (ZWJ, variation selectors,
    /// combining marks, regional indicators) are all outside the set.
    public static func standsAlone<S: StringProtocol>(_ string: S) -> Bool {
        string.unicodeScalars.allSatisfy { scalar in
            let v = scalar.value
            return (0x20..<0x7F).contains(v) || (0xA0..<0x300).contains(v) || (0x2010...0x2027).contains(v)
                || (0x2030...0x205E).contains(v) || (0x2190...0x27BF).contains(v)
        }
    }

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= wideRanges[0].lowerBound else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, sorted, from Unicode's EastAsianWidth.txt
    /// (emoji with default emoji presentation are W there).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320,
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596,
        0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension StringProtocol {
    /// Display width in terminal cells; see `TextWidth`.
    public var displayWidth: Int { TextWidth.of(self) }
}
