import Testing
@testable import Estate

/// UpdateShardCount as AWS performs it: splits and merges, each shard with one parent or a parent
/// and an adjacent parent, the open shards evenly sized, and every record readable in order by a
/// consumer that honours lineage (REFERENCE §2.5). Also the quotas on resharding calls.
struct UniformScalingTests {
    static let hashMax = UInt128.max

    /// Checks the lineage of every shard the stream ever had, and that the open shards are
    /// exactly the even layout of `count` shards.
    static func expectLineage(_ stream: KinesisStream, openCount count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let byID = Dictionary(uniqueKeysWithValues: stream.shards.map { ($0.shardID, $0) })
        for shard in stream.shards {
            let parents = shard.parentShardIDs.compactMap { byID[$0] }
            #expect(parents.count == shard.parentShardIDs.count, sourceLocation: sourceLocation)
            switch parents.count {
            case 0:
                break
            case 1:  // a split child: inside its parent, which has exactly two children
                let parent = parents[0]
                #expect(parent.childShardIDs.count == 2, "\(parent.shardID) has children \(parent.childShardIDs)", sourceLocation: sourceLocation)
                #expect(parent.hashKeyRange.lowerBound <= shard.hashKeyRange.lowerBound
                        && shard.hashKeyRange.upperBound <= parent.hashKeyRange.upperBound, sourceLocation: sourceLocation)
                #expect(shard.adjacentParentShardID == nil, sourceLocation: sourceLocation)
            case 2:  // a merge child: two adjacent parents, each with this one child
                let (a, b) = (parents[0], parents[1])
                #expect(shard.parentShardID == a.shardID && shard.adjacentParentShardID == b.shardID, sourceLocation: sourceLocation)
                #expect(a.childShardIDs == [shard.shardID] && b.childShardIDs == [shard.shardID], sourceLocation: sourceLocation)
                let (lo, hi) = a.hashKeyRange.lowerBound < b.hashKeyRange.lowerBound ? (a, b) : (b, a)
                #expect(lo.hashKeyRange.upperBound + 1 == hi.hashKeyRange.lowerBound, sourceLocation: sourceLocation)
                #expect(shard.hashKeyRange == lo.hashKeyRange.lowerBound...hi.hashKeyRange.upperBound, sourceLocation: sourceLocation)
            default:
                Issue.record("\(shard.shardID) has \(parents.count) parents", sourceLocation: sourceLocation)
            }
            // A split parent's children partition it; nobody else claims them.
            if shard.childShardIDs.count == 2 {
                let children = shard.childShardIDs.compactMap { byID[$0] }
                #expect(children.allSatisfy { $0.parentShardIDs == [shard.shardID] }, sourceLocation: sourceLocation)
                #expect(children[0].hashKeyRange.lowerBound == shard.hashKeyRange.lowerBound
                        && children[0].hashKeyRange.upperBound + 1 == children[1].hashKeyRange.lowerBound
                        && children[1].hashKeyRange.upperBound == shard.hashKeyRange.upperBound, sourceLocation: sourceLocation)
            }
            #expect(shard.childShardIDs.count <= 2, sourceLocation: sourceLocation)
        }
        let open = stream.openShards
        #expect(open.count == count, sourceLocation: sourceLocation)
        #expect(open.first?.hashKeyRange.lowerBound == 0 && open.last?.hashKeyRange.upperBound == hashMax, sourceLocation: sourceLocation)
        for (a, b) in zip(open, open.dropFirst()) {
            #expect(a.hashKeyRange.upperBound + 1 == b.hashKeyRange.lowerBound, sourceLocation: sourceLocation)
        }
        #expect(open.map(\.hashKeyRange) == HashKey.evenRanges(count: count), "not AWS's even layout", sourceLocation: sourceLocation)
    }

    static let keys = (0..<64).map { "user-\($0)" }

    func write(_ estate: Estate, round: Int) throws {
        for key in Self.keys { _ = try estate.kinesis.putRecord(streamName: "s", text: "\(key)#\(round)", partitionKey: key) }
        estate.advance(by: .seconds(1))
    }

    func scale(_ estate: Estate, to target: Int) throws {
        _ = try estate.ok("kinesis update-shard-count --stream-name s --target-shard-count \(target) --scaling-type UNIFORM_SCALING")
        estate.advance(by: .seconds(30))
    }

    /// Scales through `targets`, writing before and after each step, then checks lineage and that
    /// a KCL application (which reads parents to SHARD_END before children) sees every key's
    /// records in the order they were written.
    func check(from start: Int, through targets: [Int]) throws {
        let (estate, stream) = try activeStream(shards: start)
        var round = 0
        try write(estate, round: round)
        for target in targets {
            try scale(estate, to: target)
            round += 1
            try write(estate, round: round)
        }
        Self.expectLineage(stream, openCount: targets.last!)
        let app = try estate.kinesis.startConsumer(name: "reader", streamName: "s", workers: 1)
        var seen: [String: [Int]] = [:]
        app.onBatch = { batch in
            for r in batch.records {
                let text = String(decoding: r.data, as: UTF8.self)
                let parts = text.split(separator: "#")
                seen[String(parts[0]), default: []].append(Int(parts[1])!)
            }
        }
        estate.advance(by: .seconds(Int64(60 * (targets.count + 2))))
        #expect(seen.count == Self.keys.count)
        for key in Self.keys {
            #expect(seen[key] == Array(0...round), "\(key) read as \(seen[key] ?? [])")
        }
    }

    @Test(arguments: [(2, [3]), (2, [4]), (4, [2]), (5, [3]), (1, [2, 4, 7])])
    func updateShardCountKeepsLineageAndOrder(start: Int, targets: [Int]) throws {
        try check(from: start, through: targets)
    }

    @Test func twoToThreeIsTwoSplitsAndOneMerge() throws {
        let (estate, stream) = try activeStream(shards: 2)
        try scale(estate, to: 3)
        let names = estate.bus.history.map(\.event.name)
        #expect(names.filter { $0 == "ShardSplit" }.count == 2)
        #expect(names.filter { $0 == "ShardsMerged" }.count == 1)
        Self.expectLineage(stream, openCount: 3)
    }

    @Test func targetMustBeBetweenHalfAndDouble() throws {
        let (estate, stream) = try activeStream(shards: 1)
        for (line, code) in [
            ("kinesis update-shard-count --stream-name s --target-shard-count 7 --scaling-type UNIFORM_SCALING", "LimitExceededException"),
            ("kinesis update-shard-count --stream-name s --target-shard-count 3 --scaling-type UNIFORM_SCALING", "LimitExceededException"),
        ] {
            guard case let .failure(e) = estate.run(line) else { Issue.record("accepted: \(line)"); continue }
            #expect(e.code == code)
            #expect(e.message.contains("double your current open shard count"))
        }
        try scale(estate, to: 2)
        try scale(estate, to: 4)
        guard case let .failure(e) = estate.run("kinesis update-shard-count --stream-name s --target-shard-count 1 --scaling-type UNIFORM_SCALING") else {
            Issue.record("4 → 1 accepted"); return
        }
        #expect(e.code == "LimitExceededException" && e.message.contains("below half"))
        #expect(stream.openShardCount == 4)
    }

    @Test func tenUpdateShardCountCallsPerRollingDay() throws {
        let (estate, stream) = try activeStream(shards: 2)
        for i in 0..<10 { try scale(estate, to: i % 2 == 0 ? 3 : 2) }
        #expect(stream.openShardCount == 2)
        #expect(estate.errorCode("kinesis update-shard-count --stream-name s --target-shard-count 3 --scaling-type UNIFORM_SCALING") == "LimitExceededException")
        #expect(stream.status == .active)
        // The first call leaves the rolling window 24 hours after it was made.
        estate.advance(by: .seconds(24 * 3600 - 30 * 10 + 1))
        try scale(estate, to: 3)
        #expect(stream.openShardCount == 3)
    }

    @Test func splitAndMergeShareFiveCallsASecondPerAccount() throws {
        let estate = Estate(seed: 3)
        for i in 0..<7 { try estate.kinesis.createStream(name: "s\(i)", shardCount: 2) }
        estate.advance(by: .seconds(30))
        estate.advance(to: SimInstant(milliseconds: 40_000))
        func split(_ i: Int) -> String? {
            estate.errorCode("kinesis split-shard --stream-name s\(i) --shard-to-split shardId-000000000000 --new-starting-hash-key 1000")
        }
        for i in 0..<3 { #expect(split(i) == nil) }
        for i in 3..<5 {
            #expect(estate.errorCode("kinesis merge-shards --stream-name s\(i) --shard-to-merge shardId-000000000000 --adjacent-shard-to-merge shardId-000000000001") == nil)
        }
        #expect(split(5) == "LimitExceededException")
        #expect(estate.kinesis.stream(named: "s5")?.status == .active)
        estate.advance(by: .milliseconds(200))
        #expect(split(5) == nil)
    }
}
