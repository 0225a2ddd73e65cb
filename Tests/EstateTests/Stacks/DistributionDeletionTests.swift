@testable import Estate
import Testing

/// A CloudFront distribution is deleted as AWS allows it: only once it is disabled and the
/// disabling has deployed. The website stack's deletion does what CloudFormation does: disable,
/// wait for `Deployed`, then delete, and then the functions behind it.
@Suite struct DistributionDeletionTests {
    static func formed() throws -> (Estate, Distribution) {
        let estate = try WebsiteStackTests.defaultEstate()
        estate.advance(to: .zero + .minutes(3))
        return (estate, try #require(estate.edge.distribution(named: "website")))
    }

    static func run(_ estate: Estate, _ operation: String, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "cloudfront", operation: operation, parameters: parameters))
    }

    @Test func anEnabledOrStillDeployingDistributionIsNotDeleted() throws {
        let (estate, distribution) = try Self.formed()
        let etag = try Self.run(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()["ETag"] ?? ""
        if case let .failure(error) = Self.run(estate, "DeleteDistribution", ["Id": .string(distribution.id), "IfMatch": etag]) {
            #expect(error.code == "DistributionNotDisabled")
        } else {
            Issue.record("an enabled distribution was deleted")
        }

        // Disabled: InProgress for two minutes, during which deleting is still refused.
        let current = try Self.run(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()
        let config = try #require(current["Distribution"]?["DistributionConfig"])
        let updated = try Self.run(estate, "UpdateDistribution", ["Id": .string(distribution.id), "IfMatch": current["ETag"] ?? "",
                                                                  "DistributionConfig": EdgeService.disabledConfig(config)]).get()
        #expect(updated["Distribution"]?["Status"] == "InProgress")
        #expect(updated["Distribution"]?["DistributionConfig"]?["Enabled"] == false)
        #expect(!distribution.isEnabled)
        if case let .failure(error) = Self.run(estate, "DeleteDistribution", ["Id": .string(distribution.id)]) {
            #expect(error.code == "DistributionNotDisabled")
        } else {
            Issue.record("a distribution still deploying its disabling was deleted")
        }

        // A disabled distribution accepts no requests: the estate's viewers send nothing, and
        // one sent anyway is refused at the edge with nothing of the distribution running.
        let sent = try #require(estate.edge.traffic).sent
        let requests = distribution.metrics.requests
        let refused = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: "/docs/index.html"))
        #expect(refused.response.status == 403)
        #expect(refused.response.headers.first("X-Cache") == "Error from cloudfront")
        #expect(refused.trace.isEmpty && refused.originRequest == nil)
        estate.advance(by: .minutes(2))
        #expect(estate.edge.traffic?.sent == sent)
        #expect(distribution.metrics.requests == requests)
        #expect(distribution.status == "Deployed")
        _ = try Self.run(estate, "DeleteDistribution", ["Id": .string(distribution.id)]).get()
        #expect(estate.edge.distribution(named: "website") == nil)
    }

    @Test func theWebsiteStackDeletesByDisablingItsDistributionFirst() throws {
        let (estate, distribution) = try Self.formed()
        let stackID = try #require(estate.stacks.stack("website")?.stackID)
        try estate.stacks.deleteStack(name: "website")
        estate.advance(by: .seconds(1))
        #expect(!distribution.isEnabled && distribution.status == "InProgress")
        StackFixtures.settle(estate, stackID)

        let stack = try #require(estate.stacks.stack(stackID))
        #expect(stack.status == StackStatus.deleteComplete, "\(stack.statusReason ?? "")")
        #expect(estate.edge.distribution(named: "website") == nil)
        #expect(estate.edge.functions.isEmpty)
        // The distribution goes two virtual minutes (one deployment) after the delete began,
        // and the functions only after it.
        let events = StackFixtures.events(estate, stackID)
        let began = try #require(StackFixtures.first(events, "website", StackStatus.deleteInProgress)).milliseconds
        let gone = try #require(StackFixtures.first(events, "Distribution", StackStatus.deleteComplete)).milliseconds
        #expect(gone - began == EdgeService.deploymentTime.milliseconds)
        let function = try #require(StackFixtures.first(events, "SecurityHeadersVersion", StackStatus.deleteComplete)).milliseconds
        #expect(function >= gone)
    }
}
