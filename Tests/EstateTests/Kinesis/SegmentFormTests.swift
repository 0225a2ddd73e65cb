import Foundation
import Testing
@testable import Estate

/// The forms a spilled block takes on disk, and the hand-written text of iterators and sequence
/// numbers on the read path: each must read back exactly what was written.
struct SegmentFormTests {
    /// A block as one of the simulator's producers fills it: batches of 20 records every 100 ms
    /// from one source, keys 0..<500, payloads of 200 to 327 bytes.
    func producerLikeEntries(count: Int = 4096) -> ContiguousArray<RecordEntry> {
        var random = SeededRandom(seed: 3)
        return ContiguousArray((0..<count).map { i in
            let key = random.int(in: 0...499)
            return RecordEntry(arrivalMilliseconds: 3_600_000 + Int64(i / 20) * 100, location: UInt32(key),
                               dataLength: UInt32(random.int(in: 200...327)), keyLength: UInt16(PayloadByteCounter.digits(key) + 5),
                               source: 1)
        })
    }

    func roundTrip(_ entries: ContiguousArray<RecordEntry>, firstOrdinal: UInt64 = 40_960) throws -> (RecordBlock, [UInt8]) {
        let blob = SegmentCodec.encode(RecordBlock(firstOrdinal: firstOrdinal, entries: entries))
        return (try SegmentCodec.decode(blob, firstOrdinal: firstOrdinal), blob)
    }

    @Test func producerBlocksArePackedWithoutZlibAndReadBackExactly() throws {
        let entries = producerLikeEntries()
        let (block, blob) = try roundTrip(entries)
        #expect(blob.first == SegmentCodec.Form.packedDescriptors.rawValue)
        #expect(block.entries == entries)
        #expect(block.firstOrdinal == 40_960)
        #expect(block.recordBytes == entries.reduce(0) { $0 + $1.recordBytes })
        // By hand: keys need 9 bits, key lengths (6 to 8) 2, data lengths (a span of 127) 7, so
        // 18 bits a record, 9,216 bytes; 205 arrival runs of 3 bytes and a few header bytes more.
        #expect(blob.count > 9216 && blob.count < 9216 + 205 * 3 + 32)
    }

    @Test func extremeValuesAndManySourcesSurvivePacking() throws {
        let entries: ContiguousArray<RecordEntry> = [
            RecordEntry(arrivalMilliseconds: 0, location: 0, dataLength: 0, keyLength: 1, source: 1),
            RecordEntry(arrivalMilliseconds: Int64(Int32.max) * 1000, location: UInt32.max, dataLength: UInt32.max, keyLength: UInt16.max, source: UInt16.max),
            // Arrivals may step back (a client's clock is not ours to order): zigzag holds them.
            RecordEntry(arrivalMilliseconds: 5, location: 7, dataLength: 1 << 20, keyLength: 256, source: 2),
            RecordEntry(arrivalMilliseconds: 5, location: 7, dataLength: 1 << 20, keyLength: 256, source: 2),
        ]
        #expect(try roundTrip(entries).0.entries == entries)
        let one: ContiguousArray<RecordEntry> = [RecordEntry(arrivalMilliseconds: 9, location: 3, dataLength: 250, keyLength: 8, source: 4)]
        #expect(try roundTrip(one).0.entries == one)
    }

