@testable import Estate
import Testing

/// The job source's byte reader gives what the general parser gives, for every kind of input.
@Suite struct RecordJSONTests {
    static let inputs = [
        #"{"user_id":"user-17","page":"/products/417","n":3,"ts":"2026-01-01T00:01:05.250Z"}"#,
        #"{"total":12.50,"qty":-2,"big":9223372036854775807,"small":-9223372036854775808,"e":1e3,"huge":99999999999999999999}"#,
        #" { "a" : [ 1 , 2 , { "b" : null } ] , "t" : true , "f" : false } "#,
        #"{"escaped":"say \"hi\"\n","unicode":"caf\u00e9 \ud83d\ude00","plain":"naïve"}"#,
        #"[]"#, #"{}"#, #""text""#, #"-0"#, #"0.5"#,
    ]

    @Test(arguments: inputs)
    func agreesWithTheGeneralParser(_ text: String) throws {
        let expected = try JSONParser.parse(text)
        #expect(RecordJSON.parse(Array(text.utf8)) == expected)
    }

    @Test func notJSONIsNil() {
        for text in ["", "{", #"{"a":1,}"#, "user-17 clicked", #"{"a":1} x"#, "tru", "-"] {
            #expect(RecordJSON.parse(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func numbersKeepTheirKind() {
        #expect(RecordJSON.parse(Array(#"{"i":42,"d":4.25}"#.utf8)) == .object([("i", .int(42)), ("d", .double(4.25))]))
    }
}
