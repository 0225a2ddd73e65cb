import Testing
@testable import Estate

/// `streams:`, `producers:` and `consumers:` in estate.yaml.
struct StreamsConfigTests {
    @Test func defaultEstateHasLiveStreams() throws {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml")
        let names = estate.kinesis.streams.map(\.name)
        #expect(names == ["clickstream", "edge-logs", "orders"])
        #expect(estate.kinesis.streams.allSatisfy { $0.status == .active })
        #expect(estate.kinesis.stream(named: "clickstream")?.openShardCount == 4)
        #expect(estate.kinesis.stream(named: "orders")?.retentionHours == 48)
        #expect(estate.kinesis.producers.map(\.settings.name) == ["web-clicks", "checkout"])
        #expect(estate.kinesis.producers.allSatisfy { $0.sent > 0 })
        #expect(estate.kinesis.consumerApplications.map(\.name) == ["sessionizer", "fulfilment"])
        #expect(estate.kinesis.consumerApplications.allSatisfy { $0.recordsProcessed > 0 })
    }

    func error(_ yaml: String) -> String? {
        do { _ = try EstateConfig.parse(yaml, file: "e.yaml"); return nil } catch { return error.description }
    }

    @Test func mistakesNameTheLine() {
        #expect(error("streams:\n  - name: a\n    shards: 0\n") == "e.yaml:3: shards must be between 1 and 500, not 0")
        #expect(error("streams:\n  - name: a\n") == "e.yaml:2: stream a needs shards: N (or mode: on-demand)")
        #expect(error("streams:\n  - name: a\n    shards: 1\nproducers:\n  - stream: b\n")?.hasPrefix("e.yaml:5: unknown stream 'b'") == true)
        #expect(error("streams:\n  - name: a\n    shards: 1\nconsumers:\n  - name: x\n    stream: a\n    workers: 0\n") == "e.yaml:7: workers must be between 1 and 100, not 0")
        #expect(error("streams:\n  - name: a\n    shard: 1\n")?.hasPrefix("e.yaml:3: unknown key 'shard'") == true)
        #expect(error("streams:\n  - name: a\n    mode: on-demand\n") == nil)
    }
}
