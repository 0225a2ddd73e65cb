import Foundation
import Testing

/// Without `--state`, records that spill to disk go to a temporary folder named for the process.
/// Nothing may outlive the process: not a failed start's folder, and not the folder of a dashboard
/// whose terminal went away, which the next start removes.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct StateFolderEndToEndTests {
    private static let prefix = "cloudtop-state-"

    private func withTemporary(_ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-state-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try body(root)
    }

    private func run(_ arguments: [String], temporary: URL) throws -> PipedProcess.Finished {
        try PipedProcess.run("/usr/bin/env", ["TMPDIR=\(temporary.path)", BuiltBinary.url!.path] + arguments)
    }

    private func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func failedStartsLeaveNoFolder() throws {
        try withTemporary { temporary in
            let config = temporary.appendingPathComponent("config")
            try FileManager.default.copyItem(atPath: BuiltBinary.configDirectory, toPath: config.path)
            let estate = config.appendingPathComponent("estate.yaml")
            try (String(contentsOf: estate, encoding: .utf8) + "\nstreams: [ {\n").write(to: estate, atomically: true, encoding: .utf8)
            let badEstate = try run(["run", "--config", config.path, "--until", "1s"], temporary: temporary)
            #expect(badEstate.status == 1)
            #expect(badEstate.stderr.contains("estate.yaml"), "\(badEstate.stderr)")
            // The dashboard with no terminal: its estate was built before the check.
            let noTerminal = try run(["--config", BuiltBinary.configDirectory], temporary: temporary)
            #expect(noTerminal.status == 1)
            #expect(noTerminal.stderr.contains("needs a terminal"), "\(noTerminal.stderr)")
            #expect(try contents(temporary) == ["config"])
        }
    }

    @Test func foldersOfProcessesThatAreGoneAreRemovedAtTheNextStart() throws {
        let done = Process()
        done.executableURL = URL(fileURLWithPath: "/bin/true")
        try done.run()
        done.waitUntilExit()
        try withTemporary { temporary in
            let gone = "\(Self.prefix)\(done.processIdentifier)-7"
            let running = "\(Self.prefix)\(getpid())-7"
            let notOurs = "\(Self.prefix)notes"
            for name in [gone, running, notOurs] {
                let folder = temporary.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: folder.appendingPathComponent("segments.sqlite").path, contents: Data())
            }
            let result = try run(["run", "--config", BuiltBinary.configDirectory, "--until", "1s"], temporary: temporary)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            // Its own folder went at exit; the dead process's went at start; the rest stayed.
            #expect(try contents(temporary) == [notOurs, running].sorted())
        }
    }
}
