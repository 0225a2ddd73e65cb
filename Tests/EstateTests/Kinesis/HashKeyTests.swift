import Testing
@testable import Estate

/// Hash key layout and MD5 routing, with values from REFERENCE §2.1, the AWS CLI docs and
/// Python's hashlib.
struct HashKeyTests {
    @Test func evenLayoutMatchesAWS() {
        let max = "340282366920938463463374607431768211455"
        func strings(_ n: Int) -> [(String, String)] {
            HashKey.evenRanges(count: n).map { (String($0.lowerBound), String($0.upperBound)) }
        }
        #expect(strings(1).map(\.0) == ["0"] && strings(1).map(\.1) == [max])
        let two = strings(2)
        #expect(two[0] == ("0", "170141183460469231731687303715884105727"))
        #expect(two[1] == ("170141183460469231731687303715884105728", max))
        let three = strings(3)  // the AWS CLI documentation's 3-shard stream
        #expect(three[0] == ("0", "113427455640312821154458202477256070484"))
        #expect(three[1] == ("113427455640312821154458202477256070485", "226854911280625642308916404954512140969"))
        #expect(three[2] == ("226854911280625642308916404954512140970", max))
        let four = strings(4)
        #expect(four[0] == ("0", "85070591730234615865843651857942052863"))
        #expect(four[1] == ("85070591730234615865843651857942052864", "170141183460469231731687303715884105727"))
        #expect(four[3] == ("255211775190703847597530955573826158592", max))
        let sixtyFour = strings(64)
        #expect(sixtyFour.count == 64)
        #expect(sixtyFour[0] == ("0", "5316911983139663491615228241121378303"))
        #expect(sixtyFour[1] == ("5316911983139663491615228241121378304", "10633823966279326983230456482242756607"))
        #expect(sixtyFour[63] == ("334965454937798799971759379190646833152", max))
        // Contiguous: every shard starts one after the previous one ends.
        let ranges = HashKey.evenRanges(count: 64)
        for i in 1..<64 { #expect(ranges[i].lowerBound == ranges[i - 1].upperBound + 1) }
    }

    @Test func md5OfPartitionKeys() {
        // int.from_bytes(hashlib.md5(key.encode()).digest(), "big")
        #expect(String(HashKey.of(partitionKey: "user-1")) == "285573413173782752570879317399258818820")
        #expect(String(HashKey.of(partitionKey: "user-2")) == "81544010656874607678696621737415172275")
        #expect(String(HashKey.of(partitionKey: "a")) == "16955237001963240173058271559858726497")
        #expect(String(HashKey.of(partitionKey: "customer-7")) == "18423839322852854807796920976199280094")
    }

    @Test func explicitHashKeyParsing() {
        #expect(HashKey.parse("0") == 0)
        #expect(HashKey.parse("340282366920938463463374607431768211455") == UInt128.max)
        #expect(HashKey.parse("340282366920938463463374607431768211456") == nil)  // 2^128
        #expect(HashKey.parse("01") == nil)
        #expect(HashKey.parse("-1") == nil)
        #expect(HashKey.parse("") == nil)
        #expect(HashKey.parse("12a") == nil)
    }

    @Test func keysRouteByMD5() throws {
        let (estate, _) = try activeStream(shards: 4)
        let k = estate.kinesis
        #expect(try k.putRecord(streamName: "s", text: "x", partitionKey: "user-1").shardID == "shardId-000000000003")
        #expect(try k.putRecord(streamName: "s", text: "x", partitionKey: "user-2").shardID == "shardId-000000000000")
        let (three, _) = try activeStream(shards: 3)
        #expect(try three.kinesis.putRecord(streamName: "s", text: "x", partitionKey: "user-1").shardID == "shardId-000000000002")
        #expect(try three.kinesis.putRecord(streamName: "s", text: "x", partitionKey: "a").shardID == "shardId-000000000000")
    }

    @Test func explicitHashKeysAtBoundariesAreInclusive() throws {
        let (estate, _) = try activeStream(shards: 3)
        func shard(_ key: String) throws -> String {
            try estate.ok("kinesis put-record --stream-name s --partition-key k --data d --explicit-hash-key \(key)")["ShardId"]!.stringValue!
        }
        #expect(try shard("0") == "shardId-000000000000")
        #expect(try shard("113427455640312821154458202477256070484") == "shardId-000000000000")
        #expect(try shard("113427455640312821154458202477256070485") == "shardId-000000000001")
        #expect(try shard("226854911280625642308916404954512140969") == "shardId-000000000001")
        #expect(try shard("226854911280625642308916404954512140970") == "shardId-000000000002")
        #expect(try shard("340282366920938463463374607431768211455") == "shardId-000000000002")
        #expect(estate.errorCode("kinesis put-record --stream-name s --partition-key k --data d --explicit-hash-key 340282366920938463463374607431768211456") == "InvalidArgumentException")
        #expect(estate.errorCode("kinesis put-record --stream-name s --partition-key k --data d --explicit-hash-key abc") == "InvalidArgumentException")
    }

    @Test func shardIDsAreTwelveDigits() {
        #expect(Shard.id(0) == "shardId-000000000000")
        #expect(Shard.id(42) == "shardId-000000000042")
        #expect(Shard.index(of: "shardId-000000000042") == 42)
    }
}
