import Foundation
import Testing

/// The Redshift Data API over JSON 1.1 (`X-Amz-Target: RedshiftData.…`), driven by boto3 against
/// an estate with one warehouse cluster.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeRedshiftDataTests {
    /// A config folder whose estate is one small cluster, removed by the caller. The warm-up
    /// outlasts the cluster's 90 s of CREATING, so statements find it available, as a script
    /// that waits for `cluster-available` would.
    static func warehouseConfig() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-net-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        name: net-warehouse
        warmup: 2m
        warehouse:
          - cluster: wh
            node-type: ra3.xlplus
            nodes: 2
        """.write(to: folder.appendingPathComponent("estate.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func boto3RunsSQLAndReadsTypedRows() throws {
        let config = try Self.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let served = try ServedEstate(config: config.path)
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, time
        rd = boto3.client("redshift-data", endpoint_url=ENDPOINT)
        def run(sql):
            sid = rd.execute_statement(ClusterIdentifier="wh", Database="dev", DbUser="awsuser", Sql=sql)["Id"]
            for _ in range(300):
                d = rd.describe_statement(Id=sid)
                if d["Status"] in ("FINISHED", "FAILED", "ABORTED"):
                    return d
                time.sleep(0.05)
            return d
        created = run("CREATE TABLE t (id INT, name VARCHAR(20))")
        inserted = run("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
        selected = run("SELECT id, name FROM t ORDER BY id")
        result = rd.get_statement_result(Id=selected["Id"])
        failed = run("SELECT nope FROM missing_table")
        error = None
        try:
            rd.describe_statement(Id="00000000-0000-0000-0000-000000000000")
        except rd.exceptions.ResourceNotFoundException as e:
            error = e.response["Error"]["Code"]
        print(json.dumps({
            "statuses": [created["Status"], inserted["Status"], selected["Status"], failed["Status"]],
            "rowsInserted": inserted.get("ResultRows"),
            "columns": [c["name"] for c in result["ColumnMetadata"]],
            "rows": [[list(v.values())[0] for v in r] for r in result["Records"]],
            "createdIsDate": hasattr(selected["CreatedAt"], "year"),
            "failure": failed.get("Error", ""),
            "error": error,
        }))
        """) as? [String: Any])
        #expect(answer["statuses"] as? [String] == ["FINISHED", "FINISHED", "FINISHED", "FAILED"])
        #expect(answer["rowsInserted"] as? Int == 2)
        #expect(answer["columns"] as? [String] == ["id", "name"])
        // Fields are typed in the Data API: longValue for INT, stringValue for VARCHAR.
        #expect(answer["rows"] as? [[AnyHashable]] == [[1, "a"], [2, "b"]])
        #expect(answer["createdIsDate"] as? Bool == true)
        #expect((answer["failure"] as? String)?.isEmpty == false)
        #expect(answer["error"] as? String == "ResourceNotFoundException")
    }
}
