import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs handler code in one warm worker process per function version, over pipes.
///
/// The first event for a version starts its worker (a cold start); later events reuse it. A worker
/// that crashes, answers with something other than a result line, or overruns the wall-clock
/// timeout is killed, so the next event starts a fresh one. The bootstrap scripts and the code are
/// written to a private temporary folder on first use; nothing is started before that.
public final class ProcessCodeRunner: EdgeCodeRunner {
    private final class Worker {
        let process: Process
        let input: FileHandle
        let outputFD: Int32
        var pending: [UInt8] = []
        init(process: Process, input: FileHandle, outputFD: Int32) {
            self.process = process
            self.input = input
            self.outputFD = outputFD
        }
    }

    private var workers: [String: Worker] = [:]
    private var directory: URL?
    private var interpreters: [EdgeRuntime: String?] = [:]

    /// Lambda's init phase limit: the handler module loading, not counted against the timeout.
    static let initPhaseMilliseconds: UInt64 = 10_000

    public init() {}

    deinit { shutdown() }

    public func isAvailable(_ runtime: EdgeRuntime) -> Bool { interpreter(for: runtime) != nil }

    private func interpreter(for runtime: EdgeRuntime) -> String? {
        if let known = interpreters[runtime] { return known }
        let name: String
        switch runtime {
        case .nodejs20, .cloudFrontJS: name = "node"
        case .python311: name = "python3"
        case .rules: return nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let found = path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        interpreters[runtime] = .some(found)
        return found
    }

    public func invoke(_ invocation: CodeInvocation) -> CodeOutcome {
        var coldStart = false
        let worker: Worker
        if let warm = workers[invocation.workerKey], warm.process.isRunning {
            worker = warm
        } else {
            workers[invocation.workerKey] = nil
            switch start(invocation) {
            case let .success(w): worker = w
            case let .failure(message): return .unavailable(message.text)
            }
            workers[invocation.workerKey] = worker
            coldStart = true
        }
        do {
            try worker.input.write(contentsOf: Data((invocation.eventJSON + "\n").utf8))
        } catch {
            stop(invocation.workerKey)
            return .failed("worker for \(invocation.workerKey) is gone: \(error.localizedDescription)", coldStart: coldStart)
        }
        // A cold start gets Lambda's separate 10 s init phase on top of the function's timeout.
        let allowanceMilliseconds = UInt64(max(1, invocation.timeoutMilliseconds)) + (coldStart ? Self.initPhaseMilliseconds : 0)
        let deadline = DispatchTime.now().uptimeNanoseconds + allowanceMilliseconds * 1_000_000
        switch readLine(worker, deadlineNanoseconds: deadline) {
        case let .line(text):
            guard case let .success(reply) = Result(catching: { () throws(JSONParser.Failure) in try JSONParser.parse(text) }),
                  case .object = reply else {
                stop(invocation.workerKey)
                return .failed("worker wrote something that is not a result: \(text.prefix(120))", coldStart: coldStart)
            }
            if let error = reply["error"] {
                stop(invocation.workerKey)
                return .failed(error.stringValue ?? error.serialized(), coldStart: coldStart)
            }
            if invocation.runtime == .cloudFrontJS {
                if reply["computeExceeded"] == .bool(true) { return .computeExceeded(utilization: nil, coldStart: coldStart) }
                // The first call also compiles the handler, which CloudFront does when the function is published.
                let micros = Int(reply["computeMicros"]?.intValue ?? 0)
                if !coldStart, micros > CloudFrontFunctionLimits.maximumComputeMicroseconds {
                    return .computeExceeded(utilization: micros * 100 / CloudFrontFunctionLimits.maximumComputeMicroseconds, coldStart: coldStart)
                }
            }
            return .result((reply["result"] ?? .null).serialized(), coldStart: coldStart)
        case .closed:
            stop(invocation.workerKey)
            return .failed("worker exited before answering (crash)", coldStart: coldStart)
        case .timedOut:
            stop(invocation.workerKey)
            return .timedOut(coldStart: coldStart)
        }
    }

    /// Stops every worker and removes the folder of bootstraps and code.
    public func shutdown() {
        for key in workers.keys.sorted() { stop(key) }
        if let directory {
            try? FileManager.default.removeItem(at: directory)
            WorkFolders.forget(directory.path)
            self.directory = nil
        }
    }

    /// The folder of bootstraps and code, once a worker has been started.
    var workFolder: URL? { directory }

    private func stop(_ key: String) {
        guard let worker = workers.removeValue(forKey: key) else { return }
        try? worker.input.close()
        if worker.process.isRunning { kill(worker.process.processIdentifier, SIGKILL) }
        worker.process.waitUntilExit()
        close(worker.outputFD)
    }

    // MARK: - Starting a worker

    private struct StartFailure: Error { let text: String }

    private func start(_ invocation: CodeInvocation) -> Result<Worker, StartFailure> {
        guard let interpreter = interpreter(for: invocation.runtime) else {
            return .failure(StartFailure(text: "\(invocation.runtime.rawValue) is not installed on this machine"))
        }
        // A worker that dies would otherwise take this process with it on the next write.
        signal(SIGPIPE, SIG_IGN)
        do {
            let root = try workDirectory()
            let folder = root.appendingPathComponent(invocation.workerKey.map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined())
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let codeURL = folder.appendingPathComponent(invocation.fileName)
            try invocation.source.write(to: codeURL, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: interpreter)
            let exportName = String(invocation.handler.split(separator: ".").last ?? "handler")
            switch invocation.runtime {
            case .python311:
                process.arguments = [root.appendingPathComponent("bootstrap.py").path, codeURL.path, exportName]
            case .cloudFrontJS:
                process.arguments = [root.appendingPathComponent("bootstrap.js").path, "cloudfront-function", codeURL.path, "handler"]
            default:
                process.arguments = [root.appendingPathComponent("bootstrap.js").path, "lambda", codeURL.path, exportName]
            }
            process.currentDirectoryURL = folder
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            FileManager.default.createFile(atPath: folder.appendingPathComponent("stderr.log").path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr.log"))
            try process.run()
            let fd = dup(output.fileHandleForReading.fileDescriptor)
            try? output.fileHandleForReading.close()
            return .success(Worker(process: process, input: input.fileHandleForWriting, outputFD: fd))
        } catch {
            return .failure(StartFailure(text: "could not start \(invocation.runtime.rawValue) worker: \(error.localizedDescription)"))
        }
    }

    private func workDirectory() throws -> URL {
        if let directory { return directory }
        let temporary = FileManager.default.temporaryDirectory
        WorkFolders.sweepStale(in: temporary)
        let url = temporary.appendingPathComponent(PerProcessFolders.name(prefix: WorkFolders.prefix, unique: "\(UInt(bitPattern: ObjectIdentifier(self).hashValue) % 100_000)"))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        WorkFolders.remember(url.path)
        try EdgeDefaults.bootstrapJS.write(to: url.appendingPathComponent("bootstrap.js"), atomically: true, encoding: .utf8)
        try EdgeDefaults.bootstrapPy.write(to: url.appendingPathComponent("bootstrap.py"), atomically: true, encoding: .utf8)
        directory = url
        return url
    }

    // MARK: - Reading one reply

    private enum ReadResult { case line(String), closed, timedOut }

    private func readLine(_ worker: Worker, deadlineNanoseconds: UInt64) -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = worker.pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: worker.pending[..<newline], as: UTF8.self)
                worker.pending.removeSubrange(...newline)
                return .line(line)
            }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadlineNanoseconds else { return .timedOut }
            var fds = pollfd(fd: worker.outputFD, events: Int16(POLLIN), revents: 0)
            let waitMilliseconds = Int32(min(1_000, (deadlineNanoseconds - now) / 1_000_000 + 1))
            let ready = poll(&fds, 1, waitMilliseconds)
            if ready < 0 { if errno == EINTR { continue }; return .closed }
            if ready == 0 { continue }
            let n = chunk.withUnsafeMutableBytes { read(worker.outputFD, $0.baseAddress, $0.count) }
            if n <= 0 { return .closed }
            worker.pending.append(contentsOf: chunk[..<n])
        }
    }
}

/// The work folders of this process's runners, so none outlives the process.
///
/// A runner removes its folder when it is shut down or deinitialised; one still alive when the
/// process exits is removed by an exit handler; and a process killed before its exit handlers ran
/// leaves a folder named with its pid, which the next runner to start a worker sweeps away.
enum WorkFolders {
    static let prefix = "cloudtop-edge-"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []
    nonisolated(unsafe) private static var exitHandlerInstalled = false

    static func remember(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        live.insert(path)
        if !exitHandlerInstalled {
            exitHandlerInstalled = true
            atexit { WorkFolders.removeLive() }
        }
    }

    static func forget(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        live.remove(path)
    }

    /// Runs at exit: workers see their stdin close and end on their own.
    static func removeLive() {
        lock.lock()
        let paths = live
        live = []
        lock.unlock()
        for path in paths.sorted() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes `cloudtop-edge-PID-…` folders whose process no longer exists.
    static func sweepStale(in folder: URL) {
        PerProcessFolders.sweepStale(prefix: prefix, in: folder)
    }
}
