import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CursesTerminal {
    /// OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`): the terminal puts the text on the system clipboard.
    /// Written raw to the terminal after curses has flushed its frame, so it never splits one;
    /// curses does not know about it and needs not, since it draws nothing on the screen.
    public func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        var bytes = Array(sequence.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}

