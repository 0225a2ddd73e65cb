import Terminal

/// Key names as written in `keys.yaml` and shown in help: `q`, `enter`, `shift-tab`, `ctrl-c`, `f1`.
public enum KeyName {
    public static func parse(_ text: String) -> Key? {
        let lower = text.lowercased()
        switch lower {
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "shift-tab", "backtab": return .backTab
        case "backspace": return .backspace
        case "delete", "del": return .delete
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup", "page-up": return .pageUp
        case "pgdn", "pagedown", "page-down": return .pageDown
        case "home": return .home
        case "end": return .end
        case "insert": return .insert
        case "space": return .character(" ")
        default: break
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { return .ctrl(c) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .function(n) }
        // Single characters keep their case: `s` stops, `S` starts.
        if text.count == 1, let c = text.first, !c.isWhitespace { return .character(c) }
        return nil
    }

    public static func describe(_ key: Key) -> String {
        switch key {
        case let .character(" "): return "Space"
        case let .character(c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .insert: return "Ins"
        case let .function(n): return "F\(n)"
        case let .ctrl(c): return "Ctrl-\(c.uppercased())"
        }
    }
}
