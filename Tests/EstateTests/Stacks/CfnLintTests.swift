import Foundation
import Testing
@testable import Estate

/// cfn-lint, AWS's own template linter, as a peer: it must accept every template in Config/, and
/// it and validate-template must both reject each broken template.
struct CfnLintTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let configStacks = repository.appendingPathComponent("Config/stacks")

    static var cfnLint: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return paths.map { $0 + "/cfn-lint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// cfn-lint's exit status: 0 when clean, a bit mask of error/warning/info otherwise.
    static func lint(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(cfnLint))
        process.arguments = ["--format", "parseable", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var configTemplates: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: configStacks.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func configHoldsTheExpectedTemplates() {
        #expect(Self.configTemplates == ["seed-pipeline.yaml", "streams.yaml", "web-fleet.yaml"])
    }

    @Test(arguments: configTemplates)
    func cfnLintAcceptsEveryConfigTemplate(_ name: String) throws {
        let path = Self.configStacks.appendingPathComponent(name).path
        let estate = StackFixtures.estate()
        let body = try String(contentsOfFile: path, encoding: .utf8)
        // Our own validation accepts it too.
        _ = try estate.execute(OperationRequest(service: "cloudformation", operation: "ValidateTemplate",
                                                parameters: ["TemplateBody": .string(body)])).get()
        guard Self.cfnLint != nil else {
            print("skipping cfn-lint check of \(name): cfn-lint is not installed")
            return
        }
        let (status, output) = try Self.lint(path)
        #expect(status == 0, "cfn-lint on \(name): \(output)")
    }

    static let broken: [(String, String)] = [
        ("unresolved-ref", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: !Ref Nope\n"),
        ("circular", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    DependsOn: B\n    Properties: {ShardCount: 1}\n  B:\n    Type: AWS::Kinesis::Stream\n    DependsOn: A\n    Properties: {ShardCount: 1}\n"),
        ("no-type", "Resources:\n  A:\n    Properties: {ShardCount: 1}\n"),
        ("unknown-section", "Foo: 1\nResources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\n"),
        ("getatt-undefined", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: !GetAtt Nope.Arn\n"),
        ("bad-yaml", "Resources:\n  A: [unclosed\n"),
        ("no-resources", "Description: nothing\n"),
        ("parameter-type", "Parameters:\n  P:\n    Type: Strang\nResources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\n"),
        ("bad-json", "{\"Resources\": {\"A\": {\"Type\": \"AWS::Kinesis::Stream\", \"Properties\": {\"ShardCount\": 1}}}"),
        ("non-alphanumeric", "Resources:\n  my-stream:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\n"),
        ("unknown-tag", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: !Bogus x\n"),
        ("depends-on-ghost", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    DependsOn: Ghost\n"),
    ]

    @Test(arguments: broken.map(\.0))
    func brokenTemplatesAreRejectedByBoth(_ name: String) throws {
        let body = try #require(Self.broken.first { $0.0 == name }?.1)
        let estate = StackFixtures.estate()
        let ours = estate.execute(OperationRequest(service: "cloudformation", operation: "ValidateTemplate",
                                                   parameters: ["TemplateBody": .string(body)]))
        guard case let .failure(error) = ours else {
            Issue.record("validate-template accepted the broken template \(name)")
            return
        }
        #expect(error.code == "ValidationError")
        guard Self.cfnLint != nil else {
            print("skipping cfn-lint side of \(name): cfn-lint is not installed")
            return
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-broken-\(name).\(body.hasPrefix("{") ? "json" : "yaml")")
        try body.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let (status, output) = try Self.lint(path.path)
        #expect(status & 2 != 0, "cfn-lint found no error in \(name): \(output)")
    }
}
