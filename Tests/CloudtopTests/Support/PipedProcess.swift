import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process with its standard input, output and error on pipes, for talking to it line by
/// line while it runs (`cloudtop run -`) or for reading its output and errors apart.
///
/// Started with posix_spawn, an empty signal mask and default handlers, like `ChildProcess`.
final class PipedProcess {
    struct Finished {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty() }
    }

    enum Failure: Error, CustomStringConvertible {
        case spawn(Int32)
        case timedOut(String)
        var description: String {
            switch self {
            case let .spawn(code): return "posix_spawn failed: \(String(cString: strerror(code)))"
            case let .timedOut(what): return "timed out \(what)"
            }
        }
    }

    let pid: pid_t
    private var stdinFD: Int32
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private var stdoutBytes: [UInt8] = []
    private var stderrBytes: [UInt8] = []
    private var stdoutOpen = true
    private var stderrOpen = true
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], workingDirectory: String? = nil) throws {
        guard let inPipe = SpawnDescriptors.pipe(), let outPipe = SpawnDescriptors.pipe(),
              let errPipe = SpawnDescriptors.pipe() else { throw Failure.spawn(errno) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe.read, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)
        SpawnDescriptors.closeAll(from: 3, in: &actions)

        var attributes = posix_spawnattr_t()
        SpawnDescriptors.initialiseWithCleanSignals(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        // The working directory is passed through `sh -c 'cd … && exec …'` only when asked for,
        // since posix_spawn_file_actions_addchdir is not everywhere.
        var program = executable, words = arguments
        if let workingDirectory {
            program = "/bin/sh"
            words = ["-c", "cd \"$0\" && exec \"$@\"", workingDirectory, executable] + arguments
        }
        let argv = ([program] + words).map { strdup($0) } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var child = pid_t()
        let spawnError = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        close(inPipe.read); close(outPipe.write); close(errPipe.write)
        guard spawnError == 0 else {
            close(inPipe.write); close(outPipe.read); close(errPipe.read)
            throw Failure.spawn(spawnError)
        }
        pid = child
        stdinFD = inPipe.write
        stdoutFD = outPipe.read
        stderrFD = errPipe.read
        // A child that exits early must not kill the test with SIGPIPE on the next write.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        }
        closeStdin()
        close(stdoutFD)
        close(stderrFD)
    }

    /// Runs a program to the end with stdin closed and returns its status, output and errors apart.
    static func run(_ executable: String, _ arguments: [String], workingDirectory: String? = nil,
                    timeoutSeconds: Double = 60) throws -> Finished {
        let process = try PipedProcess(executable, arguments, workingDirectory: workingDirectory)
        process.closeStdin()
        return try process.finish(timeoutSeconds: timeoutSeconds)
    }

    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(stdinFD, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue }; return }
            bytes = bytes.dropFirst(written)
        }
    }

    func closeStdin() {
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }

    /// The next line of standard output, without its newline; nil if none arrives in time or the
    /// output ends first.
    func readLine(timeoutSeconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let newline = stdoutBytes.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: stdoutBytes[..<newline], as: UTF8.self)
                stdoutBytes.removeSubrange(...newline)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard stdoutOpen || stderrOpen, left > 0 else { return nil }
            pump(timeoutMilliseconds: Int32(min(left * 1000, 100)))
            if !stdoutOpen, stdoutBytes.firstIndex(of: UInt8(ascii: "\n")) == nil { return nil }
        }
    }

    /// Reads everything left, waits for the exit and returns the status with the unread output.
    func finish(timeoutSeconds: Double = 60) throws -> Finished {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while stdoutOpen || stderrOpen {
            guard Date() < deadline else { throw Failure.timedOut("reading the output of pid \(pid)") }
            pump(timeoutMilliseconds: 100)
        }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            guard Date() < deadline else { throw Failure.timedOut("waiting for pid \(pid) to exit") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return Finished(status: code, stdout: String(decoding: stdoutBytes, as: UTF8.self),
                        stderr: String(decoding: stderrBytes, as: UTF8.self))
    }

    /// Waits up to `timeoutMilliseconds` for output on either pipe and takes what is there.
    private func pump(timeoutMilliseconds: Int32) {
        var fds: [pollfd] = []
        if stdoutOpen { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
        if stderrOpen { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
        guard !fds.isEmpty else { return }
        let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        for entry in fds where entry.revents != 0 {
            let count = read(entry.fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if entry.fd == stdoutFD {
                if count > 0 { stdoutBytes += chunk[0..<count] } else { stdoutOpen = false }
            } else {
                if count > 0 { stderrBytes += chunk[0..<count] } else { stderrOpen = false }
            }
        }
    }
}

/// The C library's write(2), named apart from `PipedProcess.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

private extension Array where Element == String {
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
