import Testing
@testable import Estate

/// Names explained term by term, including letters whose meaning depends on their position.
@Suite struct InstanceTypeExplanationTests {
    private func meanings(_ name: String) throws -> [String: String] {
        let explanation = InstanceTypeExplanation(try InstanceTypeName.parse(name))
        return Dictionary(explanation.terms.map { ($0.term, $0.meaning) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func x2iednExplainsEachCapability() throws {
        let terms = try meanings("x2iedn.32xlarge")
        #expect(terms["x"] == "extra-high memory")
        #expect(terms["i"] == "Intel processor")
        #expect(terms["e"] == "extra memory or storage")
        #expect(terms["d"] == "local NVMe instance store")
        #expect(terms["n"] == "network optimised")
        #expect(terms["32xlarge"]?.contains("128 vCPUs") == true)
    }

    @Test func g5gIsAGPUSeriesOnGraviton() throws {
        let explanation = InstanceTypeExplanation(try InstanceTypeName.parse("g5g.xlarge"))
        #expect(explanation.terms.map(\.term) == ["g", "5", "g", "xlarge"])
        #expect(explanation.terms[0].meaning.contains("GPU"))
        #expect(explanation.terms[2].meaning == "AWS Graviton processor (Arm)")
        #expect(explanation.summary.hasPrefix("GPU accelerated"))
    }

    @Test func i4iMetalIsStorageOnIntelBareMetal() throws {
        let explanation = InstanceTypeExplanation(try InstanceTypeName.parse("i4i.metal"))
        #expect(explanation.terms[0].meaning.contains("storage optimised"))
        #expect(explanation.terms[2].meaning == "Intel processor")
        #expect(explanation.terms[3].meaning.contains("bare metal"))
    }

    @Test(arguments: [
        ("c4.large", "c", "compute optimised"), ("a1.large", "a", "Graviton (first generation"),
        ("m7i-flex.large", "flex", "flex"), ("p6-b200.48xlarge", "b200", "NVIDIA B200"),
        ("mac2-m2pro.metal", "m2pro", "Apple M2 Pro"), ("u7in-32tb.224xlarge", "32tb", "32 TiB memory"),
        ("c4.large", "large", "2 vCPUs"), ("is4gen.large", "e", "extra storage"), ("dl2q.24xlarge", "q", "Qualcomm"),
        ("gr6f.4xlarge", "f", "fractional GPU"), ("r5b.large", "b", "EBS optimised"), ("z1d.large", "z", "high frequency"),
        ("m5a.large", "a", "AMD"),
    ])
    func termMeanings(name: String, term: String, phrase: String) throws {
        let meaning = try #require(try meanings(name)[term])
        #expect(meaning.contains(phrase), "\(name) \(term): \(meaning)")
    }
}
