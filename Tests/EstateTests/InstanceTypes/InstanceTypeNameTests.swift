import Testing
@testable import Estate

/// The grammar of REFERENCE §1.1 against every name we know and the names we must refuse.
@Suite struct InstanceTypeNameTests {
    @Test func everyCatalogNameParsesAndRoundTrips() throws {
        #expect(InstanceTypeCatalog.all.count == 1_297)
        for spec in InstanceTypeCatalog.all {
            let parsed = try InstanceTypeName.parse(spec.name.name)
            #expect(parsed.name == spec.name.name)
            #expect(parsed.family + "." + parsed.size == spec.name.name)
        }
    }

    @Test(.enabled(if: AWSReferenceData.shared != nil, AWSReferenceData.skipNote))
    func everyMotoAndBotocoreNameParses() throws {
        let data = try #require(AWSReferenceData.shared)
        for name in Array(data.moto.keys) + data.botocoreNames {
            #expect(throws: Never.self, "\(name)") { try InstanceTypeName.parse(name) }
        }
    }

    /// REFERENCE §1.2's table: the parse, and the catalog's vCPUs and MiB where it gives them.
    @Test(arguments: [
        ("u-6tb1.metal", "u", 1, "", "6tb", nil, nil),
        ("u-6tb1.112xlarge", "u", 1, "", "6tb", 448, 6_291_456),
        ("u7in-32tb.224xlarge", "u", 7, "in", "32tb", 896, 33_554_432),
        ("mac2-m2pro.metal", "mac", 2, "", "m2pro", 12, 32_768),
        ("x2iedn.32xlarge", "x", 2, "iedn", nil, 128, 4_194_304),
        ("c7gn.metal", "c", 7, "gn", nil, 64, 131_072),
        ("r6id.large", "r", 6, "id", nil, 2, 16_384),
        ("inf2.xlarge", "inf", 2, "", nil, 4, 16_384),
        ("p4de.24xlarge", "p", 4, "de", nil, 96, 1_179_648),
        ("trn1n.32xlarge", "trn", 1, "n", nil, 128, 524_288),
        ("hpc7g.16xlarge", "hpc", 7, "g", nil, 64, 131_072),
        ("g5g.xlarge", "g", 5, "g", nil, 4, 8_192),
        ("m7i-flex.large", "m", 7, "i", "flex", 2, 8_192),
        ("i4i.metal", "i", 4, "i", nil, 128, 1_048_576),
        ("p6-b200.48xlarge", "p", 6, "", "b200", 192, 2_097_152),
    ] as [(String, String, Int, String, String?, Int?, Int?)])
    func referenceTable(
        name: String, series: String, generation: Int, capabilities: String, variant: String?, vCPUs: Int?,
        memoryMiB: Int?
    ) throws {
        let parsed = try InstanceTypeName.parse(name)
        #expect(parsed.series == series)
        #expect(parsed.generation == generation)
        #expect(parsed.capabilities == Array(capabilities))
        #expect(parsed.variant == variant)
        let spec = try #require(InstanceTypeCatalog.spec(named: name))
        if let vCPUs { #expect(spec.vCPUs == vCPUs) }
        if let memoryMiB { #expect(spec.memoryMiB == memoryMiB) }
    }

    @Test(arguments: [
        ("is4gen.large", "is", 4, "gen", nil), ("im4gn.large", "im", 4, "gn", nil), ("dl2q.24xlarge", "dl", 2, "q", nil),
        ("gr6f.4xlarge", "gr", 6, "f", nil), ("vt1.3xlarge", "vt", 1, "", nil), ("mac1.metal", "mac", 1, "", nil),
        ("p6e-gb200.36xlarge", "p", 6, "e", "gb200"), ("u7inh-32tb.480xlarge", "u", 7, "inh", "32tb"),
        ("c8i-flex.2xlarge", "c", 8, "i", "flex"), ("g3s.xlarge", "g", 3, "s", nil),
    ] as [(String, String, Int?, String, String?)])
    func trickyFamilies(name: String, series: String, generation: Int?, capabilities: String, variant: String?) throws {
        let parsed = try InstanceTypeName.parse(name)
        #expect(parsed.series == series)
        #expect(parsed.generation == generation)
        #expect(parsed.capabilities == Array(capabilities))
        #expect(parsed.variant == variant)
    }

    @Test func macChipFamiliesHaveNoGeneration() throws {
        let parsed = try InstanceTypeName.parse("mac-m4pro.metal")
        #expect(parsed.series == "mac")
        #expect(parsed.generation == nil)
        #expect(parsed.variant == "m4pro")
    }

    @Test(arguments: [
        ("", InstanceTypeNameError.empty, "empty"),
        ("c4", .missingSize(family: "c4"), "no size"),
        ("c4.", .emptySize(family: "c4"), "nothing after 'c4.'"),
        (".large", .missingFamily(size: "large"), "no family"),
        ("c4.larg", .unknownSize("larg"), "unknown size 'larg'"),
        ("C4.LARGE", .notLowercase("C4.LARGE"), "lowercase"),
        ("c4.large.x", .tooManyDots("c4.large.x"), "more than one dot"),
        ("4c.large", .noSeries(family: "4c"), "must start with series letters"),
        ("c.large", .noGeneration(family: "c"), "no generation digit"),
        ("c4x.large", .unknownCapability("x", family: "c4x"), "unknown capability letter 'x'"),
        ("m7i-.large", .emptyVariant(family: "m7i-"), "no variant"),
        ("c4_.large", .invalidCharacter("_", in: "c4_"), "unexpected character '_'"),
    ] as [(String, InstanceTypeNameError, String)])
    func malformedNamesAreRejected(text: String, error: InstanceTypeNameError, phrase: String) {
        #expect(throws: error) { try InstanceTypeName.parse(text) }
        #expect(error.message.contains(phrase))
    }

    @Test func sizesSortNaturally() {
        let shuffled = ["metal", "12xlarge", "large", "2xlarge", "nano", "xlarge", "metal-24xl", "micro", "medium", "small"]
        #expect(shuffled.sorted(by: InstanceTypeSize.precedes)
            == ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "12xlarge", "metal-24xl", "metal"])
    }
}
