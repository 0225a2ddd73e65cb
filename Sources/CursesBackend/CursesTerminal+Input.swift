import CNCurses
import Terminal

extension CursesTerminal {
    /// How far one wheel notch scrolls, in rows: three matches most terminals and browsers.
    static let wheelRows = 3

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, click, wheel or resize.
    ///
    /// Returns nil on timeout and for input the app has no name for (a mouse release, an unknown
    /// function key), which the app treats the same way: nothing to do this tick.
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        wtimeout(cnc_stdscr(), Int32(clamping: timeoutMilliseconds))
        var input: wint_t = 0
        switch wget_wch(cnc_stdscr(), &input) {
        case OK:
            return keys.key(character: UInt32(input)).map(InputEvent.key)
        case KEY_CODE_YES:
            return event(forKeyCode: Int32(bitPattern: UInt32(input)))
        default:
            return nil
        }
    }

    private func event(forKeyCode code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE:
            updateSize()
            return .resize(size)
        case KEY_MOUSE:
            return mouseEvent()
        default:
            return keys.key(keyCode: code).map(InputEvent.key)
        }
    }

    /// The first press or wheel notch among the reports that came with this `KEY_MOUSE`.
    ///
    /// When a press and its release arrive in one read (a quick click on a busy machine), ncurses
    /// returns one `KEY_MOUSE` for both and `getmouse` hands back the newest first: the release,
    /// which is no event here. Reading until the queue is empty and taking the reports in arrival
    /// order keeps the press, and leaves no stale report to surface with a later click.
    private func mouseEvent() -> InputEvent? {
        var reports: [MEVENT] = []
        var mouse = MEVENT()
        while reports.count < Self.mouseQueueLength, getmouse(&mouse) == OK { reports.append(mouse) }
        return reports.reversed().lazy.compactMap(Self.event(from:)).first
    }

    /// ncurses keeps the last few mouse reports in a ring of this many.
    private static let mouseQueueLength = 8

    private static func event(from mouse: MEVENT) -> InputEvent? {
        let point = Point(x: Int(mouse.x), y: Int(mouse.y))
        if mouse.bstate & (cnc_button1_pressed() | cnc_button1_clicked()) != 0 { return .click(point) }
        if mouse.bstate & cnc_button4_pressed() != 0 { return .scroll(-wheelRows, at: point) }
        if mouse.bstate & cnc_button5_pressed() != 0 { return .scroll(wheelRows, at: point) }
        return nil
    }
}
