@testable import Estate
import Testing

/// AWS::Redshift::Cluster updates as the resource reference gives them ("Update requires"):
/// NodeType, NumberOfNodes and ClusterType - Some interruptions (the cluster resizes in place);
/// MasterUserPassword - No interruption; ClusterIdentifier, DBName, MasterUsername - Replacement.
@Suite struct RedshiftUpdateTests {
    typealias F = StackFixtures

    static func template(nodes: Int = 2, password: String = "Secret123", database: String = "dev", named: Bool = true) -> String {
        """
        Resources:
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
        \(named ? "      ClusterIdentifier: wh" : "")
              NodeType: dc2.large
              ClusterType: multi-node
              NumberOfNodes: \(nodes)
              MasterUsername: awsuser
              MasterUserPassword: \(password)
              DBName: \(database)
        """
    }

    @Test func aNodeCountChangeResizesTheSameClusterAndKeepsItsData() throws {
        let estate = try F.deployed(Self.template())
        let cluster = try #require(estate.warehouse.cluster("wh"))
        _ = try cluster.database.execute("CREATE TABLE t (id INT) DISTSTYLE EVEN")
        _ = try cluster.database.execute("INSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7), (8)")
        let started = estate.now
        try estate.stacks.updateStack(name: "s", body: Self.template(nodes: 4))
        estate.advance(by: .seconds(1))
        #expect(cluster.status == .resizing, "the update goes through ModifyCluster")
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let events = F.events(estate, "s")
        let complete = try #require(F.first(events, "Warehouse", "UPDATE_COMPLETE"))
        #expect(complete.physicalID == "wh")
        #expect(complete.milliseconds >= (started + WarehouseService.resizeTime).milliseconds, "complete only once the resize is")
        #expect(F.first(events, "Warehouse", "DELETE_IN_PROGRESS") == nil, "no replacement")
        #expect(estate.warehouse.cluster("wh") === cluster && estate.warehouse.clusters.count == 1)
        #expect(cluster.numberOfNodes == 4 && cluster.status == .available)
        // 4 nodes × 2 slices of dc2.large: 8 rows placed EVEN are one a slice.
        #expect(cluster.database.tables["t"]?.rowsPerSlice == Array(repeating: 1, count: 8))
        #expect(cluster.database.value("SELECT COUNT(*) FROM t") == "8")
    }

    @Test func theChangeSetSaysAResizeAndANewPasswordReplaceNothing() throws {
        let estate = try F.deployed(Self.template())
        let change = try F.firstChange(estate, to: Self.template(nodes: 4, password: "NewSecret9"), name: "resize")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "False")
        let targets = (change["Details"]?.arrayValue ?? []).map {
            [$0["Target"]?["Name"]?.stringValue ?? "", $0["Target"]?["RequiresRecreation"]?.stringValue ?? ""]
        }
        #expect(targets == [["NumberOfNodes", "Never"], ["MasterUserPassword", "Never"]])
    }

    @Test func aNewPasswordUpdatesInPlace() throws {
        let estate = try F.deployed(Self.template())
        try estate.stacks.updateStack(name: "s", body: Self.template(password: "NewSecret9"))
        estate.advance(by: .seconds(1))
        #expect(estate.warehouse.cluster("wh")?.status == .modifying)
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        #expect(F.first(F.events(estate, "s"), "Warehouse", "DELETE_IN_PROGRESS") == nil)
        #expect(estate.warehouse.cluster("wh")?.status == .available)
    }

    @Test func aDatabaseNameChangeReplacesTheCluster() throws {
        let estate = try F.deployed(Self.template(named: false))
        let old = try #require(estate.stacks.stack("s")?.resource("Warehouse")?.physicalID)
        let change = try F.firstChange(estate, to: Self.template(database: "analytics", named: false), name: "rename")
        #expect(change["Action"] == "Modify" && change["Replacement"] == "True")
        try estate.stacks.updateStack(name: "s", body: Self.template(database: "analytics", named: false))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateComplete, "\(F.events(estate, "s"))")
        let new = try #require(estate.stacks.stack("s")?.resource("Warehouse")?.physicalID)
        #expect(new != old)
        #expect(estate.warehouse.cluster(new)?.dbName == "analytics")
        estate.advance(by: WarehouseService.deletionTime)
        #expect(estate.warehouse.cluster(old) == nil, "the old cluster is deleted")
    }

    @Test func aBadNodeCountFailsTheUpdateAndLeavesTheCluster() throws {
        let estate = try F.deployed(Self.template())
        try estate.stacks.updateStack(name: "s", body: Self.template(nodes: 200))
        F.settle(estate, "s")
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete, "\(F.events(estate, "s"))")
        let failed = try #require(F.first(F.events(estate, "s"), "Warehouse", "UPDATE_FAILED"))
        #expect(failed.reason == "NumberOfNodes for a multi-node cluster must be from 2 to 128, not 200.")
        #expect(estate.warehouse.cluster("wh")?.numberOfNodes == 2 && estate.warehouse.cluster("wh")?.status == .available)
    }

    /// The cluster and an instance updated side by side; a type of another architecture fails the
    /// instance at once, so the rollback comes while the cluster is still resizing.
    static func withInstance(nodes: Int, type: String) -> String {
        template(nodes: nodes) + """

          Box:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0c55b159cbfafe1f0
              InstanceType: \(type)
        """
    }

    @Test func aRollbackDuringAResizeResizesTheClusterBack() throws {
        let estate = try F.deployed(Self.withInstance(nodes: 2, type: "c5.large"))
        try estate.stacks.updateStack(name: "s", body: Self.withInstance(nodes: 4, type: "m7g.large"))
        for _ in 0..<1_200 where estate.stacks.stack("s")?.isInProgress == true { estate.advance(by: .seconds(1)) }
        #expect(F.status(estate, "s") == StackStatus.updateRollbackComplete, "\(F.events(estate, "s"))")
        let cluster = try #require(estate.warehouse.cluster("wh"))
        #expect(cluster.numberOfNodes == 2 && cluster.status == .available, "the rollback puts back the shape the stack had")
        #expect(F.first(F.events(estate, "s"), "Warehouse", "DELETE_IN_PROGRESS") == nil)
    }
}
