import Testing
@testable import Estate

/// The `describe-instance-types` item shape with the simulator's additions.
@Suite struct InstanceTypeInfoJSONTests {
    @Test func c7gnMetalHasTheAWSFieldsAndTheParse() throws {
        let info = try #require(InstanceTypeCatalog.spec(named: "c7gn.metal")).instanceTypeInfo
        #expect(info.objectValue?.map(\.0) == [
            "InstanceType", "CurrentGeneration", "BareMetal", "ProcessorInfo", "VCpuInfo", "MemoryInfo", "NetworkInfo",
            "Parsed", "Estimated", "SimulatedHourlyPriceUSD",
        ])
        #expect(info["BareMetal"] == true)
        #expect(info["ProcessorInfo"]?["SupportedArchitectures"] == ["arm64"])
        #expect(info["VCpuInfo"]?["DefaultVCpus"] == 64)
        #expect(info["MemoryInfo"]?["SizeInMiB"] == 131_072)
        #expect(info["Parsed"] == [
            "Family": "c7gn", "Series": "c", "Generation": 7, "Capabilities": ["g", "n"], "Variant": nil,
            "Size": "metal",
        ])
        #expect(info["Estimated"] == false)
    }

    @Test func macChipHasNullGeneration() throws {
        let info = try #require(InstanceTypeCatalog.spec(named: "mac-m4pro.metal")).instanceTypeInfo
        #expect(info["Parsed"]?["Generation"] == .null)
        #expect(info["Parsed"]?["Variant"] == "m4pro")
        #expect(info["ProcessorInfo"]?["SupportedArchitectures"] == ["arm64_mac"])
    }
}
