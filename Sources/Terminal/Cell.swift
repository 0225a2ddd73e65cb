/// One screen cell: a grapheme and its style.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the grapheme, the second
/// is a `continuation` cell that backends skip, so nothing is ever cut mid-character.
///
/// The grapheme is stored as a number (`GraphemeCode`), not a `Character`: a frame is thousands of
/// cells that are created, copied and compared every frame, and a plain value with no reference
/// inside makes that a matter of moving and comparing a few bytes.
public struct Cell: Equatable, Sendable {
    /// The grapheme's code: see `GraphemeCode`.
    public var code: UInt32
    public var style: Style
    /// True for the right half of a double-width character.
    public var isContinuation: Bool
    /// Zero bytes where the layout would otherwise leave padding (code, style and flag take ten
    /// bytes of a twelve-byte stride). `diff` skips a row of a frame when its bytes equal the last
    /// frame's; padding holds whatever the memory held before, so it would differ from frame to
    /// frame and send unchanged rows to the cell-by-cell comparison.
    private var padding: UInt16 = 0

    public init(_ symbol: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.init(code: GraphemeCode.encode(symbol), style: style, isContinuation: isContinuation)
    }

    @inline(__always)
    public init(code: UInt32, style: Style = .plain, isContinuation: Bool = false) {
        self.code = code
        self.style = style
        self.isContinuation = isContinuation
    }

    /// The grapheme drawn in this cell.
    public var symbol: Character {
        get { GraphemeCode.decode(code) }
        set { code = GraphemeCode.encode(newValue) }
    }

    /// Columns the grapheme takes; printable ASCII answers without decoding it.
    @inline(__always)
    public var width: Int {
        if code &- 0x20 < 0x5F { return 1 }
        // One scalar: measured as a scalar, without making a Character. A lone variation selector
        // or regional indicator goes the long way, as `TextWidth.of(Character)` treats them apart.
        if code & GraphemeCode.internedBit == 0, code != 0xFE0F, !(0x1F1E6...0x1F1FF).contains(code), let scalar = Unicode.Scalar(code) {
            return TextWidth.of(scalar)
        }
        return TextWidth.of(symbol)
    }

    public static let blank = Cell()

    /// The cheap comparisons first: most cells of a frame equal the last frame's, and a diff
    /// compares every one.
    @inline(__always)
    public static func == (lhs: Cell, rhs: Cell) -> Bool {
        lhs.code == rhs.code && lhs.isContinuation == rhs.isContinuation && lhs.style == rhs.style
    }
}
