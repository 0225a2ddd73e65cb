import Foundation
import Testing
@testable import Estate

/// The stack operations through the command language, `deploy` from a file, and the dump.
struct StackCommandTests {
    typealias F = StackFixtures

    func run(_ estate: Estate, _ line: String) -> Result<JSONValue, AWSError> {
        CommandRunner(estate: estate).run(line)!.result
    }

    func tempTemplate(_ body: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-\(name)-\(getpid()).yaml").path
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func deployCreatesThenUpdatesFromAFile() throws {
        let estate = F.estate()
        let path = try tempTemplate(streamAndFleetYAML, "deploy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try run(estate, "aws cloudformation deploy --template-file \(path) --stack-name shop --parameter-overrides Shards=3").get()
        #expect(first["ChangeSetId"]?.stringValue?.contains(":changeSet/awscli-cloudformation-package-deploy-") == true)
        F.settle(estate, "shop")
        #expect(F.status(estate, "shop") == StackStatus.createComplete)
        #expect(estate.kinesis.stream(named: "events")?.openShardCount == 3)
        let again = run(estate, "cloudformation deploy --template-file \(path) --stack-name shop")
        #expect(again == .failure(AWSError("ValidationError", "No changes to deploy. Stack shop is up to date")))
        _ = try run(estate, "cloudformation deploy --template-file \(path) --stack-name shop --parameter-overrides Shards=2").get()
        F.settle(estate, "shop")
        #expect(F.status(estate, "shop") == StackStatus.updateComplete)
        #expect(estate.kinesis.stream(named: "events")?.openShardCount == 2)
    }

    @Test func templateBodyReadsFileURLs() throws {
        let estate = F.estate()
        let path = try tempTemplate("Resources:\n  S: {Type: AWS::Kinesis::Stream, Properties: {Name: fromfile}}", "body")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try run(estate, "cloudformation create-stack --stack-name f --template-body file://\(path)").get()
        F.settle(estate, "f")
        #expect(F.streamNames(estate) == ["fromfile"])
        let missing = run(estate, "cloudformation create-stack --stack-name g --template-body file:///no/such.yaml")
        #expect(missing == .failure(AWSError("ParamValidation", "Unable to load paramfile file:///no/such.yaml: [Errno 2] No such file or directory: '/no/such.yaml'")))
        let described = try run(estate, "cloudformation describe-stacks --stack-name f").get()
        #expect(described["Stacks"]?.arrayValue?.first?["StackStatus"] == "CREATE_COMPLETE")
        let resources = try run(estate, "cloudformation describe-stack-resources --stack-name f").get()
        #expect(resources["StackResources"]?.arrayValue?.first?["PhysicalResourceId"] == "fromfile")
    }

    @Test func deployingAFolderMakesOneStackPerTemplate() throws {
        let estate = F.estate()
        let results = estate.stacks.deployDirectory(CfnLintTests.configStacks.path)
        #expect(results.map(\.stackName) == ["edge", "fleet", "seed-pipeline", "streams", "warehouse", "web-fleet", "website"])
        estate.advance(by: .minutes(3))
        #expect(F.status(estate, "web-fleet") == StackStatus.createComplete)
        #expect(F.status(estate, "streams") == StackStatus.createComplete)
        #expect(F.status(estate, "edge") == StackStatus.createComplete)
        #expect(F.status(estate, "warehouse") == StackStatus.createComplete)
        // Its distribution is Deployed two virtual minutes after it is created.
        #expect(F.status(estate, "website") == StackStatus.createComplete)
        // The seed's picture waits for its search domain (two virtual minutes) before the job.
        #expect(F.status(estate, "seed-pipeline") == StackStatus.createComplete)
    }

    func scriptedDump(seed: UInt64) -> String {
        let estate = Estate(name: "test", seed: seed)
        _ = try? estate.stacks.createStack(name: "shop", body: streamAndFleetYAML)
        _ = try? estate.stacks.createStack(name: "bad", body: StackCreateTests.failingInTheMiddle)
        estate.advance(by: .seconds(90))
        _ = try? estate.stacks.updateStack(name: "shop", body: streamAndFleetYAML, parameters: [.init(key: "Shards", value: "3", usePrevious: false)])
        estate.advance(by: .seconds(90))
        _ = try? estate.stacks.detectDrift(stackName: "shop")
        return estate.dump().serialized()
    }

    @Test func theDumpIsDeterministic() {
        let a = scriptedDump(seed: 5), b = scriptedDump(seed: 5)
        #expect(a == b)
        #expect(a.contains("\"Stacks\": {\"Stacks\": [{\"StackId\": \"arn:aws:cloudformation:us-east-1:123456789012:stack/shop/"))
        #expect(a.contains("\"StackStatus\": \"UPDATE_COMPLETE\""))
        #expect(a.contains("\"StackStatus\": \"ROLLBACK_COMPLETE\""))
        #expect(scriptedDump(seed: 6) != a)
    }
}
