import Terminal

/// How many colours the backend may use, chosen by the caller or by the terminal.
public enum ColorMode: Sendable {
    /// Whatever the terminal offers, or none when `NO_COLOR` is set.
    case auto
    /// No colours at all: only bold, dim, underline, reverse and italic.
    case monochrome
    /// At most the 8 basic colours, even on a terminal that has more.
    case basic
}

/// Maps the app's `Color`s to curses colour numbers for a terminal with a given palette size.
///
/// Pure, so the fallback rules can be tested without a terminal: with 256 colours everything maps
/// directly; with fewer, bright colours become their basic colour plus bold and palette indexes
/// the nearest basic colour, so a theme written for 256 colours still reads on a console.
public struct ColorPalette: Sendable {
    /// Colours the terminal reports (`COLORS`), capped by the chosen mode; 0 means no colours.
    public let colorCount: Int

    public init(colorCount: Int) {
        self.colorCount = colorCount
    }

    /// The curses colour number (-1 for the terminal's default) and whether bold must stand in for
    /// brightness.
    public func resolve(_ color: Color) -> (number: Int32, needsBold: Bool) {
        switch color {
        case .default: return (-1, false)
        case .black: return (0, false)
        case .red: return (1, false)
        case .green: return (2, false)
        case .yellow: return (3, false)
        case .blue: return (4, false)
        case .magenta: return (5, false)
        case .cyan: return (6, false)
        case .white: return (7, false)
        case .brightBlack: return indexed(8)
        case .brightRed: return indexed(9)
        case .brightGreen: return indexed(10)
        case .brightYellow: return indexed(11)
        case .brightBlue: return indexed(12)
        case .brightMagenta: return indexed(13)
        case .brightCyan: return indexed(14)
        case .brightWhite: return indexed(15)
        case .indexed(let index): return indexed(Int(index))
        }
    }

    private func indexed(_ index: Int) -> (number: Int32, needsBold: Bool) {
        if index < colorCount { return (Int32(index), false) }
        if index < 16 { return (Int32(index % 8), index >= 8) }
        return (Self.nearestBasic(toPaletteIndex: index), false)
    }

    /// The basic colour (0–7) closest to an entry of xterm's 256-colour palette.
    ///
    /// Entries 16–231 are a 6×6×6 RGB cube: each channel counts as "on" from its upper half, which
    /// gives the ANSI numbering red = 1, green = 2, blue = 4. Entries 232–255 are greys.
    static func nearestBasic(toPaletteIndex index: Int) -> Int32 {
        if index >= 232 { return index >= 244 ? 7 : 0 }
        let cube = index - 16
        let red = cube / 36, green = (cube / 6) % 6, blue = cube % 6
        return Int32((red >= 3 ? 1 : 0) + (green >= 3 ? 2 : 0) + (blue >= 3 ? 4 : 0))
    }
}
