@testable import Estate
import Testing

/// `redshift create-cluster` and friends, in AWS CLI shapes and error codes.
@Suite struct ClusterTests {
    static let create = "redshift create-cluster --cluster-identifier Sales --node-type ra3.4xlarge --master-username awsuser --number-of-nodes 3 --cluster-type multi-node"

    @Test func clusterIsCreatingThenAvailableWithEndpointAndSlices() throws {
        let estate = Fixtures.emptyEstate()
        let created = try estate.ok(Self.create)["Cluster"]
        #expect(created?["ClusterIdentifier"] == "sales", "identifiers are stored lower-case")
        #expect(created?["ClusterStatus"] == "creating")
        #expect(created?["Endpoint"] == nil, "no endpoint until available")
        estate.advance(by: .seconds(89))
        #expect(try estate.ok("redshift describe-clusters --cluster-identifier sales")["Clusters"]?.arrayValue?.first?["ClusterStatus"] == "creating")
        estate.advance(by: .seconds(1))
        let c = try #require(try estate.ok("redshift describe-clusters")["Clusters"]?.arrayValue?.first)
        #expect(c["ClusterStatus"] == "available")
        #expect(c["DBName"] == "dev")
        #expect(c["Endpoint"]?["Port"] == 5439)
        let address = try #require(c["Endpoint"]?["Address"]?.stringValue)
        let parts = address.split(separator: ".")
        #expect(parts.count == 6 && parts[0] == "sales" && parts[1].count == 12 && parts[2] == "us-east-1" && address.hasSuffix(".redshift.amazonaws.com"))
        #expect(c["ClusterNodes"]?.arrayValue?.map { $0["NodeRole"]?.stringValue ?? "" } == ["LEADER", "COMPUTE-0", "COMPUTE-1", "COMPUTE-2"])
        #expect(estate.warehouse.cluster("sales")?.topology.sliceCount == 12, "ra3.4xlarge has 4 slices per node")
    }

    @Test(arguments: [("dc2.large", 2), ("ra3.xlplus", 2), ("ra3.4xlarge", 4), ("ra3.16xlarge", 16), ("dc2.8xlarge", 16)])
    func slicesPerNode(_ type: String, _ slices: Int) {
        #expect(NodeType.named(type)?.slicesPerNode == slices)
    }

    @Test func errorsUseAWSCodesAndChangeNothing() throws {
        let estate = Fixtures.emptyEstate()
        #expect(estate.errorCode("redshift describe-clusters --cluster-identifier nope") == "ClusterNotFound")
        _ = try estate.ok(Self.create)
        #expect(estate.errorCode(Self.create) == "ClusterAlreadyExists")
        #expect(estate.errorCode("redshift pause-cluster --cluster-identifier sales") == "InvalidClusterState", "still creating")
        #expect(estate.errorCode("redshift create-cluster --cluster-identifier x --node-type c4.large --master-username u") == "InvalidParameterValue")
        #expect(estate.errorCode("redshift create-cluster --cluster-identifier 1x --node-type dc2.large --master-username u") == "InvalidParameterValue")
        #expect(estate.errorCode("redshift create-cluster --cluster-identifier y --node-type dc2.large") == "ParamValidation")
        #expect(estate.warehouse.clusters.map(\.identifier) == ["sales"])
    }

    @Test func pauseResumeAndDelete() throws {
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok(Self.create)
        estate.advance(by: WarehouseService.creationTime)
        #expect(try estate.ok("redshift pause-cluster --cluster-identifier sales")["Cluster"]?["ClusterStatus"] == "pausing")
        estate.advance(by: WarehouseService.pauseTime)
        #expect(estate.warehouse.cluster("sales")?.status == .paused)
        #expect(estate.errorCode("redshift pause-cluster --cluster-identifier sales") == "InvalidClusterState")
        #expect(try estate.ok("redshift resume-cluster --cluster-identifier sales")["Cluster"]?["ClusterStatus"] == "resuming")
        estate.advance(by: WarehouseService.resumeTime)
        #expect(estate.warehouse.cluster("sales")?.status == .available)
        #expect(estate.errorCode("redshift delete-cluster --cluster-identifier sales") == "InvalidParameterCombination")
        #expect(try estate.ok("redshift delete-cluster --cluster-identifier sales --skip-final-cluster-snapshot")["Cluster"]?["ClusterStatus"] == "deleting")
        estate.advance(by: WarehouseService.deletionTime)
        #expect(estate.errorCode("redshift describe-clusters --cluster-identifier sales") == "ClusterNotFound")
    }
}
