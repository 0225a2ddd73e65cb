@testable import Estate
import GRDB
import Testing

/// The fast paths a load takes for each field: trimming blanks, reading timestamps straight from
/// their bytes, and checking text against its declared length.
@Suite struct LoadFieldParsingTests {
    @Test func blanksAreTabsAndSpaceSeparatorsNotNewlines() {
        #expect("  a b\t".trimmingBlanks() == "a b")
        #expect("\u{00A0}x\u{3000}".trimmingBlanks() == "x", "no-break and ideographic spaces are Zs")
        #expect("\nx\n".trimmingBlanks() == "\nx\n", "line breaks are not blanks")
        #expect("   ".trimmingBlanks() == "")
        #expect("".trimmingBlanks() == "")
        #expect("é".trimmingBlanks() == "é")
    }

    /// 2026-03-01 12:34:56 UTC is 1,772,368,496 s after 1970 (20,513 days and 45,296 s).
    @Test func canonicalTimestampsReadFromTheirBytes() throws {
        let expected: Int64 = 1_772_368_496 * 1_000_000
        for text in ["2026-03-01 12:34:56", "2026-03-01T12:34:56", "2026-03-01T12:34:56Z"] {
            #expect(SQLDateTime(canonical: text)?.microseconds == expected, "\(text)")
        }
        #expect(SQLDateTime(canonical: "2026-03-01 12:34:56.25")?.microseconds == expected + 250_000)
        #expect(SQLDateTime(canonical: "2026-03-01 12:34:56.1234567")?.microseconds == expected + 123_456)
        let midnight: Int64 = (1_772_368_496 - 45_296) * 1_000_000
        #expect(SQLDateTime(canonical: "2026-03-01")?.microseconds == midnight)
        for bad in ["2026-13-01", "2026-03-01 24:00:00", "2026-03-01 12:34", "2026/03/01", "2026-03-01 12:34:56.", "x"] {
            #expect(SQLDateTime(canonical: bad) == nil, "\(bad) is not the canonical shape")
        }
        // What the fast path refuses the general parser still reads.
        #expect(SQLDateTime(parsing: "  2026-03-01 12:34 ")?.microseconds == expected - 56_000_000)
        #expect(SQLDateTime(parsing: "2026-03-01 12:34:56+00")?.microseconds == expected)
        #expect(SQLDateTime(parsing: "2026-03-01 24:00:00") == nil)
    }

    @Test func textLongerThanItsColumnIsError1204() throws {
        let short = ColumnDefinition(name: "code", type: try #require(RedshiftType(words: ["varchar"], modifiers: [3])), encoding: "lzo", notNull: false, identity: nil)
        let fixed = ColumnDefinition(name: "flag", type: try #require(RedshiftType(words: ["char"], modifiers: [])), encoding: "lzo", notNull: false, identity: nil)
        #expect(short.type.length == 3)
        #expect(fixed.type.length == 1, "CHAR without a length is CHAR(1)")
        guard case .success = LoadRowParser.convert("abc", short, emptyAsNull: false) else { Issue.record("3 bytes fit VARCHAR(3)"); return }
        guard case let .failure(p) = LoadRowParser.convert("abcd", short, emptyAsNull: false) else { Issue.record("4 bytes do not fit VARCHAR(3)"); return }
        #expect(p.code == 1204)
        guard case .failure = LoadRowParser.convert("éé", short, emptyAsNull: false) else { Issue.record("lengths count bytes: é is two"); return }
        guard case .failure = LoadRowParser.convert("ab", fixed, emptyAsNull: false) else { Issue.record("2 bytes do not fit CHAR(1)"); return }
    }

    @Test func paddedTimestampsLoad() throws {
        let ts = ColumnDefinition(name: "ts", type: try #require(RedshiftType(words: ["timestamp"], modifiers: [])), encoding: "az64", notNull: false, identity: nil)
        guard case let .success(v) = LoadRowParser.convert(" 2026-03-01T12:34:56Z\t", ts, emptyAsNull: false) else { Issue.record("a padded timestamp loads"); return }
        #expect(String.fromDatabaseValue(v) == "2026-03-01 12:34:56")
    }
}
