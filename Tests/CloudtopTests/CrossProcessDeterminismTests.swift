import Foundation
import Testing

/// ARCHITECTURE.md's invariant across processes: the same seed, config and commands give the same dump
/// byte for byte, whatever the process's hash seed. Swift seeds `Dictionary` and `Set` hashing
/// per process, so a dictionary's order leaking into output shows up as two processes (one with
/// SWIFT_DETERMINISTIC_HASHING unset, one with it set) disagreeing.
///
/// This suite never skips: without a built `cloudtop` it builds one.
@Suite(.serialized) struct CrossProcessDeterminismTests {
    static let script = """
        ec2 run-instances --instance-type c4.large --count 3 --tag-specifications Name=web
        ec2 run-instances --instance-type m7g.xlarge --monitoring Enabled=true --placement AvailabilityZone=us-east-1b
        kinesis create-stream --stream-name extra --shard-count 3
        kinesis create-stream --stream-name od --stream-mode-details StreamMode=ON_DEMAND
        s3 mb s3://cross-zeta
        s3 mb s3://cross-alpha
        s3api create-multipart-upload --bucket cross-zeta --key b
        s3api create-multipart-upload --bucket cross-alpha --key z
        s3api create-multipart-upload --bucket cross-alpha --key a --checksum-algorithm CRC32
        s3api create-multipart-upload --bucket cross-zeta --key a
        sim advance 40s
        kinesis update-shard-count --stream-name extra --target-shard-count 5 --scaling-type UNIFORM_SCALING
        sim producer start burst --stream extra --rate=300 --keys 50 --hot-key-share 0.3
        sim producer start flood --stream od --rate 1500 --keys 5000
        sim consumer start reader --stream extra --workers 3
        sim advance 60s
        sim consumer kill-worker reader worker-2
        sim advance 30s
        sim consumer stop reader
        sim consumer start reader --stream extra --workers 2
        ec2 terminate-instances --instance-ids $0
        sim advance 1m
        """

    /// The executable, built now if the test run did not build it.
    static func cloudtop() throws -> URL {
        if let built = BuiltBinary.url { return built }
        let build = try ChildProcess.run("/usr/bin/env", ["swift", "build", "--package-path", BuiltBinary.packageRoot.path, "--product", "cloudtop"],
                                         environment: ProcessInfo.processInfo.environment)
        let url = BuiltBinary.packageRoot.appendingPathComponent(".build/debug/cloudtop")
        try #require(build.status == 0 && FileManager.default.isExecutableFile(atPath: url.path),
                     "could not build cloudtop (status \(build.status)): \(build.output.suffix(2000))")
        return url
    }

    /// Runs the script in a child process and returns its dump file's bytes.
    static func dump(binary: URL, deterministicHashing: Bool, folder: URL, name: String) throws -> Data {
        // `$0` is the first instance the script launched; its id comes from the seed, so it is
        // the same in every process and can be written into the script once it is known.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = deterministicHashing ? "1" : nil
        let scriptURL = folder.appendingPathComponent("\(name).cloudtop")
        let dumpURL = folder.appendingPathComponent("\(name).json")
        let firstID = try firstInstanceID(binary: binary, environment: environment, folder: folder)
        try script.replacingOccurrences(of: "$0", with: firstID).write(to: scriptURL, atomically: true, encoding: .utf8)
        let result = try ChildProcess.run(binary.path, ["run", scriptURL.path, "--config", BuiltBinary.configDirectory,
                                                        "--seed", "21", "--dump", dumpURL.path], environment: environment)
        try #require(result.status == 0, "cloudtop run failed: \(result.output.suffix(2000))")
        return try Data(contentsOf: dumpURL)
    }

    static func firstInstanceID(binary: URL, environment: [String: String], folder: URL) throws -> String {
        let result = try ChildProcess.run(binary.path, ["run", "--config", BuiltBinary.configDirectory, "--seed", "21",
                                                        "-e", script.split(separator: "\n")[0].trimmingCharacters(in: .whitespaces)],
                                          environment: environment)
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("InstanceId") })
        // The key too, or the pattern would match inside the AMI id (`ami-0c55…`).
        let range = try #require(line.range(of: #""InstanceId": "i-[0-9a-f]{17}""#, options: .regularExpression))
        return String(line[range].dropFirst(#""InstanceId": ""#.count).dropLast())
    }

    @Test func sameDumpWithAndWithoutDeterministicHashing() throws {
        let binary = try Self.cloudtop()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-determinism-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try Self.dump(binary: binary, deterministicHashing: true, folder: folder, name: "fixed")
        #expect(reference.count > 10_000)
        let text = String(decoding: reference, as: UTF8.self)
        for fragment in ["\"ConsumerApplications\"", "\"ON_DEMAND\"", "\"AdjacentParentShardId\"", "\"terminated\"", "\"UploadId\""] {
            #expect(text.contains(fragment), "the script should reach \(fragment)")
        }
        // Each unset run draws a fresh hash seed; three make an order leak very unlikely to hide.
        for run in 0..<3 {
            let other = try Self.dump(binary: binary, deterministicHashing: false, folder: folder, name: "random-\(run)")
            #expect(other == reference, "run \(run) with per-process hashing differs from SWIFT_DETERMINISTIC_HASHING=1")
        }
    }
}
