@testable import Estate
import Testing

/// AWS::OpenSearchService::Domain's EBSOptions is "Update requires: No interruption": AWS applies
/// it as a blue/green deployment, the domain `Processing` and serving until the new volumes are in
/// place. The stack goes through `opensearch update-domain-config`, as the command line does.
@Suite struct OpenSearchEBSUpdateTests {
    typealias F = StackFixtures

    static func template(size: Int = 10, type: String = "gp3", extra: String = "") -> String {
        """
        Resources:
          Search:
            Type: AWS::OpenSearchService::Domain
            Properties:
              DomainName: logs
              ClusterConfig:
                InstanceType: r6g.large.search
                InstanceCount: 1
              EBSOptions:
                EBSEnabled: true
                VolumeType: \(type)
                VolumeSize: "\(size)"
        \(extra)
        """
    }

    static func describe(_ estate: Estate) throws -> JSONValue {
        try #require(try estate.ok("opensearch describe-domain --domain-name logs")["DomainStatus"])
    }

    @Test func largerVolumesKeepTheDomainAndProcessThenFinish() throws {
        let estate = try F.deployed(Self.template(size: 10))
        #expect(try Self.describe(estate)["EBSOptions"] == ["EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": 10])
        let change = try F.firstChange(estate, to: Self.template(size: 50), name: "grow")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let details = (change["Details"]?.arrayValue ?? []).map { [$0["Target"]?["Name"], $0["Target"]?["RequiresRecreation"]] }
        #expect(details == [["EBSOptions", "Never"]])

        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(size: 50))
        estate.advance(by: .seconds(1))
        let during = try Self.describe(estate)
        #expect(during["Processing"] == true && during["Endpoint"] != nil, "blue/green: processing, and still serving")
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let complete = try #require(F.first(F.events(estate, "s"), "Search", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == "logs")
        #expect(complete.milliseconds >= (started + SearchService.domainUpdate).milliseconds, "complete once the domain is done processing")
        #expect(F.first(F.events(estate, "s"), "Search", "DELETE_IN_PROGRESS") == nil, "no replacement")
        let after = try Self.describe(estate)
        #expect(after["Processing"] == false)
        #expect(after["EBSOptions"] == ["EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": 50])
    }

    @Test func theCommandLineChecksVolumesAndChangesNothingWhenWrong() throws {
        let estate = F.estate()
        _ = try estate.ok("opensearch create-domain --domain-name logs --ebs-options EBSEnabled=true,VolumeSize=10")
        estate.advance(by: SearchService.domainCreation)
        let before = try Self.describe(estate)
        #expect(before["EBSOptions"] == ["EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": 10])
        #expect(estate.errorCode("opensearch update-domain-config --domain-name logs --ebs-options VolumeSize=5") == "ValidationException")
        #expect(estate.errorCode("opensearch update-domain-config --domain-name logs --ebs-options VolumeType=floppy") == "ValidationException")
        #expect(try Self.describe(estate) == before)
        let reply = try estate.ok("opensearch update-domain-config --domain-name logs --ebs-options VolumeType=io1,VolumeSize=100,Iops=3000")
        #expect(reply["DomainConfig"]?["EBSOptions"]?["Status"]?["State"] == "Processing")
        #expect(reply["DomainConfig"]?["EBSOptions"]?["Options"]?["VolumeSize"] == 100)
    }

    @Test func aPropertyTheEstateCannotModelFailsTheUpdateNamingIt() throws {
        let estate = try F.deployed(Self.template())
        try estate.stacks.updateStack(name: "s", body: Self.template(extra: "      NodeToNodeEncryptionOptions: {Enabled: true}"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete, "\(F.events(estate, "s"))")
        let failed = try #require(F.first(F.events(estate, "s"), "Search", "UPDATE_FAILED"))
        #expect(failed.reason?.contains("NodeToNodeEncryptionOptions") == true && failed.reason?.contains("cannot be simulated") == true)
    }
}
