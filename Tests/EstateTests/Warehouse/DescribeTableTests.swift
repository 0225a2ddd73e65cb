@testable import Estate
import Testing

/// `redshift-data describe-table` and `sim query describe`: looking at a table or a query without
/// running SQL, so no query is queued and the clock does not move.
@Suite struct DescribeTableTests {
    static func estate() throws -> Estate {
        let (estate, _) = try estateWithCluster()
        _ = try estate.ok("sql \"CREATE TABLE t (id BIGINT IDENTITY(1, 1), code VARCHAR(20) NOT NULL, total DECIMAL(10,2), kind CHAR(3), n SMALLINT, x DOUBLE PRECISION, at TIMESTAMP, ok BOOLEAN) DISTKEY(code)\"")
        return estate
    }

    /// Each column in ColumnMetadata's terms: varchar(20) has length and precision 20, NOT NULL
    /// is nullable 0 (JDBC's columnNoNulls), DECIMAL(10,2) is numeric with precision 10 and
    /// scale 2, CHAR is bpchar, and the integer types are int8/int2 with their digit counts.
    @Test func columnsInTheDataAPIShape() throws {
        let estate = try Self.estate()
        let queries = estate.warehouse.cluster("wh")!.wlm.records.count
        let before = estate.now
        let reply = try estate.ok("redshift-data describe-table --cluster-identifier wh --database dev --table T")
        #expect(reply["TableName"] == "t")
        let columns = try #require(reply["ColumnList"]?.arrayValue)
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["id", "code", "total", "kind", "n", "x", "at", "ok"])
        #expect(columns.map { $0["typeName"]?.stringValue ?? "" } == ["int8", "varchar", "numeric", "bpchar", "int2", "float8", "timestamp", "bool"])
        let code = columns[1]
        #expect(code["length"] == 20 && code["precision"] == 20 && code["nullable"] == 0 && code["isCaseSensitive"] == true && code["isSigned"] == false)
        #expect(code["schemaName"] == "public" && code["tableName"] == "t" && code["label"] == "code")
        #expect(columns[2]["precision"] == 10 && columns[2]["scale"] == 2 && columns[2]["isSigned"] == true && columns[2]["nullable"] == 1)
        #expect(columns[3]["length"] == 3)
        #expect(columns[0]["precision"] == 19 && columns[4]["precision"] == 5)
        // Looking ran nothing.
        #expect(estate.warehouse.cluster("wh")!.wlm.records.count == queries && estate.now == before)
    }

    @Test func columnsComeInPages() throws {
        let estate = try Self.estate()
        let first = try estate.ok("redshift-data describe-table --cluster-identifier wh --database dev --table t --max-results 3")
        #expect(first["ColumnList"]?.arrayValue?.count == 3 && first["NextToken"] == "3")
        let last = try estate.ok("redshift-data describe-table --cluster-identifier wh --database dev --table t --max-results 5 --next-token 3")
        #expect(last["ColumnList"]?.arrayValue?.first?["name"] == "kind" && last["ColumnList"]?.arrayValue?.count == 5 && last["NextToken"] == nil)
    }

    @Test(arguments: [
        ("redshift-data describe-table --cluster-identifier wh --table t", "ParamValidation"),
        ("redshift-data describe-table --cluster-identifier wh --database prod --table t", "ValidationException"),
        ("redshift-data describe-table --cluster-identifier wh --database dev --table nope", "ResourceNotFoundException"),
        ("redshift-data describe-table --cluster-identifier other --database dev --table t", "ClusterNotFound"),
        ("redshift-data describe-table --cluster-identifier wh --database dev --table t --schema sales", "ResourceNotFoundException"),
        ("redshift-data describe-table --cluster-identifier wh --database dev --table t --next-token 99", "ValidationException"),
        ("sim query describe 999999 --cluster wh", "ResourceNotFoundException"),
        ("sim query describe first", "ParamValidation"),
        ("sim query describe 1 --cluster other", "ClusterNotFound"),
    ] as [(String, String)])
    func badRequestsAreRefused(line: String, code: String) throws {
        let estate = try Self.estate()
        #expect(estate.errorCode(line) == code)
    }

    /// A query sent by the `sql` verb has no Data API statement; the system tables' view of it.
    @Test func aQueryAsTheSystemTablesRecordIt() throws {
        let estate = try Self.estate()
        _ = try estate.ok("sql \"SELECT code FROM t\"")
        let cluster = estate.warehouse.cluster("wh")!
        let record = try #require(cluster.wlm.records.last)
        #expect(estate.redshiftData.statementID(cluster: "wh", query: record.query) == nil)
        let reply = try estate.ok("sim query describe \(record.query)")
        #expect(reply["query"] == .int(Int64(record.query)) && reply["querytxt"] == "SELECT code FROM t")
        #expect(reply["state"] == "Completed" && reply["aborted"] == 0 && reply["returned_rows"] == 0)
        #expect(reply["database"] == "dev" && reply["cluster_identifier"] == "wh")
        let failed = try estate.ok("sql \"SELECT nope FROM t\"")
        #expect(failed["Error"] != nil)
        let bad = try estate.ok("sim query describe \(cluster.wlm.records.last!.query)")
        #expect(bad["state"] == "Failed" && bad["error_message"]?.stringValue?.contains("nope") == true)
    }
}
