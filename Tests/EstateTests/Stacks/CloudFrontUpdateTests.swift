@testable import Estate
import Testing

/// `cloudfront update-distribution` as AWS documents it: the whole new DistributionConfig, guarded
/// by the ETag of the last GetDistribution (none: InvalidIfMatchVersion; stale: PreconditionFailed);
/// the distribution is InProgress, then Deployed. A stack update of DistributionConfig ("Update
/// requires: No interruption") goes through it and keeps the distribution.
@Suite struct CloudFrontUpdateTests {
    typealias F = StackFixtures

    static func cloudfront(_ estate: Estate, _ operation: String, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "cloudfront", operation: operation, parameters: parameters))
    }

    static func config(defaultTTL: Int, api: Bool) -> JSONValue {
        var origins: [JSONValue] = [["Id": "site", "DomainName": "site.s3.amazonaws.com", "S3OriginConfig": ["OriginAccessIdentity": ""]]]
        var pairs: [(String, JSONValue)] = [("CallerReference", "site")]
        if api { origins.append(["Id": "api", "DomainName": "api.example.com", "CustomOriginConfig": ["HTTPPort": 80, "HTTPSPort": 443]]) }
        pairs.append(("Origins", ["Quantity": .int(Int64(origins.count)), "Items": .array(origins)]))
        pairs.append(("DefaultCacheBehavior", ["TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https", "DefaultTTL": .int(Int64(defaultTTL))]))
        if api {
            pairs.append(("CacheBehaviors", ["Quantity": 1, "Items": [["PathPattern": "/api/*", "TargetOriginId": "api", "ViewerProtocolPolicy": "https-only",
                                                                      "MinTTL": 0, "DefaultTTL": 0, "MaxTTL": 0]]]))
        }
        return .object(pairs)
    }

    /// A distribution `site` and the ETag GetDistribution gives it.
    static func created() throws -> (Estate, Distribution, String) {
        let estate = F.estate()
        let reply = try cloudfront(estate, "CreateDistribution", ["DistributionConfig": config(defaultTTL: 60, api: false)]).get()
        let id = try #require(reply["Distribution"]?["Id"]?.stringValue)
        let etag = try #require(try cloudfront(estate, "GetDistribution", ["Id": .string(id)]).get()["ETag"]?.stringValue)
        return (estate, try #require(estate.edge.distribution(named: id)), etag)
    }

    @Test func anUpdateAppliesTheNewConfigurationAndDeploys() throws {
        let (estate, distribution, etag) = try Self.created()
        estate.advance(by: .seconds(5))
        let reply = try Self.cloudfront(estate, "UpdateDistribution", [
            "Id": .string(distribution.id), "IfMatch": .string(etag), "DistributionConfig": Self.config(defaultTTL: 300, api: true),
        ]).get()
        #expect(reply["Distribution"]?["Status"] == "InProgress")
        let newTag = try #require(reply["ETag"]?.stringValue)
        #expect(newTag != etag, "every change gives a new ETag")
        #expect(distribution.defaultBehavior.defaultTTLSeconds == 300)
        #expect(distribution.behaviors.map(\.pathPattern) == ["/api/*"] && distribution.origins.map(\.id) == ["site", "api"])
        #expect(distribution.behavior(for: "/api/orders").targetOriginId == "api")

        estate.advance(by: .milliseconds(EdgeService.deploymentTime.milliseconds - 1000))
        #expect(try Self.cloudfront(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()["Distribution"]?["Status"] == "InProgress")
        estate.advance(by: .seconds(1))
        let got = try Self.cloudfront(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()
        #expect(got["Distribution"]?["Status"] == "Deployed" && got["ETag"]?.stringValue == newTag)
    }

    @Test func aStaleOrMissingETagOrABadConfigurationChangesNothing() throws {
        let (estate, distribution, etag) = try Self.created()
        _ = try Self.cloudfront(estate, "UpdateDistribution", [
            "Id": .string(distribution.id), "IfMatch": .string(etag), "DistributionConfig": Self.config(defaultTTL: 120, api: false),
        ]).get()
        let before = try Self.cloudfront(estate, "GetDistribution", ["Id": .string(distribution.id)]).get()
        let current = try #require(before["ETag"]?.stringValue)
        func code(_ parameters: JSONValue) -> String? {
            if case let .failure(error) = Self.cloudfront(estate, "UpdateDistribution", parameters) { return error.code }
            return nil
        }
        let wanted = Self.config(defaultTTL: 300, api: true)
        #expect(code(["Id": .string(distribution.id), "IfMatch": .string(etag), "DistributionConfig": wanted]) == "PreconditionFailed")
        #expect(code(["Id": .string(distribution.id), "DistributionConfig": wanted]) == "InvalidIfMatchVersion")
        #expect(code(["Id": "ENOSUCHDIST000", "IfMatch": .string(current), "DistributionConfig": wanted]) == "NoSuchDistribution")
        var orphan = Self.config(defaultTTL: 300, api: false)
        orphan = .object((orphan.objectValue ?? []).map { key, value in
            key == "DefaultCacheBehavior" ? (key, ["TargetOriginId": "nowhere", "ViewerProtocolPolicy": "allow-all"]) : (key, value)
        })
        #expect(code(["Id": .string(distribution.id), "IfMatch": .string(current), "DistributionConfig": orphan]) == "NoSuchOrigin")
        #expect(try Self.cloudfront(estate, "GetDistribution", ["Id": .string(distribution.id)]).get() == before, "nothing refused applied")
        #expect(distribution.defaultBehavior.defaultTTLSeconds == 120)
    }

    static func template(ttl: Int) -> String {
        """
        Resources:
          Site:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Origins:
                  - Id: site
                    DomainName: site.s3.amazonaws.com
                    S3OriginConfig: {}
                DefaultCacheBehavior:
                  TargetOriginId: site
                  ViewerProtocolPolicy: redirect-to-https
                  DefaultTTL: "\(ttl)"
        """
    }

    @Test func aStackUpdateOfTheConfigurationKeepsTheDistribution() throws {
        let estate = try F.deployed(Self.template(ttl: 60))
        let id = try #require(estate.stacks.stack("s")?.resource("Site")?.physicalID)
        let change = try F.firstChange(estate, to: Self.template(ttl: 300), name: "ttl")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let detail = try #require(change["Details"]?.arrayValue?.first)
        #expect(detail["Target"]?["Name"] == "DistributionConfig" && detail["Target"]?["RequiresRecreation"] == "Never")

        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(ttl: 300))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let events = F.events(estate, "s")
        let complete = try #require(F.first(events, "Site", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == id)
        #expect(complete.milliseconds >= (started + EdgeService.deploymentTime).milliseconds, "complete once deployed")
        #expect(F.first(events, "Site", "DELETE_IN_PROGRESS") == nil, "no replacement")
        let distribution = try #require(estate.edge.distribution(named: id))
        #expect(distribution.defaultBehavior.defaultTTLSeconds == 300 && distribution.status == "Deployed")
        #expect(estate.edge.distributions.count == 1)
    }
}
