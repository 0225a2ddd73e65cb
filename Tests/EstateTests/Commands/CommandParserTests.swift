@testable import Estate
import Testing

@Suite struct CommandParserTests {
    let parser = CommandParser(operations: EC2Service.operationSpecs)

    func request(_ line: String) throws -> OperationRequest {
        guard case let .operation(r) = try parser.parse(line) else { throw CommandError("not an operation") }
        return r
    }

    @Test func kebabOptionsBecomeAWSMembers() throws {
        let r = try request("ec2 run-instances --instance-type c4.large --count 2 --placement AvailabilityZone=us-east-1c")
        #expect(r.operation == "RunInstances")
        #expect(r.parameters == ["InstanceType": "c4.large", "Count": "2", "Placement": ["AvailabilityZone": "us-east-1c"]])
    }

    @Test func listsTakeSeveralWordsOrJSON() throws {
        #expect(try request("ec2 stop-instances --instance-ids i-1 i-2").parameters == ["InstanceIds": ["i-1", "i-2"]])
        #expect(try request(#"ec2 stop-instances --instance-ids '["i-1","i-2"]'"#).parameters == ["InstanceIds": ["i-1", "i-2"]])
        #expect(try request("ec2 stop-instances --instance-ids=i-3").parameters == ["InstanceIds": ["i-3"]])
    }

    @Test func severalFiltersAndJSONFilters() throws {
        let a = try request("ec2 describe-instances --filters Name=instance-state-name,Values=running,stopped Name=tag:Name,Values=web")
        #expect(a.parameters == ["Filters": [["Name": "instance-state-name", "Values": ["running", "stopped"]], ["Name": "tag:Name", "Values": ["web"]]]])
        let b = try request(#"ec2 describe-instances --filters '[{"Name":"instance-type","Values":["c4.large"]}]'"#)
        #expect(b.parameters == ["Filters": [["Name": "instance-type", "Values": ["c4.large"]]]])
    }

    @Test func awsPrefixAndGlobalOptionsAreAccepted() throws {
        #expect(try request("aws ec2 describe-instances --region us-east-1 --output json --no-cli-pager").operation == "DescribeInstances")
    }

    @Test func tagSpecificationShortForm() throws {
        let r = try request("ec2 run-instances --instance-type c4.large --tag-specifications Name=web")
        #expect(r.parameters["TagSpecifications"] == [["ResourceType": "instance", "Tags": [["Key": "Name", "Value": "web"]]]])
    }

    @Test func simVerbs() throws {
        #expect(try parser.parse("sim advance 90s") == .sim(.advance(.seconds(90))))
        #expect(try parser.parse("sim speed 60") == .sim(.speed(60)))
        #expect(try parser.parse("sim speed 2.5x") == .sim(.speed(2.5)))
        #expect(try parser.parse("sim pause") == .sim(.pause))
        #expect(try parser.parse("sim resume") == .sim(.resume))
        #expect(try parser.parse("   ") == nil)
        #expect(try parser.parse("# comment") == nil)
    }

    /// Each bad line, and the word its error must name.
    @Test(arguments: [
        ("ec3 describe-instances", "ec3", "did you mean 'ec2'"),
        ("ec2 describe-instance", "describe-instance", "did you mean 'describe-instances'"),
        ("ec2 run-instances --instance-typ c4.large", "--instance-typ", "did you mean '--instance-type'"),
        ("ec2 run-instances --min-count two", "two", "not an integer"),
        ("ec2 run-instances c4.large", "c4.large", "expected an option"),
        ("ec2 run-instances --instance-type a b", "b", "takes one value"),
        ("ec2 run-instances --instance-type a --instance-type b", "--instance-type", "given twice"),
        ("ec2 describe-instances --filters Nme=x,Values=y", "Nme=x,Values=y", "Unknown parameter in --filters[0]: \"Nme\""),
        ("ec2 describe-instances --filters '[{\"Name\": }]'", "[{\"Name\": }]", "invalid JSON"),
        ("ec2 describe-instances --filters Name=x,,", "Name=x,,", "--filters[0].Name"),
        ("sim advance soon", "soon", "Invalid duration"),
        ("sim speed -1", "-1", "Invalid speed"),
        ("sim jump", "jump", "Unknown sim verb"),
        ("sim pause now", "now", "takes no value"),
    ] as [(String, String, String)])
    func errorsNameTheBadToken(line: String, token: String, fragment: String) {
        do {
            _ = try parser.parse(line)
            Issue.record("expected an error for \(line)")
        } catch {
            #expect(error.token == token)
            #expect(error.message.contains(fragment), "\(error.message)")
            if let column = error.column {
                // The column is where the word starts, which may be its opening quote.
                let rest = String(Array(line)[column...])
                #expect(rest.hasPrefix(token) || rest.dropFirst().hasPrefix(token), "\(rest)")
            }
        }
    }

    @Test func missingRequiredOptionsAreNamed() {
        #expect(throws: CommandError("the following arguments are required: --instance-ids")) {
            try parser.parse("ec2 stop-instances")
        }
    }

    @Test func kebabCaseFollowsTheAWSCLI() {
        #expect(Kebab.from("InstanceIds") == "instance-ids")
        #expect(Kebab.from("ExplicitHashKey") == "explicit-hash-key")
        #expect(Kebab.from("DBInstanceIdentifier") == "db-instance-identifier")
        #expect(Kebab.from("MinCount") == "min-count")
    }
}
