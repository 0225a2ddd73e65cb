@testable import Estate
import Testing

/// AWS::Redshift::Cluster's other in-place properties, as the resource reference gives them:
/// AvailabilityZone - Some interruptions (the cluster relocates), ClusterParameterGroupName - Some
/// interruptions (the group is the cluster's at once and applies at a reboot), Tags - No
/// interruption. Each keeps the cluster (same identifier, same data) and goes through the same
/// `redshift` operations the command line uses.
@Suite struct RedshiftPropertyUpdateTests {
    typealias F = StackFixtures

    static func template(zone: String = "us-east-1a", group: String? = nil, tags: [(String, String)] = [], settings: String = "") -> String {
        var text = """
        Resources:
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
              ClusterIdentifier: wh
              NodeType: dc2.large
              ClusterType: single-node
              MasterUsername: awsuser
              MasterUserPassword: Secret123
              AvailabilityZone: \(zone)

        """
        if let group { text += "      ClusterParameterGroupName: \(group)\n" }
        text += settings
        if !tags.isEmpty {
            text += "      Tags:\n" + tags.map { "        - Key: \($0.0)\n          Value: \($0.1)\n" }.joined()
        }
        return text
    }

    static func describe(_ estate: Estate) throws -> JSONValue {
        try #require(try estate.ok("redshift describe-clusters --cluster-identifier wh")["Clusters"]?.arrayValue?.first)
    }

    /// The change set's Replacement and each detail's (name, RequiresRecreation).
    static func plan(_ estate: Estate, to body: String, name: String) throws -> (String?, [[String]]) {
        let change = try F.firstChange(estate, to: body, name: name)
        #expect(change["Action"] == "Modify")
        let details = (change["Details"]?.arrayValue ?? []).map {
            [$0["Target"]?["Name"]?.stringValue ?? "", $0["Target"]?["RequiresRecreation"]?.stringValue ?? ""]
        }
        return (change["Replacement"]?.stringValue, details)
    }

