import CNCurses
import Terminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `TerminalBackend` for a real terminal, over ncurses.
///
/// It owns the terminal from `init` until `stop()` (or deinit): raw keys so Ctrl-C reaches the app
/// as a key, no echo, keypad and mouse decoding, a hidden cursor. Drawing, colours and input live
/// in their own files; this one is the lifecycle.
public final class CursesTerminal: TerminalBackend {
    public private(set) var size: Size

    let styles: StyleRenderer
    let keys: KeyDecoder
    /// The style of the last cell drawn and what curses needs for it, so a run of cells in one
    /// style costs one lookup instead of one per cell.
    var currentStyle: Style?
    var currentRendition = StyleRenderer.Rendition(attributes: 0, pair: 0)
    private var isStopped = false

    /// Takes over the terminal. Signal handlers that restore it are installed first, so a crash at
    /// any later point leaves a usable shell.
    /// `mouse: false` leaves the mouse to the terminal, so its own text selection works.
    public init(colorMode: ColorMode = .auto, mouse: Bool = true) {
        Self.installSignalHandlers()
        setlocale(LC_ALL, "")  // before initscr, or wide characters print as escapes
        initscr()
        raw()
        noecho()
        nonl()  // so Enter arrives as 13 and the screen moves without translating newlines
        keypad(cnc_stdscr(), true)
        curs_set(0)
        // The cursor is hidden, so where it stands after a refresh does not matter: without this,
        // every refresh ends by moving it back, one more write(2) to the terminal per frame.
        leaveok(cnc_stdscr(), true)
        set_escdelay(25)  // Esc alone must feel instant; escape sequences arrive far faster than this
        mouseinterval(0)  // report presses at once instead of waiting to see if they become clicks
        typeahead(-1)  // the loop reads input itself; checking for it mid-refresh splits each frame into several writes
        if mouse {
            mousemask(
                cnc_button1_pressed() | cnc_button1_clicked() | cnc_button4_pressed() | cnc_button5_pressed(),
                nil
            )
        }
        Self.defineHomeEndSequences()
        styles = StyleRenderer(colorMode: colorMode)
        keys = KeyDecoder(extendedKeys: Self.extendedKeyCodes())
        size = Size(width: Int(cnc_COLS()), height: Int(cnc_LINES()))
    }

    deinit {
        stop()
    }

    /// Gives the terminal back to the shell. Safe to call more than once; only the first call acts.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        endwin()
        SignalRestore.uninstall()
    }

    /// Installs the handlers that restore the terminal on SIGTERM, SIGHUP, SIGINT and crash
    /// signals; `init` calls it, and calling it earlier or again is harmless.
    ///
    /// SIGTERM exits with status 0 (a requested stop is not a failure); SIGHUP and SIGINT exit with
    /// 128 + the signal number like a shell reports them; crash signals re-raise with the default
    /// action so core dumps and "killed by signal" statuses still happen.
    public static func installSignalHandlers() {
        SignalRestore.install()
    }

    public func flush() {
        wrefresh(cnc_stdscr())
    }

    /// Blanks the screen model and makes the next refresh repaint every cell, because after a
    /// resize or a stray write the terminal no longer matches what curses believes it shows.
    public func clear() {
        werase(cnc_stdscr())
        clearok(cnc_stdscr(), true)
        currentStyle = nil
    }

    func updateSize() {
        size = Size(width: Int(cnc_COLS()), height: Int(cnc_LINES()))
    }

    // MARK: - Key setup

    /// Teaches ncurses the Home/End spellings of xterm, tmux and rxvt, because a terminfo entry
    /// names only one of them and users move between terminals and multiplexers.
    private static func defineHomeEndSequences() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
        ]
        for (sequence, code) in sequences where key_defined(sequence) <= 0 {
            define_key(sequence, code)
        }
    }

    /// Finds the run-time codes of modified arrows, Home/End and paging keys (`kHOM5`, …).
    private static func extendedKeyCodes() -> [Int32: Key] {
        var codes: [Int32: Key] = [:]
        for (name, key) in KeyDecoder.extendedCapabilities {
            for modifier in 2...8 {
                let code = cnc_key_code_for_cap("\(name)\(modifier)")
                if code > 0 { codes[code] = key }
            }
        }
        return codes
    }
}
