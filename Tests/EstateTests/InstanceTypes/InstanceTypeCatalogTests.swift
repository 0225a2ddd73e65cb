import Testing
@testable import Estate

/// The catalog against its sources, and the lookup, suggestion and completion people see.
@Suite struct InstanceTypeCatalogTests {
    @Test(.enabled(if: AWSReferenceData.shared != nil, AWSReferenceData.skipNote))
    func motoSpecsMatchMotoExactly() throws {
        let data = try #require(AWSReferenceData.shared)
        #expect(data.moto.count == 1_263)
        for (name, expected) in data.moto {
            let spec = try #require(InstanceTypeCatalog.spec(named: name), "\(name) missing")
            let actual = [
                String(spec.vCPUs), String(spec.memoryMiB), spec.architectures.joined(separator: ","),
                spec.networkPerformance, spec.bareMetal ? "1" : "0", spec.currentGeneration ? "1" : "0",
            ].joined(separator: "|")
            #expect(actual == expected, "\(name)")
            #expect(!spec.isEstimated, "\(name)")
        }
    }

    @Test(.enabled(if: AWSReferenceData.shared != nil, AWSReferenceData.skipNote))
    func everyBotocoreNameIsInTheCatalog() throws {
        let data = try #require(AWSReferenceData.shared)
        #expect(data.botocoreNames.count == 1_212)
        for name in data.botocoreNames {
            let spec = try #require(InstanceTypeCatalog.spec(named: name), "\(name) missing")
            #expect(spec.isEstimated == (data.moto[name] == nil), "\(name)")
        }
    }

    @Test func catalogIsSortedAndFamiliesAreDistinct() {
        let names = InstanceTypeCatalog.all.map(\.name.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        #expect(InstanceTypeCatalog.families.count == Set(InstanceTypeCatalog.families).count)
        #expect(InstanceTypeCatalog.families.contains("c7i-flex"))
    }

    @Test func botocoreOnlyNamesAreEstimated() throws {
        let metal = try InstanceTypeCatalog.lookup("u-6tb1.metal").get()
        #expect(metal.isEstimated)
        #expect(metal.bareMetal)
        #expect(metal.vCPUs == 448)
        #expect(metal.memoryMiB == 6_291_456)
        #expect(try InstanceTypeCatalog.lookup("c4.large").get().isEstimated == false)
    }

    @Test(arguments: [
        ("c4.larg", "c4.large"), ("t3.mirco", "t3.micro"), ("c7g.4xl", "c7g.4xlarge"), ("C4.LARGE", "c4.large"),
        ("c4.large.x", "c4.large"), ("4c.large", "c4.large"), ("c4", "c4.large"), ("c4.metal", "c4.8xlarge"),
        ("m7g.nano", "m7g.medium"),
    ])
    func suggestions(input: String, suggestion: String) {
        #expect(InstanceTypeCatalog.lookup(input).failure?.suggestion == suggestion)
    }

    @Test func messageReadsLikeAWS() throws {
        let error = try #require(InstanceTypeCatalog.lookup("c4.larg").failure)
        #expect(error.message == "Invalid instance type 'c4.larg'. Did you mean 'c4.large'?")
        #expect(error.isMalformed)
        #expect(error.detail.contains("unknown size 'larg'"))
        #expect(InstanceTypeLookupError.code == "InvalidInstanceType")
    }

    @Test func wellFormedButUnknownNamesAreRejected() throws {
        let family = try #require(InstanceTypeCatalog.lookup("c99.large").failure)
        #expect(family.reason == .unknownFamily("c99"))
        #expect(family.detail == "no instance family 'c99'")
        let size = try #require(InstanceTypeCatalog.lookup("c4.metal").failure)
        #expect(!size.isMalformed)
        #expect(size.detail == "family 'c4' has no size 'metal'")
        #expect(InstanceTypeCatalog.lookup("").failure?.suggestion == nil)
    }

    @Test func completionsOfASeriesAndGenerationOfferFamilies() {
        #expect(InstanceTypeCatalog.completions(for: "c7") == ["c7a.", "c7g.", "c7gd.", "c7gn.", "c7i.", "c7i-flex."])
    }

    @Test func completionsOfAFamilyOfferSizesInNaturalOrder() {
        #expect(InstanceTypeCatalog.completions(for: "c7g.") == [
            "c7g.medium", "c7g.large", "c7g.xlarge", "c7g.2xlarge", "c7g.4xlarge", "c7g.8xlarge", "c7g.12xlarge",
            "c7g.16xlarge", "c7g.metal",
        ])
        #expect(InstanceTypeCatalog.completions(for: "c7g.1") == ["c7g.12xlarge", "c7g.16xlarge"])
        #expect(InstanceTypeCatalog.completions(for: "zz").isEmpty)
    }
}

extension Result {
    /// The error of a failed result, for tests that expect failure.
    var failure: Failure? { if case let .failure(error) = self { error } else { nil } }
}
