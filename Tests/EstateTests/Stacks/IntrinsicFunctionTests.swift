import Testing
@testable import Estate

/// Each intrinsic function and condition, evaluated as CloudFormation documents it.
struct IntrinsicFunctionTests {
    static var context: IntrinsicContext {
        IntrinsicContext(
        parameters: ["Env": "prod", "Zones": ["a", "b", "c"], "Size": "3"],
        pseudo: PseudoParameters(region: "us-east-1", accountID: "123456789012", stackName: "shop",
                                 stackID: "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/1"),
        mappings: ["Sizes": ["prod": ["Shards": 8], "demo": ["Shards": 1]]],
        conditions: ["IsProd": true, "IsDemo": false],
        resourceRef: { (id: String) throws(AWSError) -> JSONValue in
            guard id == "Stream" else { throw AWSError("ValidationError", "no \(id)") }
            return "shop-Stream-ABC"
        },
        resourceAttribute: { (id: String, name: String) throws(AWSError) -> JSONValue in
            guard id == "Stream", name == "Arn" else { throw AWSError("ValidationError", "no \(id).\(name)") }
            return "arn:aws:kinesis:us-east-1:123456789012:stream/shop-Stream-ABC"
        },
        importValue: { (name: String) throws(AWSError) -> JSONValue in
            guard name == "shared-vpc" else { throw AWSError("ValidationError", "No export named \(name) found.") }
            return "vpc-1"
        })
    }

    func eval(_ yaml: String) throws -> JSONValue? {
        let root = try TemplateDocument.parse("V: \(yaml)")
        return try IntrinsicEvaluator(context: Self.context).evaluate(try #require(root["V"]))
    }

    @Test(arguments: [
        ("!Ref Env", "prod"),
        ("!Ref Stream", "shop-Stream-ABC"),
        ("!Ref AWS::Region", "us-east-1"),
        ("!Ref AWS::AccountId", "123456789012"),
        ("!Ref AWS::StackName", "shop"),
        ("!Ref AWS::StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/1"),
        ("!Ref AWS::Partition", "aws"),
        ("!Ref AWS::URLSuffix", "amazonaws.com"),
        ("!GetAtt Stream.Arn", "arn:aws:kinesis:us-east-1:123456789012:stream/shop-Stream-ABC"),
        ("{\"Fn::GetAtt\": [Stream, Arn]}", "arn:aws:kinesis:us-east-1:123456789012:stream/shop-Stream-ABC"),
        ("!Sub \"${AWS::StackName}-${Env}-${Stream}-${Stream.Arn}-${!Literal}\"",
         "shop-prod-shop-Stream-ABC-arn:aws:kinesis:us-east-1:123456789012:stream/shop-Stream-ABC-${Literal}"),
        ("!Sub [\"${Name}.${AWS::URLSuffix}\", {Name: !Ref Env}]", "prod.amazonaws.com"),
        ("!Join [\"-\", [a, !Ref Env, 3]]", "a-prod-3"),
        ("!Select [1, !Ref Zones]", "b"),
        ("!Select [\"2\", [x, y, z]]", "z"),
        ("!Join [\"|\", !Split [\",\", \"a,b,,c\"]]", "a|b||c"),
        ("!If [IsProd, big, small]", "big"),
        ("!If [IsDemo, big, small]", "small"),
        ("!FindInMap [Sizes, !Ref Env, Shards]", 8),
        ("!Select [0, !GetAZs \"\"]", "us-east-1a"),
        ("!Select [5, !GetAZs us-east-1]", "us-east-1f"),
        ("!Base64 \"hello\"", "aGVsbG8="),
        ("!ImportValue shared-vpc", "vpc-1"),
        ("{\"Fn::ToJsonString\": {a: [1, x]}}", "{\"a\":[1,\"x\"]}"),
        ("{\"Fn::Length\": [1, 2, 3]}", 3),
        ("!Equals [!Ref Env, prod]", true),
        ("!Equals [\"3\", 3]", true),
        ("!Not [!Equals [a, b]]", true),
        ("!And [!Equals [a, a], !Condition IsDemo]", false),
        ("!Or [!Condition IsDemo, !Condition IsProd]", true),
    ] as [(String, JSONValue)])
    func functionsEvaluate(expression: String, expected: JSONValue) throws {
        #expect(try eval(expression) == expected)
    }

    @Test func cidrCarvesConsecutiveSubnets() throws {
        #expect(try eval("!Cidr [\"10.0.0.0/16\", 3, 8]") == ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])
        #expect(try eval("!Cidr [\"192.168.0.0/24\", 2, 6]") == ["192.168.0.0/26", "192.168.0.64/26"])
    }

    @Test func noValueRemovesThePropertyOrItem() throws {
        #expect(try eval("{A: !Ref AWS::NoValue, B: 1}") == ["B": 1])
        #expect(try eval("[a, !If [IsDemo, b, !Ref AWS::NoValue]]") == ["a"])
    }

    @Test func failuresNameTheProblem() {
        #expect(throws: AWSError("ValidationError", "Template format error: Fn::Select cannot select nonexistent value at index 7")) {
            try eval("!Select [7, [a]]")
        }
        #expect(throws: AWSError("ValidationError", "Template format error: Encountered unsupported function: Fn::Bogus")) {
            try eval("{\"Fn::Bogus\": 1}")
        }
        #expect(throws: AWSError("ValidationError", "No export named other found.")) { try eval("!ImportValue other") }
    }

    @Test func conditionsMayUseEachOtherInAnyOrder() throws {
        let template = try StackTemplate(body: """
        Parameters:
          Env: {Type: String, Default: prod}
        Conditions:
          BigAndProd: !And [!Condition IsProd, !Equals [!FindInMap [M, x, y], big]]
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
        Mappings:
          M: {x: {y: big}}
        Resources:
          A: {Type: AWS::Kinesis::Stream, Condition: NotProd}
        """)
        var context = Self.context
        context.parameters = ["Env": "prod"]
        context.mappings = template.mappings
        let values = try ConditionTable.evaluate(template, context: context)
        #expect(values == ["BigAndProd": true, "IsProd": true, "NotProd": false])
    }
}
