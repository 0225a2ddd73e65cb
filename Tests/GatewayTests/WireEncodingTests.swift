import Estate
import Testing
@testable import Gateway

/// Byte layouts checked against values worked out by hand from the specifications: PostgreSQL's
/// binary `numeric`, `date` and `timestamp`, placeholders, and AWS's event-stream framing.
@Suite struct WireEncodingTests {
    @Test func numericBinaryIsBase10000GroupsWithWeightSignAndScale() throws {
        // 9.50: groups 9 | 5000, weight 0, scale 2.
        #expect(PGValueCodec.numericBinary("9.50") == [0, 2, 0, 0, 0, 0, 0, 2, 0, 9, 0x13, 0x88])
        // -12345.678: groups 1 | 2345 | 6780, weight 1, negative (0x4000), scale 3.
        #expect(PGValueCodec.numericBinary("-12345.678") == [0, 3, 0, 1, 0x40, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1A, 0x7C])
        // 0.0001: one group, weight -1.
        #expect(PGValueCodec.numericBinary("0.0001") == [0, 1, 0xFF, 0xFF, 0, 0, 0, 4, 0, 1])
        #expect(PGValueCodec.numericBinary("12a") == nil)
        for text in ["9.50", "-12345.678", "0.0001", "10000", "0"] {
            #expect(PGValueCodec.numericText(try #require(PGValueCodec.numericBinary(text))) == text)
        }
    }

    @Test func datesAndTimestampsCountFromTwoThousand() throws {
        #expect(try PGValueCodec.encode(.text("2000-01-01"), typeOID: PGValueCodec.date, format: 1) == [0, 0, 0, 0])
        // 1815-12-10 is 67,227 days before 2000-01-01.
        let days = PGValueCodec.bigEndian(Int32(-67_227))
        #expect(try PGValueCodec.encode(.text("1815-12-10"), typeOID: PGValueCodec.date, format: 1) == days)
        #expect(try PGValueCodec.decodeBinary(days, typeOID: PGValueCodec.date) == "1815-12-10")
        // A quarter second before 2000: -750,000 µs.
        let micros = PGValueCodec.bigEndian(Int64(-750_000))
        #expect(try PGValueCodec.encode(.text("1999-12-31 23:59:59.25"), typeOID: PGValueCodec.timestamp, format: 1) == micros)
        #expect(try PGValueCodec.decodeBinary(micros, typeOID: PGValueCodec.timestamp) == "1999-12-31 23:59:59.250000")
        #expect(try PGValueCodec.encode(.int(7), typeOID: PGValueCodec.int4, format: 1) == [0, 0, 0, 7])
        #expect(try PGValueCodec.encode(.int(7), typeOID: PGValueCodec.int4, format: 0) == Array("7".utf8))
        #expect(throws: SQLError.self) { try PGValueCodec.encode(.text("x"), typeOID: PGValueCodec.int8, format: 1) }
    }

    @Test func parametersBecomeCheckedLiteralsOutsideQuotesAndComments() throws {
        let sql = "SELECT '$1', \"$2\", $1 -- $2\n, $2, a$1"
        #expect(PGPlaceholders.count(in: sql) == 2)
        let quoted = try PGValueCodec.literal(Array("it's".utf8), typeOID: PGValueCodec.text, format: 0)
        #expect(quoted == "'it''s'")
        #expect(try PGPlaceholders.substitute(sql, ["5", quoted]) == "SELECT '$1', \"$2\", 5 -- $2\n, 'it''s', a$1")
        #expect(try PGValueCodec.literal(nil, typeOID: PGValueCodec.int4, format: 0) == "NULL")
        #expect(try PGValueCodec.literal([1], typeOID: PGValueCodec.bool, format: 1) == "TRUE")
        // A number parameter must be a number: nothing else can reach the statement through it.
        #expect(throws: SQLError.self) { try PGValueCodec.literal(Array("1; DROP TABLE t".utf8), typeOID: PGValueCodec.int4, format: 0) }
        #expect(throws: SQLError.self) { try PGPlaceholders.substitute("SELECT $3", ["1"]) }
    }

    @Test func eventStreamMessagesCarryLengthsHeadersAndCRCs() throws {
        // CRC-32's check value: "123456789" gives 0xCBF43926.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let message = EventStreamMessage.event("SubscribeToShardEvent", json: "{}")
        let bytes = message.encoded
        // Headers: 1+11+1+2+21 (:event-type) + 1+13+1+2+16 (:content-type) + 1+13+1+2+5 (:message-type) = 91.
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 91])
        #expect(bytes.count == 12 + 91 + 2 + 4)
        #expect(Array(bytes[0..<4]) == [0, 0, 0, UInt8(bytes.count)])
        let decoded = try #require(EventStreamMessage.decode(bytes[...]))
        #expect(decoded.0 == message && decoded.1 == bytes.count)
        var corrupt = bytes
        corrupt[20] ^= 1
        #expect(EventStreamMessage.decode(corrupt[...]) == nil, "a flipped bit fails the message CRC")
    }
}
