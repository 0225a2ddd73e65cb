@testable import Estate
import Testing

/// `cloudfront` and `lambda` operations in the AWS CLI's shapes, and attaching versions.
@Suite struct EdgeOperationsTests {
    /// Required members of botocore's cloudfront `DistributionSummary` (2020-05-31).
    static let summaryRequired = ["Id", "ARN", "Status", "LastModifiedTime", "DomainName", "Aliases", "Origins", "DefaultCacheBehavior",
                                  "CacheBehaviors", "CustomErrorResponses", "Comment", "PriceClass", "Enabled", "ViewerCertificate",
                                  "Restrictions", "WebACLId", "HttpVersion", "IsIPV6Enabled", "Staging"]

    @Test func listDistributionsHasTheSummaryShape() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let out = Fixtures.run(estate, "cloudfront list-distributions")[0]
        let list = try #require(out["DistributionList"])
        for member in ["Marker", "MaxItems", "IsTruncated", "Quantity"] { #expect(list[member] != nil, "\(member)") }
        #expect(list["Quantity"] == 1)
        let item = try #require(list["Items"]?[0])
        for member in Self.summaryRequired { #expect(item[member] != nil, "DistributionSummary.\(member)") }
        #expect(item["DomainName"]?.stringValue == estate.edge.distributions[0].domainName)
        #expect(item["CacheBehaviors"]?["Quantity"] == 2)
    }

    @Test func getDistributionShowsTheAssociationsWithVersionedARNs() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let id = estate.edge.distributions[0].id
        let out = Fixtures.run(estate, "cloudfront get-distribution --id \(id)")[0]
        let distribution = try #require(out["Distribution"])
        for member in ["Id", "ARN", "Status", "LastModifiedTime", "InProgressInvalidationBatches", "DomainName", "DistributionConfig"] {
            #expect(distribution[member] != nil, "\(member)")
        }
        #expect(out["ETag"] != nil)
        let lambdas = try #require(distribution["DistributionConfig"]?["DefaultCacheBehavior"]?["LambdaFunctionAssociations"]?["Items"]?.arrayValue)
        #expect(lambdas.map { $0["EventType"]?.stringValue ?? "" } == ["viewer-request", "origin-request", "viewer-response"])
        #expect(lambdas.allSatisfy { $0["LambdaFunctionARN"]?.stringValue?.hasSuffix(":1") == true })
        #expect(Fixtures.run(estate, "cloudfront get-distribution --id EXXXXXXXXXXXXX")[0].errorCode == "NoSuchDistribution")
    }

    @Test func lambdaListsFunctionsAndVersions() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let functions = try #require(Fixtures.run(estate, "lambda list-functions")[0]["Functions"]?.arrayValue)
        let names = functions.compactMap { $0["FunctionName"]?.stringValue }
        #expect(names.contains("docs-index"))
        #expect(functions.first { $0["FunctionName"] == "security-headers-js" }?["Runtime"] == "nodejs20.x")
        let versions = try #require(Fixtures.run(estate, "lambda list-versions-by-function --function-name docs-index")[0]["Versions"]?.arrayValue)
        #expect(versions.map { $0["Version"]?.stringValue ?? "" } == ["$LATEST", "1"])
        let published = Fixtures.run(estate, "lambda publish-version --function-name docs-index")[0]
        #expect(published["Version"] == "2")
        #expect(published["FunctionArn"]?.stringValue?.hasSuffix(":function:docs-index:2") == true)
        let got = Fixtures.run(estate, "lambda get-function --function-name docs-index --qualifier 2")[0]
        #expect(got["Configuration"]?["Version"] == "2")
        #expect(Fixtures.run(estate, "lambda get-function --function-name nope")[0].errorCode == "ResourceNotFoundException")
    }

    @Test func attachingLatestIsRefusedAndANumberedVersionIsTaken() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let refused = Fixtures.run(estate, "edge attach website * origin-request docs-index:$LATEST")[0]
        #expect(refused.errorCode == "ParamValidation")
        let unpublished = Fixtures.run(estate, "edge attach website * origin-request docs-index:2")[0]
        #expect(unpublished.errorCode == "InvalidLambdaFunctionAssociation")
        // Nothing changed: version 1 is still attached.
        #expect(estate.edge.distributions[0].defaultBehavior.association(for: .originRequest)?.version == 1)
        Fixtures.run(estate, "lambda publish-version --function-name docs-index")
        let ok = Fixtures.run(estate, "edge attach website * origin-request docs-index:2")[0]
        #expect(ok.errorCode == nil)
        #expect(estate.edge.distributions[0].defaultBehavior.association(for: .originRequest)?.version == 2)
        // Through the service API, an association without a version is refused with AWS's code.
        #expect(throws: AWSError.self) { try estate.edge.associate(distribution: "website", pathPattern: "*", event: .originRequest, function: "docs-index", version: nil) }
    }

    @Test func edgeRequestRejectsBadInputWithoutChangingAnything() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        let before = estate.edge.distributions[0].metrics.requests
        #expect(Fixtures.run(estate, "edge request FETCH /")[0].errorCode == "ParamValidation")
        #expect(Fixtures.run(estate, "edge request GET nope")[0].errorCode == "ParamValidation")
        #expect(Fixtures.run(estate, "edge request GET / --header NoColon")[0].errorCode == "ParamValidation")
        #expect(Fixtures.run(estate, "edge request GET / --distribution other")[0].errorCode == "NoSuchDistribution")
        #expect(Fixtures.run(estate, "edge sign-session --user 'a b'")[0].errorCode == "ParamValidation")
        #expect(estate.edge.distributions[0].metrics.requests == before)
    }

    @Test func metricsCountRequestsHitsStatusesAndFunctionRuns() throws {
        let estate = try EdgeFixtures.defaultEdgeEstate()
        for _ in 0..<3 { _ = EdgeFixtures.request(estate, "GET /index.html") }
        _ = EdgeFixtures.request(estate, "GET /account/orders")
        estate.advance(by: .seconds(1))
        let row = try #require(estate.edge.distributionRows.first)
        #expect(row.requests == 4)
        #expect(row.requestsPerSecond == 4)
        #expect(row.statusMix["2xx"] == 3 && row.statusMix["3xx"] == 1)
        #expect(row.cacheHitRatio == 0.5)  // 2 hits of 4 (the redirect counts as not served from cache)
        let router = try #require(estate.edge.functionRows.first { $0.functionName == "edge-router" && $0.eventType == .viewerRequest })
        #expect(router.invocations == 3)
        #expect(router.errors == 0)
        #expect(router.durationP50Milliseconds > 0)
        #expect(router.durationP99Milliseconds >= router.durationP50Milliseconds)
        #expect(estate.edge.recentRequests().count == 4)
    }
}
