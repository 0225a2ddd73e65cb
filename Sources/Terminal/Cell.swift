/// One screen cell: a grapheme and its style.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the grapheme, the second
/// is a `continuation` cell that backends skip, so nothing is ever cut mid-character.
public struct Cell: Equatable, Sendable {
    public var symbol: Character
    public var style: Style
    /// True for the right half of a double-width character.
    public var isContinuation: Bool

    public init(_ symbol: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.symbol = symbol
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()

    /// The cheap comparisons first: most cells of a frame equal the last frame's, and a diff
    /// compares every one.
    @inline(__always)
    public static func == (lhs: Cell, rhs: Cell) -> Bool {
        lhs.isContinuation == rhs.isContinuation && lhs.style == rhs.style && lhs.symbol == rhs.symbol
    }
}
