@testable import Estate
import Foundation
import Testing

/// Stream tags as the Kinesis API reference describes them, and DescribeLimits with the on-demand
/// stream quota it reports.
@Suite struct StreamTagsTests {
    static func estate() -> Estate {
        let estate = Fixtures.emptyEstate()
        _ = Fixtures.run(estate, "kinesis create-stream --stream-name s --shard-count 1")
        return estate
    }

    static func keys(_ reply: JSONValue) -> [String] { (reply["Tags"]?.arrayValue ?? []).compactMap { $0["Key"]?.stringValue } }

    @Test func tagsAreAddedOverwrittenListedInKeyOrderAndRemoved() throws {
        let estate = Self.estate()
        _ = Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags team=data,env=prod,app=clicks")
        _ = Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags env=staging")
        let all = Fixtures.run(estate, "kinesis list-tags-for-stream --stream-name s")[0]
        #expect(Self.keys(all) == ["app", "env", "team"])
        #expect(all["Tags"]?[1]?["Value"] == "staging")
        #expect(all["HasMoreTags"] == false)
        // Pages: Limit, then the keys strictly after ExclusiveStartTagKey.
        let first = Fixtures.run(estate, "kinesis list-tags-for-stream --stream-name s --limit 2")[0]
        #expect(Self.keys(first) == ["app", "env"] && first["HasMoreTags"] == true)
        let rest = Fixtures.run(estate, "kinesis list-tags-for-stream --stream-name s --limit 2 --exclusive-start-tag-key env")[0]
        #expect(Self.keys(rest) == ["team"] && rest["HasMoreTags"] == false)
        // Removing a key that is not there is ignored.
        #expect(Fixtures.run(estate, "kinesis remove-tags-from-stream --stream-name s --tag-keys env missing")[0].errorCode == nil)
        #expect(Self.keys(Fixtures.run(estate, "kinesis list-tags-for-stream --stream-name s")[0]) == ["app", "team"])
        // Key order whatever the order they came in.
        let many = (0..<12).reversed().map { "k\(String(format: "%02d", $0))=v" }.joined(separator: ",")
        _ = Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags \(many)")
        let listed = Self.keys(Fixtures.run(estate, "kinesis list-tags-for-stream --stream-name s")[0])
        #expect(listed == ["app"] + (0..<12).map { "k" + String(format: "%02d", $0) } + ["team"])
        _ = Fixtures.run(estate, "kinesis remove-tags-from-stream --stream-name s --tag-keys \((0..<12).map { "k" + String(format: "%02d", $0) }.joined(separator: " "))")
        // The dump keeps them, in key order.
        let dumped = estate.dump()["Kinesis"]?["Streams"]?[0]?["Tags"]
        #expect(dumped == .array([["Key": "app", "Value": "clicks"], ["Key": "team", "Value": "data"]]))
    }

    @Test func badTagsAreRefusedAndChangeNothing() throws {
        let estate = Self.estate()
        _ = Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags keep=1")
        let long = String(repeating: "k", count: 129)
        let cases = [
            ("aws:owner=me", "InvalidArgumentException"),
            ("\(long)=v", "InvalidArgumentException"),
            ("name=semi;colon", "InvalidArgumentException"),
            ("ok=1,bad=\(String(repeating: "v", count: 257))", "InvalidArgumentException"),
        ]
        for (tags, code) in cases {
            #expect(Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags '\(tags)'")[0].errorCode == code, "\(tags.prefix(20))")
        }
        // Fifty tags at most: 49 more fit beside `keep`, a fifty-first does not.
        let fortyNine = (1...49).map { "t\($0)=v" }.joined(separator: ",")
        #expect(Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags \(fortyNine)")[0].errorCode == nil)
        #expect(Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags one-more=v")[0].errorCode == "LimitExceededException")
        // Overwriting an existing key adds none, so it still fits.
        #expect(Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name s --tags keep=2")[0].errorCode == nil)
        #expect(estate.kinesis.stream(named: "s")?.tags.count == 50)
        #expect(estate.kinesis.stream(named: "s")?.tags["ok"] == nil)
        #expect(Fixtures.run(estate, "kinesis add-tags-to-stream --stream-name nope --tags a=b")[0].errorCode == "ResourceNotFoundException")
    }

    @Test func describeLimitsReportsTheQuotasAndTheOnDemandOneHolds() throws {
        let estate = Self.estate()
        let limits = Fixtures.run(estate, "kinesis describe-limits")[0]
        #expect(limits["ShardLimit"] == 500 && limits["OpenShardCount"] == 1)
        #expect(limits["OnDemandStreamCount"] == 0 && limits["OnDemandStreamCountLimit"] == 50)
        // Fifty on-demand streams of four shards each fit in the 500-shard quota; a fifty-first does not.
        for i in 1...50 {
            #expect(Fixtures.run(estate, "kinesis create-stream --stream-name od\(i) --stream-mode-details StreamMode=ON_DEMAND")[0].errorCode == nil)
        }
        #expect(Fixtures.run(estate, "kinesis create-stream --stream-name od51 --stream-mode-details StreamMode=ON_DEMAND")[0].errorCode == "LimitExceededException")
        estate.advance(by: .seconds(60))
        let arn = try #require(estate.kinesis.stream(named: "s")?.arn)
        #expect(Fixtures.run(estate, "kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=ON_DEMAND")[0].errorCode == "LimitExceededException")
        let after = Fixtures.run(estate, "kinesis describe-limits")[0]
        #expect(after["OnDemandStreamCount"] == 50 && after["OpenShardCount"] == 201)
    }
}
