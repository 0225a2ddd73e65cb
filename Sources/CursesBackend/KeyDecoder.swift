import CNCurses
import Terminal

/// Turns what `get_wch` returns into the app's `Key`s.
///
/// It is pure (numbers in, keys out) so unit tests can check every mapping without a terminal.
/// ncurses reports two kinds of input through the same integer: a typed character, or a key code
/// (`KEY_UP`, `KEY_F(n)`, …) flagged by `KEY_CODE_YES`; the two overlap numerically, so they are
/// decoded by separate functions.
public struct KeyDecoder: Sendable {
    /// Codes ncurses assigned at run time to extended terminfo keys (`kHOM5` for Ctrl-Home, …).
    ///
    /// They differ per terminal, so the backend looks them up after `initscr` and passes them in;
    /// modified arrows and Home/End then still move instead of being dropped.
    public var extendedKeys: [Int32: Key]

    public init(extendedKeys: [Int32: Key] = [:]) {
        self.extendedKeys = extendedKeys
    }

    // MARK: - Characters

    /// Decodes a character `get_wch` returned with `OK`; nil for one the app has no use for.
    public func key(character code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 64)))
        case 128..<160: return nil  // C1 controls would move the terminal's cursor if echoed
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    // MARK: - Key codes

    /// Decodes a key code `get_wch` returned with `KEY_CODE_YES` (mouse and resize are handled by
    /// the backend because they need more than the code).
    public func key(keyCode code: Int32) -> Key? {
        if let key = Self.namedKeys[code] { return key }
        if code > Self.functionKeyZero, code <= Self.functionKeyZero + 63 {
            return .function(Int(code - Self.functionKeyZero))
        }
        return extendedKeys[code]
    }

    /// `KEY_F0`: ncurses numbers function keys `KEY_F0 + n` for n up to 63 (Shift-F1 is F13).
    static let functionKeyZero = Int32(KEY_F0)

    /// ncurses key codes and what they mean here.
    ///
    /// Find/Select and the keypad corners stand for Home/End because some terminfo entries send
    /// `\e[1~`/`\e[4~` under those names; shifted keys act like plain ones so they are never lost.
    static let namedKeys: [Int32: Key] = [
        KEY_DOWN: .down, KEY_UP: .up, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_SF: .down, KEY_SR: .up, KEY_SLEFT: .left, KEY_SRIGHT: .right,
        KEY_HOME: .home, KEY_END: .end, KEY_SHOME: .home, KEY_SEND: .end,
        KEY_FIND: .home, KEY_SELECT: .end, KEY_A1: .home, KEY_C1: .end,
        KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_SPREVIOUS: .pageUp, KEY_SNEXT: .pageDown,
        KEY_BTAB: .backTab, KEY_DC: .delete, KEY_IC: .insert,
        KEY_BACKSPACE: .backspace, KEY_ENTER: .enter,
    ]

    /// Extended terminfo names worth mapping, with every modifier suffix xterm defines (2–8).
    static let extendedCapabilities: [(name: String, key: Key)] = [
        ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
        ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete),
    ]
}
