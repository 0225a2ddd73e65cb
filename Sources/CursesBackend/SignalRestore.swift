import CNCurses

/// Restores the terminal when the process is killed or crashes while ncurses owns the screen.
///
/// Without it a SIGTERM or a crash leaves the user's shell on the alternate screen, in raw mode,
/// with an invisible cursor and mouse reports typed into the prompt. The handler itself is C in
/// the shim because only async-signal-safe calls are allowed there. The shim keeps its state in C
/// statics, which exist once per calling file, so this is the only file that may call them.
enum SignalRestore {
    /// Saves the terminal modes and installs the handlers; call before ncurses changes the modes.
    static func install() {
        cnc_install_signal_restore()
    }

    /// Puts the previous handlers back after the terminal was restored the normal way.
    static func uninstall() {
        cnc_uninstall_signal_restore()
    }
}
