@testable import Estate
import Testing

/// ARCHITECTURE.md's invariant: the same seed, config and commands give the same dump, byte for byte.
@Suite struct DeterminismTests {
    static let script = [
        "ec2 run-instances --instance-type c4.large --count 3 --tag-specifications Name=web",
        "ec2 run-instances --instance-type m7g.xlarge --placement AvailabilityZone=us-east-1b --workload bursty",
        "sim advance 2m",
        "ec2 stop-instances --instance-ids $0",
        "sim advance 90s",
        "ec2 terminate-instances --instance-ids $1",
        "sim advance 30m",
    ]

    static func dump(seed: UInt64) -> String {
        let estate = try! EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: seed)
        let runner = CommandRunner(estate: estate)
        var launched: [String] = []
        for line in script {
            var resolved = line
            for (i, id) in launched.enumerated() { resolved = resolved.replacingOccurrences(of: "$\(i)", with: id) }
            let out = runner.run(resolved)!.json
            launched += out["Instances"]?.arrayValue?.compactMap { $0["InstanceId"]?.stringValue } ?? []
        }
        return estate.dump().serialized()
    }

    @Test func sameSeedSameDumpByteForByte() {
        let a = Self.dump(seed: 11), b = Self.dump(seed: 11)
        #expect(a.utf8.count > 1000)
        #expect(a == b)
    }

    @Test func differentSeedDifferentIDs() {
        let a = try! JSONParser.parse(Self.dump(seed: 11)), b = try! JSONParser.parse(Self.dump(seed: 12))
        let ids = { (v: JSONValue) in v["EC2"]!["Instances"]!.arrayValue!.map { $0["InstanceId"]!.stringValue! } }
        #expect(Set(ids(a)).isDisjoint(with: Set(ids(b))))
        #expect(ids(a).count == ids(b).count)
    }
}

import Foundation
