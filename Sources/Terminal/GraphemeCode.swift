import Foundation

/// Graphemes as 32-bit codes, so a `Cell` holds no reference.
///
/// Almost every grapheme on screen is one Unicode scalar, and its code is the scalar's value.
/// The rest (a letter with combining accents, an emoji sequence, a flag) are interned in a
/// process-wide table and coded as their index with the top bit set; there are only ever a handful.
public enum GraphemeCode {
    static let internedBit: UInt32 = 0x8000_0000

    /// The code of `character`.
    @inline(__always)
    public static func encode(_ character: Character) -> UInt32 {
        if let ascii = character.asciiValue { return UInt32(ascii) }
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0x20 }
        if scalars.next() == nil { return first.value }
        return Interned.shared.code(for: character)
    }

    /// The grapheme a code stands for.
    public static func decode(_ code: UInt32) -> Character {
        if code & internedBit != 0 { return Interned.shared.character(at: Int(code & ~internedBit)) }
        return Unicode.Scalar(code).map(Character.init) ?? " "
    }

    /// The interned graphemes; a lock keeps it safe to render from any thread.
    private final class Interned: @unchecked Sendable {
        static let shared = Interned()
        private let lock = NSLock()
        private var characters: [Character] = []
        private var codes: [Character: UInt32] = [:]

        func code(for character: Character) -> UInt32 {
            lock.lock(); defer { lock.unlock() }
            if let code = codes[character] { return code }
            let code = GraphemeCode.internedBit | UInt32(characters.count)
            characters.append(character)
            codes[character] = code
            return code
        }

        func character(at index: Int) -> Character {
            lock.lock(); defer { lock.unlock() }
            return index < characters.count ? characters[index] : " "
        }
    }
}