    @Test func blocksWithAClientRecordAreDeflatedWithItsBytes() throws {
        let block = RecordBlock(firstOrdinal: 0)
        block.appendSynthetic(source: 1, keyIndex: 3, keyLength: 6, dataLength: 240, at: 100)
        let key = Array("customer-9".utf8), data = Array(#"{"hello":"world"}"#.utf8)
        key.withUnsafeBytes { k in data.withUnsafeBytes { d in block.appendClient(key: k, data: d, at: 200) } }
        let blob = SegmentCodec.encode(block)
        #expect(blob.first == SegmentCodec.Form.deflated.rawValue)
        let back = try SegmentCodec.decode(blob, firstOrdinal: 0)
        #expect(back.entries.map(\.source) == [1, RecordEntry.clientBytes])
        back.withClientBytes(back.entry(1)) { k, d in
            #expect(Array(k) == key)
            #expect(Array(d) == data)
        }
    }

    @Test func damagedSegmentsAreRefusedNotMisread() throws {
        let blob = SegmentCodec.encode(RecordBlock(firstOrdinal: 0, entries: producerLikeEntries(count: 300)))
        for length in [0, 1, 2, 5, blob.count / 2, blob.count - 1] {
            #expect(throws: SegmentCodec.Failure.self) { try SegmentCodec.decode(Array(blob.prefix(length)), firstOrdinal: 0) }
        }
        #expect(throws: SegmentCodec.Failure.self) { try SegmentCodec.decode(blob + [0], firstOrdinal: 0) }
        var unknown = blob
        unknown[0] = 9
        #expect(throws: SegmentCodec.Failure.self) { try SegmentCodec.decode(unknown, firstOrdinal: 0) }
    }

    @Test func iteratorTextIsStandardBase64OfTheTokenBytes() throws {
        let token = ShardIteratorToken(streamTag: 0x0102_0304_0506_0708, shardIndex: 3, ordinal: 4096, issuedMilliseconds: -1)
        let text = token.encoded
        let bytes = try #require(Data(base64Encoded: text).map { [UInt8]($0) })
        // Version 1, then the four numbers big-endian, then the FNV-1a checksum of those 33 bytes.
        #expect(bytes.count == 41 && text.count == 56 && text.hasSuffix("="))
        #expect(Array(bytes[0..<9]) == [1, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Array(bytes[9..<17]) == [0, 0, 0, 0, 0, 0, 0, 3])
        #expect(Array(bytes[17..<25]) == [0, 0, 0, 0, 0, 0, 0x10, 0])
        #expect(Array(bytes[25..<33]) == [UInt8](repeating: 0xFF, count: 8))
        let fnv = bytes[0..<33].reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
        #expect(bytes[33..<41].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == fnv)
        #expect(text == Data(bytes).base64EncodedString())
        #expect(ShardIteratorToken(text) == token)
    }

    @Test func damagedIteratorsAreRefused() {
        let text = ShardIteratorToken(streamTag: 77, shardIndex: 0, ordinal: 12, issuedMilliseconds: 5000).encoded
        var flipped = Array(text.utf8)
        flipped[10] = flipped[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        for bad in ["", "AAAA", String(text.dropLast()), text + "=", String(decoding: flipped, as: UTF8.self),
                    String(text.prefix(20)) + "!" + String(text.dropFirst(21))] {
            #expect(ShardIteratorToken(bad) == nil)
        }
    }

    @Test func sequenceNumbersPadEachPartToItsWidth() {
        let n = SequenceNumber(streamTag: 42, shardIndex: 7, offsetMilliseconds: 1234, ordinal: 98_765)
        #expect(n.description == "49" + "000000000042" + "00007" + "000000000001234" + "0000000000000000098765")
        // A negative offset reads as zero; a shard index past five digits keeps its last five.
        let odd = SequenceNumber(streamTag: 999_999_999_999, shardIndex: 123_456, offsetMilliseconds: -3, ordinal: UInt64.max)
        #expect(odd.description == "49" + "999999999999" + "23456" + "000000000000000" + "0018446744073709551615")
        #expect(SequenceNumber.parse(n.description) == n)
    }

    @Test func payloadNumbersAreWrittenAsDecimal() {
        for n in [0, 7, 10, 99, 100, 12_345, -1, -40, Int.max, Int.min] {
            var writer = PayloadByteWriter()
            writer.int(n)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(n))
            var counter = PayloadByteCounter()
            counter.int(n)
            #expect(counter.count == writer.bytes.count)
        }
    }
}
