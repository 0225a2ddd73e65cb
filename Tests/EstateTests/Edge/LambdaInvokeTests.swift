@testable import Estate
import Foundation
import Testing

/// `lambda invoke` on the website's rule functions, with CloudFront events as the Lambda console's
/// test events write them: the answer is the function's result in Lambda@Edge's shape, and the
/// run touches no distribution.
@Suite struct LambdaInvokeTests {
    static func event(_ type: String, uri: String, response: Bool = false) -> String {
        let request = #"{"clientIp":"203.0.113.9","headers":{"host":[{"key":"Host","value":"d1.cloudfront.net"}]},"method":"GET","querystring":"","uri":"\#(uri)"}"#
        let answer = response ? #","response":{"headers":{"content-type":[{"key":"Content-Type","value":"text/html"}]},"status":"200","statusDescription":"OK"}"# : ""
        return #"{"Records":[{"cf":{"config":{"distributionDomainName":"d1.cloudfront.net","distributionId":"E1","eventType":"\#(type)","requestId":"r1"},"request":\#(request)\#(answer)}}]}"#
    }

    static func invoke(_ estate: Estate, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "lambda", operation: "Invoke", parameters: parameters))
    }

    static func payload(_ answer: JSONValue) throws -> JSONValue {
        try JSONParser.parse(try #require(answer["Payload"]?.stringValue))
    }

    @Test func aViewerResponseRuleFunctionAddsItsHeaders() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let requests = estate.edge.distributions.map(\.metrics.requests)
        let answer = try Self.invoke(estate, ["FunctionName": "security-headers",
                                              "Payload": .string(Self.event("viewer-response", uri: "/index.html", response: true))]).get()
        #expect(answer["StatusCode"] == 200 && answer["ExecutedVersion"] == "$LATEST" && answer["FunctionError"] == nil)
        let response = try Self.payload(answer)
        // The headers security-headers.yaml sets, beside the one the event carried.
        #expect(response["status"] == "200")
        #expect(response["headers"]?["strict-transport-security"]?[0]?["value"] == "max-age=63072000; includeSubDomains; preload")
        #expect(response["headers"]?["x-frame-options"]?[0]?["value"] == "DENY")
        #expect(response["headers"]?["content-type"]?[0]?["value"] == "text/html")
        // A direct run is the function's own: no distribution served anything.
        #expect(estate.edge.distributions.map(\.metrics.requests) == requests)
    }

    @Test func anOriginRequestRuleFunctionRewritesTheURI() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let answer = try Self.invoke(estate, ["FunctionName": "docs-index", "Payload": .string(Self.event("origin-request", uri: "/docs"))]).get()
        #expect(try Self.payload(answer)["uri"] == "/docs/index.html")
        let folder = try Self.invoke(estate, ["FunctionName": "docs-index", "Payload": .string(Self.event("origin-request", uri: "/guide/"))]).get()
        #expect(try Self.payload(folder)["uri"] == "/guide/index.html")
    }

    @Test func whatLambdaRefusesAndWhatItReportsAsTheFunctionsError() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        func code(_ parameters: JSONValue) -> String? {
            if case let .failure(error) = Self.invoke(estate, parameters) { return error.code }
            return nil
        }
        #expect(code(["FunctionName": "nobody"]) == "ResourceNotFoundException")
        #expect(code(["FunctionName": "docs-index", "Qualifier": "7"]) == "ResourceNotFoundException")
        #expect(code(["FunctionName": "docs-index", "Payload": "{not json"]) == "InvalidRequestContentException")
        #expect(code(["FunctionName": "docs-index", "InvocationType": "Later"]) == "InvalidParameterValueException")
        #expect(code(["FunctionName": "docs-index", "LogType": "All"]) == "InvalidParameterValueException")
        // An event that is not CloudFront's is the function's failure, answered with status 200.
        let failed = try Self.invoke(estate, ["FunctionName": "docs-index", "Payload": #"{"n": 1}"#]).get()
        #expect(failed["StatusCode"] == 200 && failed["FunctionError"] == "Unhandled")
        #expect(try Self.payload(failed)["errorMessage"]?.stringValue?.contains("cf.request") == true)
        // DryRun checks and runs nothing; Event queues and answers 202 without a payload.
        let dry = try Self.invoke(estate, ["FunctionName": "docs-index", "InvocationType": "DryRun"]).get()
        #expect(dry["StatusCode"] == 204 && dry["Payload"] == nil)
        let queued = try Self.invoke(estate, ["FunctionName": "docs-index", "InvocationType": "Event",
                                              "Payload": .string(Self.event("origin-request", uri: "/docs"))]).get()
        #expect(queued["StatusCode"] == 202 && queued["Payload"] == nil)
    }

    @Test func theTailOfTheLogIsLambdasStartEndAndReport() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let answer = try Self.invoke(estate, ["FunctionName": "docs-index", "LogType": "Tail",
                                              "Payload": .string(Self.event("origin-request", uri: "/docs"))]).get()
        let encoded = try #require(answer["LogResult"]?.stringValue)
        let log = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        let lines = log.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("START RequestId: ") == true && lines.first?.hasSuffix(" Version: $LATEST") == true)
        #expect(lines.dropFirst().first?.hasPrefix("END RequestId: ") == true)
        #expect(lines.last?.hasPrefix("REPORT RequestId: ") == true && lines.last?.contains("Billed Duration: ") == true)
        // Without Tail there is no log in the answer.
        let quiet = try Self.invoke(estate, ["FunctionName": "docs-index", "Payload": .string(Self.event("origin-request", uri: "/docs"))]).get()
        #expect(quiet["LogResult"] == nil)
    }
}
