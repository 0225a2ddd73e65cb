import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short-lived command and collects its output, starting it with a clean signal state.
///
/// Foundation's `Process` passes on the caller's blocked-signal mask, and the test runner's threads
/// block almost every signal. A tmux server started that way never sees SIGCHLD or SIGTERM: it
/// cannot tell that a pane's program exited and cannot be stopped. posix_spawn with an empty mask
/// and default handlers avoids that; the child also gets no descriptor but its standard three.
enum ChildProcess {
    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments`, stdin from /dev/null, stdout and stderr captured together.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        // Close-on-exec, so a program another test thread starts meanwhile does not inherit it.
        guard let (readEnd, writeEnd) = SpawnDescriptors.pipe() else { throw POSIXError(.EIO) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        // Nothing else of the test process's: a tmux server started from here lives on as a
        // daemon, and any pipe it inherited (another test's, opened at the same moment) would
        // never reach end-of-file for the test reading it.
        SpawnDescriptors.closeAll(from: 3, in: &actions)

        var attributes = posix_spawnattr_t()
        SpawnDescriptors.initialiseWithCleanSignals(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let spawnError = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard spawnError == 0 else {
            close(readEnd)
            throw POSIXError(POSIXErrorCode(rawValue: spawnError) ?? .EIO)
        }

        // Read to the end before waiting, or a child that fills the pipe would never exit.
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(readEnd, &chunk, chunk.count)
            if count > 0 { output += chunk[0..<count]; continue }
            if count < 0, errno == EINTR { continue }
            break
        }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      output: String(decoding: output, as: UTF8.self))
    }
}
