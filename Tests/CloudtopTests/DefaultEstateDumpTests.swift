import Foundation
import Testing

/// `cloudtop run --until 5m --dump -` on the default estate: every stack CREATE_COMPLETE,
/// instances running, streams ACTIVE with records, warehouse tables growing, edge traffic; and the
/// same bytes on a second run.
@Suite(.serialized) struct DefaultEstateDumpTests {
    static func dump(until: String) throws -> (text: String, json: [String: Any]) {
        let binary = try CrossProcessDeterminismTests.cloudtop()
        let result = try ChildProcess.run(binary.path, ["run", "--config", BuiltBinary.configDirectory, "--until", until, "--dump", "-"],
                                          environment: ProcessInfo.processInfo.environment)
        try #require(result.status == 0, "cloudtop run failed: \(result.output.suffix(2000))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return (result.output, json)
    }

    static func rows(_ json: [String: Any], _ table: String) -> Int {
        let tables = (json["Warehouse"] as? [String: Any])?["Tables"] as? [[String: Any]] ?? []
        return tables.first { $0["TableName"] as? String == table }?["Rows"] as? Int ?? -1
    }

    @Test func afterFiveMinutesTheDefaultEstateHasFormedAndIsBusy() throws {
        let (text, json) = try Self.dump(until: "5m")
        let stacks = try #require((json["Stacks"] as? [String: Any])?["Stacks"] as? [[String: Any]])
        #expect(stacks.map { $0["StackName"] as? String } == ["fleet", "streams", "warehouse", "website"])
        #expect(stacks.allSatisfy { $0["StackStatus"] as? String == "CREATE_COMPLETE" })
        let instances = try #require((json["EC2"] as? [String: Any])?["Instances"] as? [[String: Any]])
        #expect(instances.count == 11)
        #expect(instances.allSatisfy { ($0["State"] as? [String: Any])?["Name"] as? String == "running" })
        let kinesis = try #require(json["Kinesis"] as? [String: Any])
        let streams = try #require(kinesis["Streams"] as? [[String: Any]])
        #expect(streams.map { $0["StreamName"] as? String } == ["clickstream", "edge-logs", "orders"])
        #expect(streams.allSatisfy { $0["StreamStatus"] as? String == "ACTIVE" })
        let producers = try #require(kinesis["Producers"] as? [[String: Any]])
        for stream in ["clickstream", "orders"] {
            #expect(producers.contains { $0["StreamName"] as? String == stream && ($0["RecordsSent"] as? Int ?? 0) > 0 }, "\(stream) gets records")
        }
        let earlier = try Self.dump(until: "3m").json
        #expect(Self.rows(json, "orders_stream") > Self.rows(earlier, "orders_stream"), "the warehouse grows")
        #expect(Self.rows(earlier, "orders_stream") >= 0)
        let edge = try #require(json["Edge"] as? [String: Any])
        // The website stack's distribution, Deployed.
        let website = (edge["Distributions"] as? [[String: Any]])?.first?["Distribution"] as? [String: Any]
        #expect(website?["Status"] as? String == "Deployed")
        #expect((website?["DistributionConfig"] as? [String: Any])?["Comment"] as? String == "website")
        #expect(((edge["Traffic"] as? [String: Any])?["Sent"] as? Int ?? 0) > 0, "edge traffic")
        // Its real-time logs flow through the edge-status job into the search index.
        #expect(((edge["Traffic"] as? [String: Any])?["LogRecordsPut"] as? Int ?? 0) > 0, "edge logs on the stream")
        let jobs = try #require((json["Jobs"] as? [String: Any])?["Applications"] as? [[String: Any]])
        // The sessionizer is created but left READY (`start: false` in estate.yaml).
        #expect(jobs.map { [$0["ApplicationName"] as? String, $0["ApplicationStatus"] as? String] } == [["edge-status", "RUNNING"], ["sessionizer", "READY"]])
        let indices = try #require((json["Search"] as? [String: Any])?["Indices"] as? [[String: Any]])
        #expect(indices.contains { $0["IndexName"] as? String == "edge-requests" && ($0["DocumentCount"] as? Int ?? 0) > 0 }, "\(indices)")
        // Same seed, same bytes.
        #expect(try Self.dump(until: "5m").text == text)
    }
}
