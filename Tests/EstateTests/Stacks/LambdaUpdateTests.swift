@testable import Estate
import Testing

/// `lambda update-function-code` and `update-function-configuration` change `$LATEST` and leave
/// published versions as they were; a stack update of a function's code or settings goes through
/// them in place, as CloudFormation documents ("Update requires: No interruption").
@Suite struct LambdaUpdateTests {
    typealias F = StackFixtures

    static func lambda(_ estate: Estate, _ operation: String, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "lambda", operation: operation, parameters: parameters))
    }

    /// A function `headers` with version 1 published from its first code.
    static func published() throws -> Estate {
        let estate = F.estate()
        _ = try lambda(estate, "CreateFunction", [
            "FunctionName": "headers", "Runtime": "nodejs20.x", "Handler": "index.handler", "Role": "arn:aws:iam::123456789012:role/edge",
            "Code": ["ZipFile": "exports.handler = async (e) => e.Records[0].cf.response;"], "Publish": true,
        ]).get()
        return estate
    }

    @Test func newCodeChangesLatestAndNotThePublishedVersion() throws {
        let estate = try Self.published()
        let before = try Self.lambda(estate, "GetFunction", ["FunctionName": "headers", "Qualifier": "1"]).get()["Configuration"]
        estate.advance(by: .seconds(90))
        let reply = try Self.lambda(estate, "UpdateFunctionCode", ["FunctionName": "headers", "ZipFile": "abc"]).get()
        // SHA-256 of "abc" (FIPS 180-2's example), base64 as Lambda reports it.
        #expect(reply["CodeSha256"] == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(reply["CodeSize"] == 3 && reply["Version"] == "$LATEST")
        #expect(reply["LastModified"]?.stringValue == SimCalendar.iso8601(estate.now))
        let latest = try Self.lambda(estate, "GetFunction", ["FunctionName": "headers"]).get()["Configuration"]
        #expect(latest?["CodeSha256"] == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        let version = try Self.lambda(estate, "GetFunction", ["FunctionName": "headers", "Qualifier": "1"]).get()["Configuration"]
        #expect(version == before, "a published version never changes")
        let republished = try Self.lambda(estate, "UpdateFunctionCode", ["FunctionName": "headers", "ZipFile": "abc", "Publish": true]).get()
        #expect(republished["Version"] == "2")
    }

    @Test func settingsChangeAndABadOneChangesNothing() throws {
        let estate = try Self.published()
        let reply = try Self.lambda(estate, "UpdateFunctionConfiguration", [
            "FunctionName": "headers", "Timeout": 5, "Description": "adds headers", "Handler": "index.other", "MemorySize": 256,
        ]).get()
        #expect(reply["Timeout"] == 5 && reply["Description"] == "adds headers" && reply["Handler"] == "index.other" && reply["MemorySize"] == 256)
        let refused = Self.lambda(estate, "UpdateFunctionConfiguration", ["FunctionName": "headers", "Description": "changed", "Timeout": 0])
        guard case let .failure(error) = refused else { Issue.record("a timeout of 0 was accepted"); return }
        #expect(error.code == "ValidationException")
        let after = try Self.lambda(estate, "GetFunction", ["FunctionName": "headers"]).get()["Configuration"]
        #expect(after?["Description"] == "adds headers" && after?["Timeout"] == 5, "nothing of the refused call applied")
        let missing = Self.lambda(estate, "UpdateFunctionCode", ["FunctionName": "nope", "ZipFile": "x"])
        guard case let .failure(notFound) = missing else { Issue.record("an unknown function was updated"); return }
        #expect(notFound.code == "ResourceNotFoundException")
    }

    static func template(code: String, timeout: Int) -> String {
        """
        Resources:
          Headers:
            Type: AWS::Lambda::Function
            Properties:
              FunctionName: headers
              Runtime: nodejs20.x
              Handler: index.handler
              Role: arn:aws:iam::123456789012:role/edge
              Timeout: \(timeout)
              Code:
                ZipFile: \(code)
          HeadersV1:
            Type: AWS::Lambda::Version
            Properties:
              FunctionName: !Ref Headers
        """
    }

    @Test func aStackUpdateOfCodeAndTimeoutAppliesInPlace() throws {
        let estate = try F.deployed(Self.template(code: "old", timeout: 3))
        let change = try F.firstChange(estate, to: Self.template(code: "abc", timeout: 5), name: "recode")
        #expect(change["LogicalResourceId"] == "Headers" && change["Action"] == "Modify" && change["Replacement"] == "False")
        try estate.stacks.updateStack(name: "s", body: Self.template(code: "abc", timeout: 5))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let events = F.events(estate, "s")
        #expect(F.first(events, "Headers", "UPDATE_COMPLETE")?.physicalID == "headers")
        #expect(F.first(events, "Headers", "DELETE_IN_PROGRESS") == nil, "no replacement")
        let function = try #require(estate.edge.function(named: "headers"))
        #expect(function.latest.sourceText == "abc" && function.timeoutSeconds == 5)
        #expect(function.version(1)?.body.sourceText == "old", "version 1 keeps the code it was published with")
    }
}
