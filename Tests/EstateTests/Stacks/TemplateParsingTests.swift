import Testing
@testable import Estate

/// Templates in YAML (with short-form tags) and JSON, and the validation errors AWS gives.
struct TemplateParsingTests {
    @Test func yamlShortFormsBecomeLongForms() throws {
        let root = try TemplateDocument.parse("""
        Resources:
          S:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: !Sub "${AWS::StackName}-x"
              A: !GetAtt Other.Arn
              B: !Join [",", [!Ref P, !Select [0, !Split [",", "a,b"]]]]
              C: !If [Cond, !Equals [1, 1], !Not [!And [!Or [true, false], true]]]
              D: !FindInMap [M, k, v]
              E: !GetAZs ""
              F: !Base64 hi
              G: !Cidr ["10.0.0.0/16", 2, 8]
              H: !ImportValue shared
              I: plain
              J: 3
        """)
        let props = try #require(root["Resources"]?["S"]?["Properties"])
        #expect(props["Name"] == ["Fn::Sub": "${AWS::StackName}-x"])
        #expect(props["A"] == ["Fn::GetAtt": ["Other", "Arn"]])
        #expect(props["B"] == ["Fn::Join": [",", [["Ref": "P"], ["Fn::Select": [0, ["Fn::Split": [",", "a,b"]]]]]]])
        #expect(props["C"]?["Fn::If"]?.arrayValue?[2] == ["Fn::Not": [["Fn::And": [["Fn::Or": [true, false]], true]]]])
        #expect(props["D"] == ["Fn::FindInMap": ["M", "k", "v"]])
        #expect(props["E"] == ["Fn::GetAZs": ""])
        #expect(props["F"] == ["Fn::Base64": "hi"])
        #expect(props["G"] == ["Fn::Cidr": ["10.0.0.0/16", 2, 8]])
        #expect(props["H"] == ["Fn::ImportValue": "shared"])
        #expect(props["I"] == "plain")
        #expect(props["J"] == 3)
    }

    @Test func jsonTemplatesKeepTheirOrder() throws {
        let template = try StackTemplate(body: """
        {"Resources": {"Zeta": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}},
                       "Alpha": {"Type": "AWS::EC2::Instance", "Properties": {"Tags": [{"Key": "s", "Value": {"Ref": "Zeta"}}]}}}}
        """)
        #expect(template.resources.map(\.logicalID) == ["Zeta", "Alpha"])
        #expect(try DependencyGraph(template).dependencies["Alpha"] == ["Zeta"])
    }

    @Test(arguments: [
        ("Resources: {}", "Template format error: At least one Resources member must be defined."),
        ("Foo: 1\nResources:\n  A:\n    Type: AWS::Kinesis::Stream", "Template format error: Invalid template property or properties [Foo]"),
        ("Resources:\n  A:\n    Properties: {}", "Template format error: [/Resources/A] Every Resources object must contain a Type member."),
        ("Resources:\n  my-bucket:\n    Type: AWS::S3::Bucket", "Template format error: Resource name my-bucket is non alphanumeric."),
        ("Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: !Ref Nope",
         "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template"),
        ("Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    DependsOn: Ghost",
         "Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template"),
        ("Resources:\n  A:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      Name: !GetAtt Nope.Arn",
         "Template error: instance of Fn::GetAtt references undefined resource Nope"),
        ("Parameters:\n  P:\n    Type: Strang\nResources:\n  A:\n    Type: AWS::Kinesis::Stream", "Template format error: Unrecognized parameter type: Strang"),
        ("Resources:\n  A: [unclosed", "Template format error: YAML not well-formed. (line 3, column 1)"),
        ("{\"Resources\": {", "Template format error: JSON not well-formed. (line 1, column 16)"),
    ])
    func badTemplatesAreRefusedWithAWSMessages(body: String, message: String) {
        #expect(throws: AWSError("ValidationError", message)) { try StackTemplate(body: body) }
    }

    @Test func circularDependenciesNameTheResources() {
        let body = """
        Resources:
          A:
            Type: AWS::Kinesis::Stream
            Properties:
              Name: !Ref B
          B:
            Type: AWS::Kinesis::Stream
            DependsOn: A
          C:
            Type: AWS::Kinesis::Stream
            DependsOn: B
        """
        #expect(throws: AWSError("ValidationError", "Circular dependency between resources: [A, B]")) { try StackTemplate(body: body) }
    }

    @Test func validateTemplateAnswersInTheCLIShape() throws {
        let estate = StackFixtures.estate()
        let reply = try estate.execute(OperationRequest(service: "cloudformation", operation: "ValidateTemplate",
                                                        parameters: ["TemplateBody": .string(streamAndFleetYAML)])).get()
        #expect(reply == ["Parameters": [["ParameterKey": "Shards", "DefaultValue": "2", "NoEcho": false]], "Description": "stream and fleet"])
        let refused = estate.execute(OperationRequest(service: "cloudformation", operation: "ValidateTemplate",
                                                      parameters: ["TemplateBody": "Resources:\n  A:\n    Type: X\n    DependsOn: A2"]))
        #expect(refused == .failure(AWSError("ValidationError", "Template format error: Unresolved resource dependencies [A2] in the Resources block of the template")))
    }

    @Test func parametersAreCheckedAgainstTheirDeclarations() throws {
        let template = try StackTemplate(body: """
        Parameters:
          Env: {Type: String, AllowedValues: [demo, prod], Default: demo}
          Count: {Type: Number, MinValue: 1, MaxValue: 4}
          Zones: {Type: CommaDelimitedList, Default: "a, b"}
          Secret: {Type: String, NoEcho: true, Default: s3cret}
        Resources:
          A: {Type: AWS::Kinesis::Stream}
        """)
        let ok = try SuppliedParameter.resolve(template, [SuppliedParameter(key: "Count", value: "2", usePrevious: false)], previous: nil)
        #expect(ok.refs["Zones"] == ["a", "b"])
        #expect(ok.refs["Env"] == "demo")
        #expect(throws: AWSError("ValidationError", "Parameters: [Count] must have values")) {
            try SuppliedParameter.resolve(template, [], previous: nil)
        }
        #expect(throws: AWSError("ValidationError", "Parameter 'Env' must be one of AllowedValues")) {
            try SuppliedParameter.resolve(template, [.init(key: "Count", value: "1", usePrevious: false), .init(key: "Env", value: "qa", usePrevious: false)], previous: nil)
        }
        #expect(throws: AWSError("ValidationError", "Parameter 'Count' must be a number not greater than 4")) {
            try SuppliedParameter.resolve(template, [.init(key: "Count", value: "9", usePrevious: false)], previous: nil)
        }
        #expect(throws: AWSError("ValidationError", "Parameters: [Nope] do not exist in the template")) {
            try SuppliedParameter.resolve(template, [.init(key: "Nope", value: "1", usePrevious: false)], previous: nil)
        }
    }
}
