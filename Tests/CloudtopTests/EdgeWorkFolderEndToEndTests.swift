import Foundation
import Testing

/// A `cloudtop run` whose distribution runs a Node.js handler leaves no worker folder behind.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct EdgeWorkFolderEndToEndTests {
    static let estate = """
    name: edge-folder
    warmup: 0s
    edge:
      functions: [edge/tag.yaml]
      distributions:
        - name: site
          origins: [{ id: s3, static-site: { sections: [docs], pages-per-section: 2 } }]
          behaviors:
            - path: "*"
              origin: s3
              functions: { viewer-response: tag }
    """

    @Test func aRunThatStartedAWorkerLeavesNoFolder() throws {
        guard (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/node") }) else {
            print("skipping: node is not installed on this machine")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-folder-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config"), temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("edge"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try Self.estate.write(to: config.appendingPathComponent("estate.yaml"), atomically: true, encoding: .utf8)
        try "name: tag\nruntime: nodejs20.x\nhandler: tag.handler\ncode: tag.js\n"
            .write(to: config.appendingPathComponent("edge/tag.yaml"), atomically: true, encoding: .utf8)
        try "exports.handler = async (e) => { const r = e.Records[0].cf.response; r.headers['x-tag'] = [{ key: 'X-Tag', value: 'node' }]; return r; };\n"
            .write(to: config.appendingPathComponent("edge/tag.js"), atomically: true, encoding: .utf8)

        let result = try PipedProcess.run("/usr/bin/env", ["TMPDIR=\(temporary.path)", BuiltBinary.url!.path, "run", "--config", config.path,
                                                           "-e", "edge request GET /docs/index.html"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let reply = try JSONSerialization.jsonObject(with: Data((result.stdoutLines.first ?? "{}").utf8)) as? [String: Any]
        let headers = (reply?["Response"] as? [String: Any])?["headers"] as? [String: Any]
        #expect((headers?["x-tag"] as? [[String: Any]])?.first?["value"] as? String == "node", "the handler ran")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("cloudtop-edge-") }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
