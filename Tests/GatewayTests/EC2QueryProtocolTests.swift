@testable import Estate
import Foundation
import Testing
@testable import Gateway

/// The EC2 Query protocol: flattened form parameters in, XML named by botocore's model out.
@Suite struct EC2QueryProtocolTests {
    let estate = Estate(seed: 3)
    var gateway: Gateway { Gateway(estate: estate) }

    func call(_ form: String) -> WireResponse {
        let request = WireRequest(method: "POST", path: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: Array((form + "&Version=2016-11-15").utf8))
        return gateway.respond(to: request) { estate.execute($0) }
    }

    @Test func flattenedListsAndFiltersBecomeTheOperationsShapes() throws {
        let proto = try #require(gateway.queryServices["ec2"])
        let form = "Action=DescribeInstances&Version=2016-11-15&InstanceId.2=i-b&InstanceId.1=i-a"
            + "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=stopped&DryRun=false"
        let decoded = try proto.decode(WireRequest(method: "POST", path: "/", body: Array(form.utf8))).get()
        #expect(decoded.operation == "DescribeInstances")
        // Numbered items keep their numbers' order, whatever order they arrived in.
        #expect(decoded.parameters["InstanceIds"] == ["i-a", "i-b"])
        #expect(decoded.parameters["Filters"] == [["Name": "instance-state-name", "Values": ["running", "stopped"]]])
        #expect(decoded.parameters["DryRun"] == .bool(false))
    }

    @Test func runInstancesAnswersXMLTheModelNames() throws {
        let answer = call("Action=RunInstances&ImageId=ami-12345678&InstanceType=c4.large&MinCount=2&MaxCount=2"
            + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web")
        #expect(answer.status == 200, "\(answer.bodyText)")
        let xml = answer.bodyText
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("<RunInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"))
        // Reservation members: Instances travels as instancesSet of items, State as instanceState.
        #expect(xml.contains("<instancesSet><item><amiLaunchIndex>0</amiLaunchIndex><imageId>ami-12345678</imageId>"), "\(xml)")
        #expect(xml.contains("<instanceState><code>0</code><name>pending</name></instanceState>"), "\(xml)")
        #expect(xml.contains("<tagSet><item><key>Name</key><value>web</value></item></tagSet>"), "\(xml)")
        #expect(estate.ec2.instances.count == 2)
    }

    static let simulatorOnly: Set<String> = ["Parsed", "Estimated", "SimulatedHourlyPriceUSD"]

    @Test func everyMemberOfTheEstatesAnswersHasAPlaceInTheModel() throws {
        _ = call("Action=RunInstances&ImageId=ami-12345678&InstanceType=c4.large&MinCount=1&MaxCount=1"
            + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web")
        estate.advance(by: .seconds(120))
        let id = try #require(estate.ec2.instances.first?.instanceID)
        let model = WireModel.ec2
        let requests: [(String, JSONValue)] = [
            ("DescribeInstances", [:]),
            ("StopInstances", ["InstanceIds": [.string(id)]]),
            ("StartInstances", ["InstanceIds": [.string(id)]]),
            ("TerminateInstances", ["InstanceIds": [.string(id)]]),
            ("DescribeInstanceTypes", ["InstanceTypes": ["c4.large", "m5.xlarge"]]),
            ("DescribeSecurityGroups", [:]),
            ("DescribeVolumes", [:]),
        ]
        for (operation, parameters) in requests {
            if operation == "StartInstances" { estate.advance(by: .seconds(120)) }
            let value = try estate.execute(OperationRequest(service: "ec2", operation: operation, parameters: parameters)).get()
            var dropped: [String] = []
            _ = XMLAnswer(model: model).node(value, shape: try #require(model.operations[operation]?.output), path: "", dropped: &dropped)
            // The catalog's own additions (how a name parses, whether its specs are estimated, a
            // simulated price) are not AWS's and rightly stay off the wire; nothing else may.
            let unexpected = dropped.filter { !Self.simulatorOnly.contains(String($0.split(separator: ".").last ?? "")) }
            #expect(unexpected.isEmpty, "\(operation): no wire name for \(unexpected)")
        }
    }

    @Test func theModelCoversEveryEC2OperationTheEstateHas() {
        for spec in estate.ec2.operations {
            #expect(WireModel.ec2.operations[spec.name] != nil, "\(spec.name) is missing from EC2WireModel: rerun scripts/gen_wire_models.py")
        }
    }

    @Test func errorsAreAResponseOfErrorsWithARequestID() {
        let missing = call("Action=StopInstances&InstanceId.1=i-0123456789abcdef0")
        #expect(missing.status == 400)
        #expect(missing.bodyText.contains("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>"), "\(missing.bodyText)")
        #expect(missing.bodyText.contains("</Errors><RequestID>"))

        let unknown = call("Action=FrobnicateInstances")
        #expect(unknown.status == 400)
        #expect(unknown.bodyText.contains("<Code>InvalidAction</Code>"))

        let badCount = call("Action=RunInstances&ImageId=ami-12345678&MinCount=two&MaxCount=2")
        #expect(badCount.bodyText.contains("<Code>InvalidParameterValue</Code>"), "\(badCount.bodyText)")
        #expect(estate.ec2.instances.isEmpty)
    }

    @Test func aRequestNamingNoServiceIsAnsweredClearly() {
        // API Gateway (REST) is a service the estate does not simulate.
        let signed = "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0"
        let answer = gateway.respond(to: WireRequest(method: "GET", path: "/restapis", headers: ["Authorization": signed])) { estate.execute($0) }
        #expect(answer.status == 400)
        #expect(answer.bodyText.contains("UnknownOperationException") && answer.bodyText.contains("X-Amz-Target"))
    }
}
