/// The `redshift` operations the estate understands, with the AWS CLI's parameters (botocore's model).
extension WarehouseService {
    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "redshift", name: name, parameters: parameters, summary: summary)
    }
    static let clusterIdentifier = ParameterSpec("ClusterIdentifier", .string, required: true, help: "the cluster's name")

    public static let operationSpecs: [OperationSpec] = [
        op("CreateCluster", [
            clusterIdentifier,
            ParameterSpec("NodeType", .string, required: true, help: NodeType.catalog.map(\.name).joined(separator: "|")),
            ParameterSpec("MasterUsername", .string, required: true, help: "the admin user"),
            ParameterSpec("MasterUserPassword", .string, help: "8–64 characters with upper, lower and a digit"),
            ParameterSpec("ClusterType", .string, help: "single-node|multi-node"),
            ParameterSpec("NumberOfNodes", .integer, help: "compute nodes (2–128 for multi-node)"),
            ParameterSpec("DBName", .string, help: "the first database (dev)"),
            ParameterSpec("AvailabilityZone", .string, help: "e.g. us-east-1a"),
            ParameterSpec("Port", .integer, help: "accepted; the endpoint listens on 5439"),
            ParameterSpec("ClusterParameterGroupName", .string, help: "default.redshift-1.0"),
            ParameterSpec("Tags", .list(.structure([("Key", .string), ("Value", .string)])), help: "Key=team,Value=data"),
        ] + ClusterSettings.specs, "Create a cluster"),
        op("DescribeClusters", [
            ParameterSpec("ClusterIdentifier", .string, help: "one cluster"),
            ParameterSpec("MaxRecords", .integer, help: "20–100 per page"),
            ParameterSpec("Marker", .string, help: "from the previous page"),
        ], "Describe clusters"),
        op("DeleteCluster", [
            clusterIdentifier,
            ParameterSpec("SkipFinalClusterSnapshot", .boolean, help: "delete without a final snapshot"),
            ParameterSpec("FinalClusterSnapshotIdentifier", .string, help: "the final snapshot's name"),
        ], "Delete a cluster"),
        op("PauseCluster", [clusterIdentifier], "Pause an available cluster"),
        op("ResumeCluster", [clusterIdentifier], "Resume a paused cluster"),
        modifySpec,
    ] + tagSpecs
}
