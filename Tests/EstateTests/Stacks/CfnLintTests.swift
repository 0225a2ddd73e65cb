import Foundation
import Testing
@testable import Estate

/// cfn-lint, AWS's own template linter, as a peer: it must accept every template in Config/, and
/// it and validate-template must both reject each broken template.
@Suite(.serialized) struct CfnLintTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let configStacks = repository.appendingPathComponent("Config/stacks")

    static var cfnLint: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return paths.map { $0 + "/cfn-lint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// One cfn-lint run over every template the suite checks (it is slow to start, and the
    /// machine is shared): each file's findings in cfn-lint's parseable form, keyed by file name.
    static let report: [String: [String]] = {
        guard let cfnLint else { return [:] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-cfn-lint-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths = configTemplates.map { configStacks.appendingPathComponent($0).path }
        for (name, body) in broken {
            let path = folder.appendingPathComponent(brokenFileName(name, body)).path
            try? body.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cfnLint)
        process.arguments = ["--format", "parseable"] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return [:] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var findings: [String: [String]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let file = URL(fileURLWithPath: String(line.prefix { $0 != ":" })).lastPathComponent
            findings[file, default: []].append(String(line))
        }
        return findings
    }()

    static func brokenFileName(_ name: String, _ body: String) -> String {
        "broken-\(name).\(body.hasPrefix("{") ? "json" : "yaml")"
    }

    /// Findings of cfn-lint's error class (`E…` rules), as opposed to warnings and notes.
    static func errors(_ file: String) -> [String] {
        (report[file] ?? []).filter { $0.split(separator: ":").dropFirst(5).first?.hasPrefix("E") == true }
    }

    static var configTemplates: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: configStacks.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func configHoldsTheExpectedTemplates() {
        #expect(Self.configTemplates == ["edge.yaml", "fleet.yaml", "seed-pipeline.yaml", "streams.yaml", "warehouse.yaml", "web-fleet.yaml", "website.yaml"])
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
        #expect(Self.report[name] == nil, "cfn-lint on \(name): \(Self.report[name] ?? [])")
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
        ("getatt-unknown-attribute", "Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\nOutputs:\n  X:\n    Value: !GetAtt A.Nope\n"),
        ("bucket-attribute-case", "Resources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  U:\n    Value: !GetAtt B.WebsiteUrl\n"),
        ("version-without-function", "Resources:\n  V:\n    Type: AWS::Lambda::Version\n    Properties:\n      FunctionName: !Ref Missing\n"),
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
        #expect(!Self.errors(Self.brokenFileName(name, body)).isEmpty, "cfn-lint found no error in \(name)")
    }
}
