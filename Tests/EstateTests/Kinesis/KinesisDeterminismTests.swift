import Testing
@testable import Estate

/// The same seed, config and commands give the same dump, byte for byte (ARCHITECTURE.md).
struct KinesisDeterminismTests {
    func run(seed: UInt64) throws -> String {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: seed)
        let runner = CommandRunner(estate: estate)
        _ = runner.run("kinesis split-shard --stream-name orders --shard-to-split shardId-000000000000 --new-starting-hash-key 12345678901234567890")
        _ = runner.run("sim consumer kill-worker sessionizer worker-1")
        estate.advance(by: .seconds(40))
        return estate.dump().serialized()
    }

    @Test func sameSeedSameDump() throws {
        let a = try run(seed: 3), b = try run(seed: 3)
        #expect(a == b)
        #expect(a.contains("\"Kinesis\": {\"Streams\": [{\"StreamName\": \"clickstream\""))
        #expect(a.contains("\"ConsumerApplications\""))
        #expect(try run(seed: 4) != a)
    }
}
