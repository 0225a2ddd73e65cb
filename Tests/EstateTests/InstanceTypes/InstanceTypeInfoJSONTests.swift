import Testing
@testable import Estate

/// The `describe-instance-types` item shape with the simulator's additions.
@Suite struct InstanceTypeInfoJSONTests {
    @Test func c7gnMetalHasTheAWSFieldsAndTheParse() throws {
        let info = try #require(InstanceTypeCatalog.spec(named: "c7gn.metal")).instanceTypeInfo
        // botocore's InstanceTypeInfo order; a bare-metal host has no hypervisor, so AWS names none.
        #expect(info.objectValue?.map(\.0) == [
            "InstanceType", "CurrentGeneration", "FreeTierEligible", "SupportedUsageClasses", "SupportedRootDeviceTypes",
            "SupportedVirtualizationTypes", "BareMetal", "ProcessorInfo", "VCpuInfo", "MemoryInfo", "InstanceStorageSupported",
            "NetworkInfo", "HibernationSupported", "BurstablePerformanceSupported",
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

    /// AWS's published facts: C4 runs on Xen with 2.9 GHz Intel Xeon E5-2666 v3 processors; T3 is a
    /// burstable Nitro type at 2.5 GHz sustained, and t3.micro is free-tier eligible; M7g runs on
    /// 2.6 GHz AWS Graviton3; all three are EBS-only HVM types sold on demand and as spot.
    @Test(arguments: [
        ("c4.large", "xen", "Intel", 2.9, false, false),
        ("t3.micro", "nitro", "Intel", 2.5, true, true),
        ("m7g.large", "nitro", "AWS", 2.6, false, false),
    ])
    func hypervisorProcessorAndPurchaseFactsAreAWSs(type: String, hypervisor: String, manufacturer: String, ghz: Double,
                                                   burstable: Bool, freeTier: Bool) throws {
        let info = try #require(InstanceTypeCatalog.spec(named: type)).instanceTypeInfo
        #expect(info["Hypervisor"] == .string(hypervisor))
        #expect(info["ProcessorInfo"]?["Manufacturer"] == .string(manufacturer))
        #expect(info["ProcessorInfo"]?["SustainedClockSpeedInGhz"] == .double(ghz))
        #expect(info["BurstablePerformanceSupported"] == .bool(burstable) && info["FreeTierEligible"] == .bool(freeTier))
        #expect(info["SupportedUsageClasses"] == ["on-demand", "spot"] && info["SupportedRootDeviceTypes"] == ["ebs"])
        #expect(info["SupportedVirtualizationTypes"] == ["hvm"] && info["InstanceStorageSupported"] == false)
    }

    @Test func anEstimatedTypeClaimsNoFactsItsNameCannotGive() throws {
        let spec = try #require(InstanceTypeCatalog.all.first { $0.isEstimated })
        let keys = spec.instanceTypeInfo.objectValue?.map(\.0) ?? []
        for key in ["Hypervisor", "FreeTierEligible", "SupportedUsageClasses", "InstanceStorageSupported", "HibernationSupported"] {
            #expect(!keys.contains(key), "\(spec.name.name): \(key)")
        }
        #expect(spec.instanceTypeInfo["ProcessorInfo"]?["Manufacturer"] == nil)
    }

    @Test func macChipHasNullGeneration() throws {
        let info = try #require(InstanceTypeCatalog.spec(named: "mac-m4pro.metal")).instanceTypeInfo
        #expect(info["Parsed"]?["Generation"] == .null)
        #expect(info["Parsed"]?["Variant"] == "m4pro")
        #expect(info["ProcessorInfo"]?["SupportedArchitectures"] == ["arm64_mac"])
    }
}
