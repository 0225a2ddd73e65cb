@testable import Estate
import Foundation
import Testing

/// Handler workers' folders of bootstraps and code do not outlive their runner or their process.
@Suite(.serialized) struct WorkFolderTests {
    static func nodeInvocation() -> CodeInvocation {
        CodeInvocation(workerKey: "echo:1", runtime: .nodejs20, handler: "echo.handler", fileName: "echo.js",
                       source: "exports.handler = async (event) => event.Records[0].cf.request;",
                       eventJSON: #"{"Records":[{"cf":{"request":{"uri":"/"}}}]}"#, timeoutMilliseconds: 3_000)
    }

    @Test func aRunnerLetGoWithoutShutdownRemovesItsFolder() {
        guard HandlerCodeTests.available(.nodejs20) else { return }
        var runner: ProcessCodeRunner? = ProcessCodeRunner()
        guard case .result = runner!.invoke(Self.nodeInvocation()), let folder = runner!.workFolder else {
            Issue.record("the node worker did not answer")
            return
        }
        #expect(FileManager.default.fileExists(atPath: folder.path))
        runner = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path), "\(folder.path) outlived its runner")
    }

    @Test func shutdownRemovesTheFolder() {
        guard HandlerCodeTests.available(.nodejs20) else { return }
        let runner = ProcessCodeRunner()
        _ = runner.invoke(Self.nodeInvocation())
        let folder = runner.workFolder
        #expect(folder != nil)
        runner.shutdown()
        #expect(folder.map { !FileManager.default.fileExists(atPath: $0.path) } == true)
    }

    /// A process killed before its exit handlers ran leaves its folder; it is swept away later,
    /// while folders of processes still running are left alone.
    @Test func foldersOfProcessesThatAreGoneAreSwept() throws {
        let done = Process()
        done.executableURL = URL(fileURLWithPath: "/bin/true")
        try done.run()
        done.waitUntilExit()
        let temporary = FileManager.default.temporaryDirectory
        let stale = temporary.appendingPathComponent("\(WorkFolders.prefix)\(done.processIdentifier)-1")
        let alive = temporary.appendingPathComponent("\(WorkFolders.prefix)\(getppid())-1")
        for folder in [stale, alive] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder.appendingPathComponent("bootstrap.js").path, contents: Data())
        }
        defer { try? FileManager.default.removeItem(at: alive) }
        WorkFolders.sweepStale(in: temporary)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
    }
}
