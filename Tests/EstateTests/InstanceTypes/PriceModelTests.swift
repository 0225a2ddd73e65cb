import Testing
@testable import Estate

/// The simulated prices stay near the real list prices they were calibrated on.
@Suite struct PriceModelTests {
    @Test(arguments: [
        ("m5.large", 0.096), ("t3.micro", 0.0104), ("r6g.large", 0.1008), ("c7g.large", 0.0725),
        ("p4d.24xlarge", 32.77),
    ])
    func calibratedNearListPrice(name: String, listPriceUSD: Double) throws {
        let price = try #require(InstanceTypeCatalog.spec(named: name)).hourlyPriceUSD
        #expect(abs(price - listPriceUSD) / listPriceUSD < 0.3, "\(name): \(price)")
    }

    @Test func c4LargeRoundsToTenCents() throws {
        let price = try #require(InstanceTypeCatalog.spec(named: "c4.large")).hourlyPriceUSD
        #expect((price * 100).rounded() / 100 == 0.10)
    }

    @Test func everyPriceIsPositiveAndHasFourDecimals() {
        for spec in InstanceTypeCatalog.all {
            #expect(spec.hourlyPriceUSD > 0, "\(spec.name.name)")
            #expect((spec.hourlyPriceUSD * 10_000).rounded() / 10_000 == spec.hourlyPriceUSD)
        }
    }

    @Test func gravitonIsCheaperThanIntelOfTheSameShape() throws {
        let graviton = try #require(InstanceTypeCatalog.spec(named: "m6g.large")).hourlyPriceUSD
        let intel = try #require(InstanceTypeCatalog.spec(named: "m6i.large")).hourlyPriceUSD
        let amd = try #require(InstanceTypeCatalog.spec(named: "m6a.large")).hourlyPriceUSD
        #expect(graviton < amd && amd < intel)
    }
}
