import CursesBackend
import Terminal
import Testing

/// The key mapping, checked without a terminal. Key codes are ncurses' curses.h values.
struct KeyDecoderTests {
    private let decoder = KeyDecoder()

    @Test(arguments: [
        (UInt32(9), Key.tab), (10, .enter), (13, .enter), (8, .backspace), (127, .backspace),
        (27, .escape), (1, .ctrl("a")), (3, .ctrl("c")), (26, .ctrl("z")),
        (113, .character("q")), (0xE9, .character("é")), (0x65E5, .character("日")),
    ])
    func decodesCharacters(code: UInt32, key: Key) {
        #expect(decoder.key(character: code) == key)
    }

    @Test func dropsC1ControlCharacters() {
        #expect(decoder.key(character: 0x9B) == nil)
    }

    @Test(arguments: [
        (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o523, .pageUp), (0o522, .pageDown), (0o406, .home), (0o550, .end),
        (0o552, .home), (0o601, .end),  // Find/Select: Home/End in some terminfo entries
        (0o541, .backTab), (0o512, .delete), (0o513, .insert), (0o407, .backspace), (0o527, .enter),
        (0o411, .function(1)), (0o424, .function(12)), (0o425, .function(13)),
    ])
    func decodesKeyCodes(code: Int32, key: Key) {
        #expect(decoder.key(keyCode: code) == key)
    }

    @Test func usesRunTimeCodesForExtendedKeysAndIgnoresUnknownOnes() {
        let decoder = KeyDecoder(extendedKeys: [600: .home])
        #expect(decoder.key(keyCode: 600) == .home)
        #expect(decoder.key(keyCode: 601) == nil)
    }
}