    @Test func aNewAvailabilityZoneRelocatesTheSameCluster() throws {
        let estate = try F.deployed(Self.template(zone: "us-east-1a"))
        let cluster = try #require(estate.warehouse.cluster("wh"))
        _ = try cluster.database.execute("CREATE TABLE t (id INT)")
        _ = try cluster.database.execute("INSERT INTO t VALUES (1), (2)")
        let (replacement, details) = try Self.plan(estate, to: Self.template(zone: "us-east-1c"), name: "move")
        #expect(replacement == "False" && details == [["AvailabilityZone", "Never"]])

        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(zone: "us-east-1c"))
        estate.advance(by: .seconds(1))
        #expect(cluster.status == .modifying, "the relocation goes through ModifyCluster")
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let complete = try #require(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == "wh")
        #expect(complete.milliseconds >= (started + WarehouseService.relocateTime).milliseconds, "complete once the cluster has moved")
        #expect(F.first(F.events(estate, "s"), "Warehouse", "DELETE_IN_PROGRESS") == nil, "no replacement")
        #expect(estate.warehouse.cluster("wh") === cluster && estate.warehouse.clusters.count == 1)
        #expect(try Self.describe(estate)["AvailabilityZone"] == "us-east-1c")
        #expect(cluster.database.value("SELECT COUNT(*) FROM t") == "2", "the data moves with the cluster")
    }

    @Test func tagsChangeWithoutInterruption() throws {
        let estate = try F.deployed(Self.template(tags: [("team", "data"), ("tier", "gold")]))
        #expect(try Self.describe(estate)["Tags"] == [["Key": "team", "Value": "data"], ["Key": "tier", "Value": "gold"]])
        let next = Self.template(tags: [("team", "analytics"), ("owner", "ana")])
        let (replacement, details) = try Self.plan(estate, to: next, name: "retag")
        #expect(replacement == "False" && details == [["Tags", "Never"]])

        try estate.stacks.updateStack(name: "s", body: next)
        estate.advance(by: .seconds(1))
        #expect(estate.warehouse.cluster("wh")?.status == .available, "no interruption: the cluster keeps serving")
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_COMPLETE")?.physicalID == "wh")
        // tier is gone, team has its new value, owner is added.
        #expect(try Self.describe(estate)["Tags"] == [["Key": "team", "Value": "analytics"], ["Key": "owner", "Value": "ana"]])
    }

    @Test func aNewParameterGroupIsAppliedByAReboot() throws {
        let estate = try F.deployed(Self.template())
        let groups = try Self.describe(estate)["ClusterParameterGroups"]
        #expect(groups == [["ParameterGroupName": "default.redshift-1.0", "ParameterApplyStatus": "in-sync"]])
        let (replacement, details) = try Self.plan(estate, to: Self.template(group: "analytics-params"), name: "params")
        #expect(replacement == "False" && details == [["ClusterParameterGroupName", "Never"]])

        var statuses: [String] = []
        let token = estate.bus.subscribe { event in
            if let e = event.event as? WarehouseEvent, case let .clusterStatusChanged(_, to) = e.kind { statuses.append(to) }
        }
        defer { estate.bus.unsubscribe(token) }
        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(group: "analytics-params"))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(statuses == ["rebooting", "available"], "some interruptions: the cluster reboots once")
        let complete = try #require(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == "wh" && complete.milliseconds >= (started + WarehouseService.rebootTime).milliseconds)
        #expect(try Self.describe(estate)["ClusterParameterGroups"]
                == [["ParameterGroupName": "analytics-params", "ParameterApplyStatus": "in-sync"]])
    }

    @Test func theCommandLineChangesTheGroupAndRebootAppliesIt() throws {
        let estate = F.estate()
        _ = try estate.ok("redshift create-cluster --cluster-identifier wh --node-type dc2.large --master-username awsuser")
        estate.advance(by: WarehouseService.creationTime)
        _ = try estate.ok("redshift modify-cluster --cluster-identifier wh --cluster-parameter-group-name analytics-params")
        #expect(try Self.describe(estate)["ClusterParameterGroups"]
                == [["ParameterGroupName": "analytics-params", "ParameterApplyStatus": "pending-reboot"]])
        #expect(try Self.describe(estate)["ClusterStatus"] == "available", "the change itself interrupts nothing")
        _ = try estate.ok("redshift reboot-cluster --cluster-identifier wh")
        #expect(try Self.describe(estate)["ClusterStatus"] == "rebooting")
        estate.advance(by: WarehouseService.rebootTime)
        #expect(try Self.describe(estate)["ClusterStatus"] == "available")
        #expect(try Self.describe(estate)["ClusterParameterGroups"]?.arrayValue?.first?["ParameterApplyStatus"] == "in-sync")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --availability-zone mars-1a") == "InvalidParameterValue")
        #expect(estate.errorCode("redshift create-tags --resource-name wh --tags Key=a,Value=b") == "ResourceNotFoundFault",
                "tags name the cluster's ARN; a name that is not one names nothing taggable")
    }

    /// CreateTags keeps the tag rules every AWS tagging API shares, and answers a broken one with
    /// Redshift's own `InvalidTagFault` (the code botocore's model maps to the exception class).
    @Test func clusterTagsFollowTheSharedTagRules() throws {
        let estate = F.estate()
        _ = try estate.ok("redshift create-cluster --cluster-identifier wh --node-type dc2.large --master-username awsuser")
        let arn = "arn:aws:redshift:us-east-1:123456789012:cluster:wh"
        #expect(estate.errorCode("redshift create-tags --resource-name \(arn) --tags Key=aws:team,Value=x") == "InvalidTagFault")
        #expect(estate.errorCode("redshift create-tags --resource-name \(arn) --tags Key=team#1,Value=x") == "InvalidTagFault")
        #expect(estate.errorCode("redshift create-tags --resource-name \(arn) --tags Key=team,Value=\(String(repeating: "v", count: 257))") == "InvalidTagFault")
        #expect(estate.errorCode("redshift create-tags --resource-name \(arn) --tags Key=\(String(repeating: "k", count: 129)),Value=x") == "InvalidTagFault")
        _ = try estate.ok("redshift create-tags --resource-name \(arn) --tags Key=team,Value=\(String(repeating: "v", count: 256))")
        for i in 1..<50 { _ = try estate.ok("redshift create-tags --resource-name \(arn) --tags Key=k\(i),Value=\(i)") }
        #expect(estate.errorCode("redshift create-tags --resource-name \(arn) --tags Key=k50,Value=50") == "TagLimitExceededFault")
        _ = try estate.ok("redshift create-tags --resource-name \(arn) --tags Key=team,Value=data") // a key already set takes the new value
    }

    @Test func aPropertyTheEstateCannotModelFailsTheUpdateNamingIt() throws {
        let estate = try F.deployed(Self.template())
        let body = Self.template() + "      IamRoles: [arn:aws:iam::123456789012:role/loader]\n"
        try estate.stacks.updateStack(name: "s", body: body)
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete, "\(F.events(estate, "s"))")
        let failed = try #require(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_FAILED"))
        #expect(failed.reason?.contains("IamRoles") == true && failed.reason?.contains("cannot be simulated") == true)
    }

    @Test func retentionWindowAndAccessSettingsChangeWithoutInterruption() throws {
        let estate = try F.deployed(Self.template())
        let before = try Self.describe(estate)
        #expect(before["AutomatedSnapshotRetentionPeriod"] == 1 && before["PubliclyAccessible"] == false)
        let settings = """
              AutomatedSnapshotRetentionPeriod: "7"
              PreferredMaintenanceWindow: sun:03:00-sun:03:30
              PubliclyAccessible: true
              AllowVersionUpgrade: false

        """
        let (replacement, details) = try Self.plan(estate, to: Self.template(settings: settings), name: "settings")
        #expect(replacement == "False")
        #expect(details == [["AutomatedSnapshotRetentionPeriod", "Never"], ["PreferredMaintenanceWindow", "Never"],
                            ["PubliclyAccessible", "Never"], ["AllowVersionUpgrade", "Never"]])
        try estate.stacks.updateStack(name: "s", body: Self.template(settings: settings))
        #expect(estate.warehouse.cluster("wh")?.status == .available, "no interruption")
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_COMPLETE")?.physicalID == "wh")
        let after = try Self.describe(estate)
        #expect(after["AutomatedSnapshotRetentionPeriod"] == 7 && after["PreferredMaintenanceWindow"] == "sun:03:00-sun:03:30")
        #expect(after["PubliclyAccessible"] == true && after["AllowVersionUpgrade"] == false)
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --automated-snapshot-retention-period 40") == "InvalidRetentionPeriodFault")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --preferred-maintenance-window caturday") == "InvalidParameterValue")
        #expect(try Self.describe(estate) == after, "a refused request changes nothing")
    }
}
