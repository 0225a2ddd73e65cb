@testable import Estate
import Testing

/// `redshift modify-cluster`, as AWS documents it: only an available cluster changes; a resize
/// shows the new shape under PendingModifiedValues while the cluster is `resizing`, then the
/// cluster is `available` with its rows placed on the new slices; bad values change nothing.
@Suite struct ModifyClusterTests {
    static func cluster(_ estate: Estate) throws -> JSONValue {
        try #require(try estate.ok("redshift describe-clusters --cluster-identifier wh")["Clusters"]?.arrayValue?.first)
    }

    @Test func aResizeGoesThroughResizingAndKeepsEveryRow() throws {
        let (estate, cluster) = try estateWithCluster(nodeType: "dc2.large", nodes: 2)
        _ = try cluster.database.execute("CREATE TABLE t (id INT) DISTSTYLE EVEN")
        _ = try cluster.database.execute("INSERT INTO t VALUES " + (1...24).map { "(\($0))" }.joined(separator: ", "))
        #expect(cluster.database.tables["t"]?.rowsPerSlice == [6, 6, 6, 6], "2 nodes × 2 slices")

        let reply = try estate.ok("redshift modify-cluster --cluster-identifier wh --node-type ra3.4xlarge --number-of-nodes 3")["Cluster"]
        #expect(reply?["ClusterStatus"] == "resizing")
        #expect(reply?["ClusterAvailabilityStatus"] == "Modifying")
        #expect(reply?["PendingModifiedValues"] == ["NodeType": "ra3.4xlarge", "NumberOfNodes": 3, "ClusterType": "multi-node"])
        #expect(reply?["NodeType"] == "dc2.large" && reply?["NumberOfNodes"] == 2, "the old shape serves until the resize is done")
        #expect(estate.errorCode("sql \"SELECT COUNT(*) FROM t\" --cluster wh") != nil, "a resizing cluster runs no queries")

        estate.advance(by: .milliseconds(WarehouseService.resizeTime.milliseconds - 1000))
        #expect(try Self.cluster(estate)["ClusterStatus"] == "resizing")
        estate.advance(by: .seconds(1))
        let after = try Self.cluster(estate)
        #expect(after["ClusterStatus"] == "available" && after["PendingModifiedValues"] == [:])
        #expect(after["NodeType"] == "ra3.4xlarge" && after["NumberOfNodes"] == 3)
        #expect(after["ClusterNodes"]?.arrayValue?.map { $0["NodeRole"]?.stringValue ?? "" } == ["LEADER", "COMPUTE-0", "COMPUTE-1", "COMPUTE-2"])
        // 3 nodes × 4 slices (ra3.4xlarge): 24 rows placed EVEN by row number are 2 a slice.
        #expect(cluster.topology.sliceCount == 12)
        #expect(cluster.database.tables["t"]?.rowsPerSlice == Array(repeating: 2, count: 12))
        #expect(cluster.database.value("SELECT COUNT(*) FROM t") == "24", "the data is kept")
        #expect(cluster.database.value("SELECT COUNT(*) FROM stv_slices") == "12")
    }

    @Test func aNewPasswordModifiesWithoutAResize() throws {
        let (estate, _) = try estateWithCluster()
        let reply = try estate.ok("redshift modify-cluster --cluster-identifier wh --master-user-password NewSecret9")["Cluster"]
        #expect(reply?["ClusterStatus"] == "modifying")
        #expect(reply?["PendingModifiedValues"] == ["MasterUserPassword": "****"])
        estate.advance(by: WarehouseService.modifyTime)
        let after = try Self.cluster(estate)
        #expect(after["ClusterStatus"] == "available" && after["NodeType"] == "ra3.4xlarge" && after["NumberOfNodes"] == 2)
    }

    @Test func badRequestsAreRefusedWithAWSCodesAndChangeNothing() throws {
        let (estate, _) = try estateWithCluster()
        let before = try Self.cluster(estate)
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier nope --number-of-nodes 3") == "ClusterNotFound")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --node-type c4.large --number-of-nodes 3") == "InvalidParameterValue")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --number-of-nodes 200") == "InvalidParameterValue")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --cluster-type single-node --number-of-nodes 3") == "InvalidParameterCombination")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --number-of-nodes 4 --master-user-password short") == "InvalidParameterValue")
        #expect(try Self.cluster(estate) == before, "nothing of a refused request applied")

        _ = try estate.ok("redshift pause-cluster --cluster-identifier wh")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier wh --number-of-nodes 4") == "InvalidClusterState")
        _ = try estate.ok("redshift create-cluster --cluster-identifier fresh --node-type dc2.large --master-username awsuser")
        #expect(estate.errorCode("redshift modify-cluster --cluster-identifier fresh --master-user-password NewSecret9") == "InvalidClusterState",
                "still creating")
    }
}
