@testable import Estate
import Testing

/// The seeded traffic, its real-time log records, and the determinism of the dump.
@Suite struct EdgeTrafficTests {
    static func trafficEstate(seed: UInt64 = 42) throws -> Estate {
        // The default estate with the traffic its comment shows switched on.
        var config = try EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        config.edge?.traffic = EdgeTraffic.Settings(distribution: "website", requestsPerSecond: 2)
        return try EstateBuilder.build(config, file: "estate.yaml", seed: seed, edgeCodeRunner: NoRuntimes())
    }

    @Test func theDefaultEstateWithTrafficOnHasLiveEdgeTraffic() throws {
        let estate = try Self.trafficEstate()
        // The traffic starts once the website stack's distribution is Deployed.
        StackFixtures.settle(estate, "website")
        let atDeploy = try #require(estate.edge.traffic?.sent)
        #expect(atDeploy <= 2)
        estate.advance(by: .seconds(60))
        let row = try #require(estate.edge.distributionRows.first)
        // 2 requests a second for 60 s.
        let sent = try #require(estate.edge.traffic?.sent)
        #expect(row.requests == sent)
        #expect(sent - atDeploy == 120)
        #expect(row.statusMix["2xx", default: 0] > 0)
        #expect(row.statusMix["3xx", default: 0] > 0)  // expired, forged or missing sessions
        #expect(row.statusMix["4xx", default: 0] > 0)  // scanners and missing pages
        #expect(row.cacheHitRatio > 0 && row.cacheHitRatio < 1)
        let gate = estate.edge.metrics(function: "account-gate", event: .viewerRequest)
        #expect(gate.invocations > 0)
    }

    @Test func ruleOnlyEdgeDumpsAreIdenticalForTheSameSeed() throws {
        let a = try Self.trafficEstate(), b = try Self.trafficEstate()
        for estate in [a, b] {
            Fixtures.run(estate, "edge request GET /docs", "sim advance 45s", "edge request GET /account/orders")
        }
        let dumpA = a.dump().serialized(), dumpB = b.dump().serialized()
        #expect(dumpA == dumpB)
        #expect(dumpA.contains("\"Edge\": {\"Distributions\""))
        let c = try Self.trafficEstate(seed: 43)
        Fixtures.run(c, "edge request GET /docs", "sim advance 45s", "edge request GET /account/orders")
        #expect(c.dump()["Edge"] != a.dump()["Edge"])
    }

    @Test func realTimeLogRecordsGoToAKinesisStream() throws {
        let yaml = """
        name: logs
        warmup: 0s
        streams:
          - name: edge-logs
            shards: 1
        edge:
          functions: [edge/edge-router.yaml]
          distributions:
            - name: site
              origins: [{ id: s3, static-site: { sections: [docs] } }]
              behaviors:
                - { path: "*", origin: s3, functions: { viewer-request: edge-router } }
          traffic: { distribution: site, rate: 10, log-stream: edge-logs }
        """
        let config = try EstateConfig.parse(yaml, file: "estate.yaml")
        let estate = try EstateBuilder.build(config, file: "estate.yaml", edgeCodeRunner: NoRuntimes())
        estate.advance(by: .seconds(5))
        let traffic = try #require(estate.edge.traffic)
        #expect(traffic.sent == 50)
        #expect(traffic.logRecordsPut == 50)
        let shards = try #require(estate.kinesis.stream(named: "edge-logs")?.shards)
        #expect(shards.reduce(0) { $0 + $1.records.count } == 50)
    }
}
