@testable import Estate
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func theBuiltInDefaultIsTheShippedFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/estate.yaml")
        #expect(try String(contentsOf: url, encoding: .utf8) == DefaultConfig.estateYAML)
    }

    @Test func theDefaultEstateIsUpAfterWarmup() throws {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml")
        #expect(estate.ec2.instances.count >= 10)
        #expect(estate.ec2.summary.running == estate.ec2.instances.count)
        #expect(estate.ec2.instances.contains { $0.name == "web-1" })
    }

    @Test(arguments: [
        ("name: x\ninstances:\n  - type: c4.larg\n", 3, "Did you mean 'c4.large'"),
        ("instances:\n  - name: a\n    typ: c4.large\n", 3, "unknown key 'typ' in an instance (did you mean 'type'?)"),
        ("instances:\n  - name: a\n", 2, "needs a type"),
        ("instances:\n  - type: c4.large\n    count: lots\n", 3, "count must be a whole number"),
        ("instances:\n  - type: c4.large\n    zone: us-east-1q\n", 3, "unknown zone 'us-east-1q'"),
        ("instances: web\n", 1, "instances must be a list"),
        ("warmup: soon\n", 1, "warmup must be a duration"),
        ("colour: blue\n", 1, "unknown key 'colour'"),
        ("instances:\n  - type: [c4.large\n", 3, "YAML syntax"),
    ] as [(String, Int, String)])
    func mistakesAreReportedWithFileAndLine(yaml: String, line: Int, fragment: String) {
        do {
            _ = try EstateConfig.parse(yaml, file: "estate.yaml")
            Issue.record("expected a config error")
        } catch {
            #expect(error.file == "estate.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("estate.yaml:\(line): "))
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }
}
