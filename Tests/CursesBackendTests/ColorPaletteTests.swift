import CursesBackend
import Terminal
import Testing

/// How colours degrade from 256 to 8, checked without a terminal.
struct ColorPaletteTests {
    @Test func mapsDirectlyWith256Colours() {
        let palette = ColorPalette(colorCount: 256)
        #expect(palette.resolve(.default) == (-1, false))
        #expect(palette.resolve(.red) == (1, false))
        #expect(palette.resolve(.brightRed) == (9, false))
        #expect(palette.resolve(.indexed(208)) == (208, false))
    }

    @Test(arguments: [
        (Color.brightRed, Int32(1), true), (.brightWhite, 7, true), (.indexed(9), 1, true),
        (.indexed(196), 1, false),  // pure red in the cube
        (.indexed(21), 4, false),   // pure blue
        (.indexed(226), 3, false),  // yellow
        (.indexed(16), 0, false),   // cube black
        (.indexed(236), 0, false), (.indexed(252), 7, false),  // dark and light greys
    ])
    func fallsBackToTheNearestBasicColourWith8(color: Color, number: Int32, needsBold: Bool) {
        #expect(ColorPalette(colorCount: 8).resolve(color) == (number, needsBold))
    }
}
