@testable import Estate
import Testing

@Suite struct TokenizerTests {
    @Test(arguments: [
        ("ec2 describe-instances", ["ec2", "describe-instances"]),
        ("a  'b c'  \"d e\"", ["a", "b c", "d e"]),
        (#"x "say \"hi\"" 'it''s'"#, ["x", #"say "hi""#, "its"]),
        (#"--data '{"total": 42}'"#, ["--data", #"{"total": 42}"#]),
        (#"a\ b c"#, ["a b", "c"]),
        (#""keep \n backslash""#, [#"keep \n backslash"#]),
        ("'' x", ["", "x"]),
        ("cmd # a comment", ["cmd"]),
        ("# only a comment", []),
        ("tag=a#b", ["tag=a#b"]),
    ] as [(String, [String])])
    func splits(line: String, words: [String]) throws {
        #expect(try Tokenizer.split(line).map(\.text) == words)
    }

    @Test func unterminatedQuotesNameTheirColumn() {
        #expect(throws: Tokenizer.Failure(message: "unterminated single quote", column: 4)) { try Tokenizer.split("put 'abc") }
        #expect(throws: Tokenizer.Failure(message: "unterminated double quote", column: 2)) { try Tokenizer.split("a \"b") }
    }
}

@Suite struct ShorthandTests {
    @Test func keyValuePairsWithTrailingListWords() throws {
        let v = try Shorthand.parse("Name=instance-state-name,Values=running,stopped")
        #expect(v == ["Name": "instance-state-name", "Values": ["running", "stopped"]])
    }

    @Test func nestedListsAndStructures() throws {
        let v = try Shorthand.parse("ResourceType=instance,Tags=[{Key=Name,Value=web},{Key=env,Value=prod}]")
        #expect(v == ["ResourceType": "instance", "Tags": [["Key": "Name", "Value": "web"], ["Key": "env", "Value": "prod"]]])
    }

    @Test func quotedValuesMayHoldCommas() throws {
        #expect(try Shorthand.parse(#"Key=Name,Value="a, b""#) == ["Key": "Name", "Value": "a, b"])
    }

    @Test(arguments: ["running", "Name=a,Name=b", "Tags=[{Key=a", "Key=\"open"])
    func malformedShorthandFails(text: String) {
        #expect(throws: Shorthand.Failure.self) { try Shorthand.parse(text) }
    }
}

@Suite struct JSONParserTests {
    @Test func parsesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#" {"b": [1, 2.5, "x\u00e9", true, null], "a": {"c": -3}} "#)
        #expect(v == ["b": [1, 2.5, "xé", true, nil], "a": ["c": -3]])
        #expect(v.serialized() == #"{"b": [1, 2.5, "xé", true, null], "a": {"c": -3}}"#)
    }

    @Test(arguments: [("{", 1), ("[1,]", 3), (#"{"a" 1}"#, 5), ("tru", 3), ("[1] x", 4)] as [(String, Int)])
    func errorsNameTheOffset(text: String, offset: Int) {
        #expect { try JSONParser.parse(text) } throws: { ($0 as? JSONParser.Failure)?.offset == offset }
    }

    /// Offsets count scalars, not bytes: `é` is two bytes and one scalar, `😀` four and one.
    @Test(arguments: [(#"["é", x]"#, 6), (#"["😀", x]"#, 6), ("[\"a\u{01}\"]", 4), (#"["\q"]"#, 4)] as [(String, Int)])
    func offsetsCountScalars(text: String, offset: Int) {
        #expect { try JSONParser.parse(text) } throws: { ($0 as? JSONParser.Failure)?.offset == offset }
    }

    @Test func escapesAndMultibyteText() throws {
        #expect(try JSONParser.parse(#""tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00 日本""#) == .string("tab\there \"q\" \\ / é 😀 日本"))
        #expect(try JSONParser.parse(#""plain é""#) == .string("plain é"))
        #expect(try JSONParser.parse(#"{"k":"v","n":-1.5e3}"#) == ["k": "v", "n": -1500.0])
    }
}
