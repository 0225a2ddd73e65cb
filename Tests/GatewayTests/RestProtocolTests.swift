@testable import Estate
import Foundation
import Testing
@testable import Gateway

/// The REST services (Lambda and OpenSearch in REST-JSON, CloudFront in REST-XML) and
/// Managed Flink (JSON 1.1) translated onto the estate's operations, without a socket.
@Suite struct RestProtocolTests {
    let estate = Estate(seed: 3)
    var gateway: Gateway { Gateway(estate: estate) }

    /// A request as boto3 sends it: signed for `service` (the scope is all routing reads).
    func call(_ method: String, _ path: String, query: String = "", service: String?, body: String = "",
              headers: [String: String] = [:]) -> WireResponse {
        var all = headers
        if let service { all["Authorization"] = "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/\(service)/aws4_request, SignedHeaders=host, Signature=0" }
        let request = WireRequest(method: method, path: path, query: query, headers: all, body: Array(body.utf8))
        return gateway.respond(to: request) { estate.execute($0) }
    }

    func json(_ response: WireResponse) throws -> JSONValue { try JSONParser.parse(response.bodyText) }

    static let source = "exports.handler = async (event) => event;"
    static var createFunction: String {
        #"{"FunctionName":"hello","Runtime":"nodejs20.x","Role":"arn:aws:iam::123456789012:role/r","Handler":"index.handler","Code":{"ZipFile":"\#(Data(source.utf8).base64EncodedString())"}}"#
    }

    // MARK: - Routing

