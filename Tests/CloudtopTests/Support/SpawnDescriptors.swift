import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the test process's descriptors out of the programs the tests start.
///
/// Tests run in parallel threads. A pipe one test opens at the moment another test spawns tmux
/// would otherwise be inherited by the tmux server, a daemon that outlives the test, and the
/// first test would wait forever for end-of-file. glibc's GNU extensions for this
/// (`pipe2`, `posix_spawn_file_actions_addclosefrom_np`) are not imported into Swift, so they
/// are looked up at run time, with portable fallbacks.
enum SpawnDescriptors {
    /// Spawn attributes giving the child an empty signal mask and default handlers: the test
    /// runner's threads block almost every signal, and a tmux server that inherited that mask
    /// would never see SIGCHLD or SIGTERM.
    static func initialiseWithCleanSignals(_ attributes: inout posix_spawnattr_t) {
        posix_spawnattr_init(&attributes)
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }

    /// A pipe whose two ends are closed on exec.
    static func pipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [0, 0]
        if let pipe2 = pipe2Function {
            guard pipe2(&ends, O_CLOEXEC) == 0 else { return nil }
        } else {
            guard Glibc.pipe(&ends) == 0 else { return nil }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }

    /// Adds "close every descriptor from `lowest` up" to a spawn's file actions, where the C
    /// library has it (glibc 2.34 and later).
    static func closeAll(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        _ = closeFromFunction?(&actions, lowest)
    }

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let pipe2Function: Pipe2? = symbol("pipe2")
    private static let closeFromFunction: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<F>(_ name: String) -> F? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: F.self)
    }
}
