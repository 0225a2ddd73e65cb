@testable import Estate
import Testing

/// JSON text as RFC 8259 §7 writes strings: `"` and `\` escaped, the control characters below
/// U+0020 escaped (the short forms where JSON has one), everything else as it is.
@Suite struct JSONTextTests {
    @Test func stringsEscapeExactlyWhatJSONRequires() {
        let cases: [(String, String)] = [
            ("plain", #""plain""#),
            ("say \"hi\"", #""say \"hi\"""#),
            ("back\\slash", #""back\\slash""#),
            ("line\nfeed\rreturn\ttab", #""line\nfeed\rreturn\ttab""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{00}\u{01}\u{1F}", #""\u0000\u0001\u001f""#),
            // Not escaped: DEL, non-ASCII letters, emoji.
            ("\u{7F}café 😀", "\"\u{7F}café 😀\""),
            // A quote followed by a combining accent is one Character but two scalars; the
            // escape must still come out whole, with the accent after it.
            ("\"\u{0301}x", "\"\\\"\u{0301}x\""),
            ("", #""""#),
        ]
        for (value, text) in cases {
            #expect(JSONValue.string(value).serialized() == text, "\(value.debugDescription)")
        }
    }

    @Test func writtenStringsParseBackToThemselves() throws {
        let values = ["a\u{00}b\"c\\d\u{1F}e", "\"\u{0301}", "tab\tend", "😀\n😀"]
        for value in values {
            let object: JSONValue = ["k": .string(value)]
            #expect(try JSONParser.parse(object.serialized()) == object)
        }
    }

    @Test func theParserReadsBytesAsItReadsText() throws {
        let text = "  {\"a\": [1, \"é\"]}\n"
        #expect(try JSONParser.parse(utf8: Array(text.utf8)) == JSONParser.parse(text))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(utf8: Array("{\"a\":".utf8)) }
    }
}