    @Test func lambdaPathsNameOperationsAndMembers() throws {
        let lambda = try #require(gateway.restServices["lambda"])
        let get = try lambda.decode(WireRequest(method: "GET", path: "/2015-03-31/functions/my-fn", query: "Qualifier=3")).get()
        #expect(get.operation == "GetFunction")
        #expect(get.parameters["FunctionName"] == .string("my-fn") && get.parameters["Qualifier"] == .string("3"))
        // The query string's MaxItems is a number to the operation.
        let list = try lambda.decode(WireRequest(method: "GET", path: "/2015-03-31/functions", query: "MaxItems=5")).get()
        #expect(list.operation == "ListFunctions" && list.parameters["MaxItems"] == .int(5))
        // A function ARN in the path arrives percent-encoded.
        let arn = try lambda.decode(WireRequest(method: "POST", path: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/versions")).get()
        #expect(arn.operation == "PublishVersion" && arn.parameters["FunctionName"] == .string("arn:aws:lambda:us-east-1:1:function:f"))
        #expect(try lambda.decode(WireRequest(method: "PUT", path: "/2015-03-31/functions/f/code")).get().operation == "UpdateFunctionCode")
        #expect(try lambda.decode(WireRequest(method: "PUT", path: "/2015-03-31/functions/f/configuration")).get().operation == "UpdateFunctionConfiguration")
        #expect(try lambda.decode(WireRequest(method: "GET", path: "/2015-03-31/functions/f/versions")).get().operation == "ListVersionsByFunction")
        #expect(try lambda.decode(WireRequest(method: "DELETE", path: "/2015-03-31/functions/f")).get().operation == "DeleteFunction")
    }

    @Test func unsignedRequestsAreRoutedByTheirPath() throws {
        let list = call("GET", "/2021-01-01/domain", service: nil)
        #expect(list.status == 200, "\(list.bodyText)")
        #expect(try json(list)["DomainNames"] == .array([]))
        let functions = call("GET", "/2015-03-31/functions", service: nil)
        #expect(try json(functions)["Functions"] == .array([]))
    }

    // MARK: - Lambda

    @Test func lambdaCreateAnswers201WithTheSourceDecodedFromBase64() throws {
        let created = call("POST", "/2015-03-31/functions", service: "lambda", body: Self.createFunction)
        #expect(created.status == 201, "\(created.bodyText)")
        let config = try json(created)
        #expect(config["FunctionArn"] == .string("arn:aws:lambda:us-east-1:123456789012:function:hello"))
        #expect(config["CodeSize"] == .int(Int64(Self.source.utf8.count)))
        let published = call("POST", "/2015-03-31/functions/hello/versions", service: "lambda", body: "{}")
        #expect(published.status == 201)
        #expect(try json(published)["Version"] == .string("1"))
        let deleted = call("DELETE", "/2015-03-31/functions/hello", service: "lambda")
        #expect(deleted.status == 204 && deleted.body.isEmpty)
    }

    @Test func lambdaErrorsCarryTheTypeHeaderAndTheModelsStatus() throws {
        let missing = call("GET", "/2015-03-31/functions/nope", service: "lambda")
        #expect(missing.status == 404)
        #expect(missing.header("x-amzn-ErrorType") == "ResourceNotFoundException")
        #expect(try json(missing)["Type"] == .string("User"))
        #expect(try json(missing)["Message"]?.stringValue?.contains("nope") == true)
        _ = call("POST", "/2015-03-31/functions", service: "lambda", body: Self.createFunction)
        let again = call("POST", "/2015-03-31/functions", service: "lambda", body: Self.createFunction)
        #expect(again.status == 409 && again.header("x-amzn-ErrorType") == "ResourceConflictException")
    }

    // MARK: - OpenSearch

    @Test func openSearchDomainsAndTheirErrors() throws {
        let created = call("POST", "/2021-01-01/opensearch/domain", service: "es", body: #"{"DomainName":"logs","EngineVersion":"OpenSearch_2.11"}"#)
        #expect(created.status == 200, "\(created.bodyText)")
        #expect(try json(created)["DomainStatus"]?["ARN"] == .string("arn:aws:es:us-east-1:123456789012:domain/logs"))
        let listed = try json(call("GET", "/2021-01-01/domain", query: "engineType=OpenSearch", service: "es"))
        #expect(listed["DomainNames"] == .array([["DomainName": "logs", "EngineType": "OpenSearch"]]))
        let described = try json(call("GET", "/2021-01-01/opensearch/domain/logs", service: "es"))
        #expect(described["DomainStatus"]?["Processing"] == .bool(true))
        // OpenSearch's model answers a missing domain with 409, not 404.
        let missing = call("GET", "/2021-01-01/opensearch/domain/nope", service: "es")
        #expect(missing.status == 409 && missing.header("x-amzn-ErrorType") == "ResourceNotFoundException")
        #expect(try json(missing)["message"]?.stringValue?.isEmpty == false)
        let duplicate = call("POST", "/2021-01-01/opensearch/domain", service: "es", body: #"{"DomainName":"logs"}"#)
        #expect(duplicate.status == 409 && duplicate.header("x-amzn-ErrorType") == "ResourceAlreadyExistsException")
    }

    // MARK: - Managed Flink

    @Test func flinkAnswersOnItsJSONTarget() throws {
        let request = WireRequest(method: "POST", path: "/", headers: ["X-Amz-Target": "KinesisAnalytics_20180523.ListApplications",
                                                                       "Content-Type": "application/x-amz-json-1.1"], body: Array("{}".utf8))
        let listed = gateway.respond(to: request) { estate.execute($0) }
        #expect(listed.status == 200)
        #expect(try json(listed)["ApplicationSummaries"] == .array([]))
        let describe = WireRequest(method: "POST", path: "/", headers: ["X-Amz-Target": "KinesisAnalytics_20180523.DescribeApplication"],
                                   body: Array(#"{"ApplicationName":"nope"}"#.utf8))
        let missing = gateway.respond(to: describe) { estate.execute($0) }
        #expect(missing.status == 400)
        #expect(try json(missing)["__type"] == .string("ResourceNotFoundException"))
    }

    // MARK: - CloudFront

    static let distributionConfig = """
    <?xml version="1.0" encoding="UTF-8"?>
    <DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
      <CallerReference>site-1</CallerReference>
      <Comment>site</Comment>
      <Enabled>true</Enabled>
      <Origins><Quantity>2</Quantity><Items>
        <Origin><Id>web</Id><DomainName>web.s3.amazonaws.com</DomainName><S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig></Origin>
        <Origin><Id>api</Id><DomainName>api.example.com</DomainName><CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>https-only</OriginProtocolPolicy></CustomOriginConfig></Origin>
      </Items></Origins>
      <DefaultCacheBehavior><TargetOriginId>web</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy><MinTTL>0</MinTTL><DefaultTTL>60</DefaultTTL></DefaultCacheBehavior>
      <CacheBehaviors><Quantity>1</Quantity><Items><CacheBehavior><PathPattern>/api/*</PathPattern><TargetOriginId>api</TargetOriginId><ViewerProtocolPolicy>https-only</ViewerProtocolPolicy><MinTTL>0</MinTTL></CacheBehavior></Items></CacheBehaviors>
    </DistributionConfig>
    """

    @Test func distributionConfigXMLBecomesTheOperationsParameters() throws {
        let cloudfront = try #require(gateway.restServices["cloudfront"])
        let request = try cloudfront.decode(WireRequest(method: "POST", path: "/2020-05-31/distribution", body: Array(Self.distributionConfig.utf8))).get()
        #expect(request.operation == "CreateDistribution")
        let config = try #require(request.parameters["DistributionConfig"])
        #expect(config["CallerReference"] == .string("site-1"))
        #expect(config["Enabled"] == .bool(true))
        #expect(config["Origins"]?["Quantity"] == .int(2))
        #expect(config["Origins"]?["Items"]?.arrayValue?.map { $0["Id"] } == [.string("web"), .string("api")])
        #expect(config["Origins"]?["Items"]?.arrayValue?[1]["CustomOriginConfig"]?["HTTPSPort"] == .int(443))
        #expect(config["DefaultCacheBehavior"]?["DefaultTTL"] == .int(60))
        #expect(config["CacheBehaviors"]?["Items"]?.arrayValue?[0]["PathPattern"] == .string("/api/*"))
    }

    @Test func cloudFrontCreateGetConfigAndDeleteWithETags() throws {
        let created = call("POST", "/2020-05-31/distribution", service: "cloudfront", body: Self.distributionConfig)
        #expect(created.status == 201, "\(created.bodyText)")
        let etag = try #require(created.header("ETag"))
        let location = try #require(created.header("Location"))
        let id = try #require(location.split(separator: "/").last.map(String.init))
        #expect(location == "https://cloudfront.amazonaws.com/2020-05-31/distribution/\(id)")
        #expect(created.bodyText.contains("<Distribution xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"))
        #expect(created.bodyText.contains("<Id>\(id)</Id>"))
        #expect(created.bodyText.contains("<Items><Origin><Id>web</Id>"))

        let config = call("GET", "/2020-05-31/distribution/\(id)/config", service: "cloudfront")
        #expect(config.status == 200 && config.header("ETag") == etag)
        #expect(config.bodyText.contains("<DistributionConfig xmlns=") && config.bodyText.contains("<DefaultCacheBehavior><TargetOriginId>web</TargetOriginId>"))

        let stale = call("DELETE", "/2020-05-31/distribution/\(id)", service: "cloudfront", headers: ["If-Match": "E0000"])
        #expect(stale.status == 412 && stale.bodyText.contains("<Code>PreconditionFailed</Code>"))
        // Only a disabled distribution whose disabling has deployed is deleted, as in AWS.
        let enabled = call("DELETE", "/2020-05-31/distribution/\(id)", service: "cloudfront", headers: ["If-Match": etag])
        #expect(enabled.status == 409 && enabled.bodyText.contains("<Code>DistributionNotDisabled</Code>"), "\(enabled.bodyText)")
        let disabling = Self.distributionConfig.replacingOccurrences(of: "<Enabled>true</Enabled>", with: "<Enabled>false</Enabled>")
        let updated = call("PUT", "/2020-05-31/distribution/\(id)/config", service: "cloudfront", body: disabling, headers: ["If-Match": etag])
        #expect(updated.status == 200 && updated.bodyText.contains("<Enabled>false</Enabled>"), "\(updated.bodyText)")
        let newETag = try #require(updated.header("ETag"))
        estate.advance(by: EdgeService.deploymentTime)
        let deleted = call("DELETE", "/2020-05-31/distribution/\(id)", service: "cloudfront", headers: ["If-Match": newETag])
        #expect(deleted.status == 204 && deleted.body.isEmpty, "\(deleted.bodyText)")
        let gone = call("GET", "/2020-05-31/distribution/\(id)", service: "cloudfront")
        #expect(gone.status == 404)
        #expect(gone.bodyText.contains("<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Error><Type>Sender</Type><Code>NoSuchDistribution</Code>"))
    }

    /// Every member the estate answers with has a place in botocore's shapes: nothing is
    /// silently left out of the XML.
    @Test func cloudFrontAnswersFitTheModel() throws {
        let created = call("POST", "/2020-05-31/distribution", service: "cloudfront", body: Self.distributionConfig)
        #expect(created.status == 201)
        let model = WireModel.cloudFront
        let edge = try #require(estate.service(named: "cloudfront"))
        for (operation, parameters) in [("GetDistribution", ["Id": JSONValue.string("site-1")]), ("ListDistributions", [:])] {
            let value = try edge.perform(operation, Parameters(.object(parameters.map { ($0.key, $0.value) })))
            let output = try #require(model.operations[operation]?.output)
            let payload = try #require(model.payloads[output])
            guard case let .structure(members)? = model.shapes[output] else { Issue.record("no shape"); continue }
            let shape = try #require(members.first { $0.name == payload }?.shape)
            var dropped: [String] = []
            _ = XMLAnswer(model: model).node(try #require(value[payload]), shape: shape, path: payload, dropped: &dropped)
            #expect(dropped == [], "\(operation)")
        }
    }

    @Test func malformedXMLIsRefusedInCloudFrontsShape() {
        let bad = call("POST", "/2020-05-31/distribution", service: "cloudfront", body: "<DistributionConfig><CallerReference>")
        #expect(bad.status == 400 && bad.bodyText.contains("<Code>MalformedXML</Code>"))
        let empty = call("POST", "/2020-05-31/distribution", service: "cloudfront")
        #expect(empty.status == 400 && empty.bodyText.contains("<Code>MissingBody</Code>"))
    }
    /// The endpoint's answer is the palette's answer: the same operation, on the same estate.
    @Test func answersOverHTTPEqualThePalettesOwn() throws {
        _ = call("POST", "/2015-03-31/functions", service: "lambda", body: Self.createFunction)
        _ = call("POST", "/2021-01-01/opensearch/domain", service: "es", body: #"{"DomainName":"logs"}"#)
        let pairs: [(WireResponse, String)] = [
            (call("GET", "/2015-03-31/functions/hello", service: "lambda"), "lambda get-function --function-name hello"),
            (call("GET", "/2015-03-31/functions/hello/versions", service: "lambda"), "lambda list-versions-by-function --function-name hello"),
            (call("GET", "/2021-01-01/opensearch/domain/logs", service: "es"), "opensearch describe-domain --domain-name logs"),
            (call("GET", "/2021-01-01/domain", service: "es"), "opensearch list-domain-names"),
        ]
        for (response, command) in pairs {
            let palette = try #require(CommandRunner(estate: estate).run(command)).result.get()
            #expect(try json(response) == JSONProtocol.dropNulls(palette), "\(command)")
        }
    }

    // MARK: - Lambda deployment packages

    /// Python's zipfile: a folder, a deflated `index.js` (the handler, three lines) and a
    /// stored README.
    static let package = "UEsDBBQAAAAAAAAAIVwAAAAAAAAAAAAAAAAEAAAAbGliL1BLAwQUAAAACAAAACFcRziENSwAAAB+AAAACAAAAGluZGV4LmpzS60oyC8qKdbLSMxLyUktUrBVSCyuzEtW0EgtS80r0VSwtVMAs6y5UmmgEgBQSwMEFAAAAAAAAAAhXIymGwEFAAAABQAAAAoAAABSRUFETUUudHh0bm90ZXNQSwECFAMUAAAAAAAAACFcAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAgAEAAAAAbGliL1BLAQIUAxQAAAAIAAAAIVxHOIQ1LAAAAH4AAAAIAAAAAAAAAAAAAACAASIAAABpbmRleC5qc1BLAQIUAxQAAAAAAAAAIVyMphsBBQAAAAUAAAAKAAAAAAAAAAAAAACAAXQAAABSRUFETUUudHh0UEsFBgAAAAADAAMAoAAAAKEAAAAAAA=="

    @Test func aZipPackageIsUnpackedToItsHandlersFile() throws {
        let archive = try ZipArchive(Array(try #require(Data(base64Encoded: Self.package))))
        #expect(archive.entries.map(\.name) == ["index.js", "README.txt"])
        let handler = String(repeating: "exports.handler = async (event) => event;\n", count: 3)
        #expect(archive.handlerFile(module: "index").map { String(decoding: $0.bytes, as: UTF8.self) } == handler)
        #expect(archive.entries.last.map { String(decoding: $0.bytes, as: UTF8.self) } == "notes")

        let body = #"{"FunctionName":"zipped","Runtime":"nodejs20.x","Role":"arn:aws:iam::123456789012:role/r","Handler":"index.handler","Code":{"ZipFile":"\#(Self.package)"}}"#
        let created = call("POST", "/2015-03-31/functions", service: "lambda", body: body)
        #expect(created.status == 201, "\(created.bodyText)")
        #expect(try json(created)["CodeSize"] == .int(Int64(handler.utf8.count)))
        // A handler module the package does not hold is refused, and nothing is created.
        let wrong = body.replacingOccurrences(of: "zipped", with: "other").replacingOccurrences(of: "index.handler", with: "app.handler")
        let refused = call("POST", "/2015-03-31/functions", service: "lambda", body: wrong)
        #expect(refused.status == 400 && refused.header("x-amzn-ErrorType") == "InvalidParameterValueException")
        #expect(call("GET", "/2015-03-31/functions/other", service: "lambda").status == 404)
        let broken = body.replacingOccurrences(of: "zipped", with: "broken").replacingOccurrences(of: Self.package, with: "UEsDBAAA")
        #expect(call("POST", "/2015-03-31/functions", service: "lambda", body: broken).header("x-amzn-ErrorType") == "InvalidParameterValueException")
    }
}
