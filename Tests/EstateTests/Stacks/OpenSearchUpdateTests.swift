@testable import Estate
import Testing

/// `opensearch update-domain-config` as AWS documents it: the domain takes the new cluster
/// configuration and reports `Processing` until the change is deployed, serving meanwhile; bad
/// values change nothing. AWS::OpenSearchService::Domain's ClusterConfig is "Update requires: No
/// interruption"; DomainName and EngineVersion (without the EnableVersionUpgrade policy) replace.
@Suite struct OpenSearchUpdateTests {
    typealias F = StackFixtures

    static func describe(_ estate: Estate, _ name: String = "logs") throws -> JSONValue {
        try #require(try estate.ok("opensearch describe-domain --domain-name \(name)")["DomainStatus"])
    }

    @Test func aNewClusterConfigurationProcessesThenIsDone() throws {
        let estate = F.estate()
        _ = try estate.ok("opensearch create-domain --domain-name logs")
        estate.advance(by: SearchService.domainCreation)
        let reply = try estate.ok("opensearch update-domain-config --domain-name logs --cluster-config InstanceType=r6g.xlarge.search,InstanceCount=3")
        let cluster = reply["DomainConfig"]?["ClusterConfig"]
        #expect(cluster?["Status"]?["State"] == "Processing" && cluster?["Status"]?["UpdateVersion"] == 1)
        #expect(cluster?["Options"]?["InstanceType"] == "r6g.xlarge.search" && cluster?["Options"]?["InstanceCount"] == 3)
        let during = try Self.describe(estate)
        #expect(during["Processing"] == true && during["Endpoint"] != nil, "the domain serves while it changes")
        estate.advance(by: .milliseconds(SearchService.domainUpdate.milliseconds - 1000))
        #expect(try Self.describe(estate)["Processing"] == true)
        estate.advance(by: .seconds(1))
        let after = try Self.describe(estate)
        #expect(after["Processing"] == false)
        #expect(after["ClusterConfig"]?["InstanceType"] == "r6g.xlarge.search" && after["ClusterConfig"]?["InstanceCount"] == 3)
    }

    @Test func badValuesAndBusyDomainsAreRefusedAndChangeNothing() throws {
        let estate = F.estate()
        _ = try estate.ok("opensearch create-domain --domain-name logs")
        #expect(estate.errorCode("opensearch update-domain-config --domain-name logs --cluster-config InstanceCount=2") == "ValidationException",
                "still being created")
        estate.advance(by: SearchService.domainCreation)
        let before = try Self.describe(estate)
        #expect(estate.errorCode("opensearch update-domain-config --domain-name logs --cluster-config InstanceType=c5.large") == "ValidationException")
        #expect(estate.errorCode("opensearch update-domain-config --domain-name logs --cluster-config InstanceType=r6g.xlarge.search,InstanceCount=0") == "ValidationException")
        #expect(estate.errorCode("opensearch update-domain-config --domain-name nope --cluster-config InstanceCount=2") == "ResourceNotFoundException")
        #expect(try Self.describe(estate) == before, "nothing of a refused request applied")
    }

    static func template(count: Int = 1, version: String = "OpenSearch_2.11", named: Bool = true) -> String {
        """
        Resources:
          Search:
            Type: AWS::OpenSearchService::Domain
            Properties:
        \(named ? "      DomainName: logs" : "")
              EngineVersion: \(version)
              ClusterConfig:
                InstanceType: r6g.large.search
                InstanceCount: "\(count)"
        """
    }

    @Test func aStackUpdateOfTheClusterKeepsTheDomain() throws {
        let estate = try F.deployed(Self.template())
        let change = try F.firstChange(estate, to: Self.template(count: 3), name: "grow")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let detail = try #require(change["Details"]?.arrayValue?.first)
        #expect(detail["Target"]?["Name"] == "ClusterConfig" && detail["Target"]?["RequiresRecreation"] == "Never")

        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(count: 3))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let events = F.events(estate, "s")
        let complete = try #require(F.first(events, "Search", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == "logs")
        #expect(complete.milliseconds >= (started + SearchService.domainUpdate).milliseconds, "complete once the domain is done processing")
        #expect(F.first(events, "Search", "DELETE_IN_PROGRESS") == nil, "no replacement")
        let after = try Self.describe(estate)
        #expect(after["ClusterConfig"]?["InstanceCount"] == 3 && after["Processing"] == false)
    }

    @Test func aNewEngineVersionReplacesTheDomain() throws {
        let estate = try F.deployed(Self.template(named: false))
        let old = try #require(estate.stacks.stack("s")?.resource("Search")?.physicalID)
        let change = try F.firstChange(estate, to: Self.template(version: "OpenSearch_2.13", named: false), name: "upgrade")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "True")
        try estate.stacks.updateStack(name: "s", body: Self.template(version: "OpenSearch_2.13", named: false))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let new = try #require(estate.stacks.stack("s")?.resource("Search")?.physicalID)
        #expect(new != old)
        #expect(try Self.describe(estate, new)["EngineVersion"] == "OpenSearch_2.13")
        #expect(estate.errorCode("opensearch describe-domain --domain-name \(old)") == "ResourceNotFoundException", "the old domain is deleted")
    }
}
