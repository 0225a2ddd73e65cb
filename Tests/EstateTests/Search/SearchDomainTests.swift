@testable import Estate
import Testing

/// `opensearch` domain operations in botocore's shapes.
@Suite struct SearchDomainTests {
    @Test func createDescribeListDelete() throws {
        let estate = Estate(name: "t", seed: 1)
        let created = try estate.ok("opensearch create-domain --domain-name logs --engine-version OpenSearch_2.11 --cluster-config InstanceType=r6g.large.search,InstanceCount=2")
        let status = try #require(created["DomainStatus"])
        #expect(status["DomainName"] == "logs")
        #expect(status["ARN"] == "arn:aws:es:us-east-1:123456789012:domain/logs")
        #expect(status["Processing"] == true)
        #expect(status["Endpoint"] == nil)
        #expect(status["ClusterConfig"]?["InstanceCount"] == 2)
        estate.advance(by: SearchService.domainCreation)
        let described = try estate.ok("opensearch describe-domain --domain-name logs")["DomainStatus"]
        #expect(described?["Processing"] == false)
        #expect(described?["Endpoint"]?.stringValue?.hasSuffix(".us-east-1.es.amazonaws.com") == true)
        #expect(try estate.ok("opensearch list-domain-names")["DomainNames"] == [["DomainName": "logs", "EngineType": "OpenSearch"]])
        #expect(estate.errorCode("opensearch create-domain --domain-name logs") == "ResourceAlreadyExistsException")
        #expect(try estate.ok("opensearch delete-domain --domain-name logs")["DomainStatus"]?["Deleted"] == true)
        #expect(estate.errorCode("opensearch describe-domain --domain-name logs") == "ResourceNotFoundException")
    }

    @Test func invalidNamesAndVersionsChangeNothing() throws {
        let estate = Estate(name: "t", seed: 1)
        #expect(estate.errorCode("opensearch create-domain --domain-name Logs") == "ValidationException")
        #expect(estate.errorCode("opensearch create-domain --domain-name ab") == "ValidationException")
        #expect(estate.errorCode("opensearch create-domain --domain-name logs --engine-version OpenSearch-2") == "ValidationException")
        #expect(estate.search.domains.isEmpty)
    }

    @Test func ftsIsAvailable() throws {
        let estate = Estate(name: "t", seed: 1)
        #expect(SearchStore.hasFTS5(estate.search.store.db))
    }
}
