@testable import Estate
import Testing

/// `redshift-data` operations and the `sql` verb, in the Data API's shapes.
@Suite struct DataAPITests {
    @Test func executeDescribeAndReadTypedResults() throws {
        let (estate, _) = try estateWithCluster()
        let id = try #require(try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"SELECT 1 AS one, 'x' AS s, NULL AS n, 2.5 AS d\"")["Id"]?.stringValue)
        #expect(try estate.ok("redshift-data describe-statement --id \(id)")["Status"] == "STARTED")
        #expect(estate.errorCode("redshift-data get-statement-result --id \(id)") == "ResourceNotFoundException")
        estate.advance(by: .seconds(1))
        let described = try estate.ok("redshift-data describe-statement --id \(id)")
        #expect(described["Status"] == "FINISHED")
        #expect(described["HasResultSet"] == true)
        #expect(described["ResultRows"] == 1)
        let result = try estate.ok("redshift-data get-statement-result --id \(id)")
        #expect(result["TotalNumRows"] == 1)
        #expect(result["Records"] == [[["longValue": 1], ["stringValue": "x"], ["isNull": true], ["doubleValue": 2.5]]])
        #expect(result["ColumnMetadata"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" } == ["one", "s", "n", "d"])
    }

    @Test func resultsArePaginated() throws {
        let (estate, _) = try estateWithCluster()
        let id = try #require(try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2500) SELECT x FROM n\"")["Id"]?.stringValue)
        estate.advance(by: .seconds(1))
        let first = try estate.ok("redshift-data get-statement-result --id \(id)")
        #expect(first["Records"]?.arrayValue?.count == RedshiftDataService.pageSize)
        #expect(first["TotalNumRows"] == 2500)
        let token = try #require(first["NextToken"]?.stringValue)
        let second = try estate.ok("redshift-data get-statement-result --id \(id) --next-token \(token)")
        #expect(second["Records"]?.arrayValue?.first == [["longValue": 1001]])
        let third = try estate.ok("redshift-data get-statement-result --id \(id) --next-token \(second["NextToken"]?.stringValue ?? "")")
        #expect(third["Records"]?.arrayValue?.count == 500)
        #expect(third["NextToken"] == nil)
    }

    @Test func badSQLFailsAndTheWarehouseKeepsServing() throws {
        let (estate, _) = try estateWithCluster()
        let bad = try estate.ok("sql \"SELECT nope FROM nowhere\"")
        #expect(bad["Error"]?["Code"] == "42P01")
        #expect(bad["Error"]?["Message"]?.stringValue?.contains("nowhere") == true)
        #expect(bad["Error"]?["Position"] == 18)
        let syntax = try estate.ok("sql \"SELECT 1 FROM WHERE\"")
        #expect(syntax["Error"]?["Code"] == "42601")
        #expect(syntax["Error"]?["Position"] == 15)
        let good = try estate.ok("sql \"SELECT 40 + 2 AS answer\"")
        #expect(good["Records"] == [[["longValue": 42]]])
        let id = try #require(try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"SELEKT 1\"")["Id"]?.stringValue)
        estate.advance(by: .seconds(1))
        let described = try estate.ok("redshift-data describe-statement --id \(id)")
        #expect(described["Status"] == "FAILED")
        #expect(described["Error"]?.stringValue?.hasPrefix("ERROR: ") == true)
    }

    @Test func batchListAndCancel() throws {
        let (estate, _) = try estateWithCluster()
        let batch = try #require(try estate.ok("redshift-data batch-execute-statement --cluster-identifier wh --statement-name load --sqls \"CREATE TABLE t (a INT)\" \"INSERT INTO t VALUES (1), (2)\" \"SELECT sum(a) FROM t\"")["Id"]?.stringValue)
        estate.advance(by: .seconds(1))
        let described = try estate.ok("redshift-data describe-statement --id \(batch)")
        #expect(described["Status"] == "FINISHED")
        #expect(described["SubStatements"]?.arrayValue?.count == 3)
        #expect(try estate.ok("redshift-data get-statement-result --id \(batch):3")["Records"] == [[["longValue": 3]]])
        _ = try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"SELECT 1\"")
        let listed = try estate.ok("redshift-data list-statements")["Statements"]?.arrayValue ?? []
        #expect(listed.count == 2)
        #expect(listed.last?["StatementName"] == "load" && listed.last?["IsBatchStatement"] == true)
        let running = try #require(try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"SELECT count(*) FROM t\"")["Id"]?.stringValue)
        #expect(try estate.ok("redshift-data cancel-statement --id \(running)")["Status"] == true)
        #expect(try estate.ok("redshift-data describe-statement --id \(running)")["Status"] == "ABORTED")
        #expect(estate.errorCode("redshift-data cancel-statement --id \(running)") == "ValidationException")
        #expect(try estate.ok("redshift-data list-statements --status ABORTED")["Statements"]?.arrayValue?.count == 1)
    }

    @Test func sqlVerbWaitsForACreatingCluster() throws {
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok("redshift create-cluster --cluster-identifier wh --node-type dc2.large --master-username awsuser")
        let answer = try estate.ok("sql \"SELECT current_database() AS db\" --cluster wh")
        #expect(answer["Records"] == [[["stringValue": "dev"]]])
        #expect(estate.now >= SimInstant.zero + WarehouseService.creationTime)
        #expect(estate.errorCode("sql \"SELECT 1\" --cluster nope") == "ClusterNotFound")
    }

    @Test func dumpIsDeterministic() throws {
        func dump() throws -> String {
            let (estate, _) = try estateWithCluster(seed: 11)
            _ = try estate.ok("sql \"CREATE TABLE t (a INT, b VARCHAR(4)) DISTKEY(a) SORTKEY(b)\"")
            _ = try estate.ok("sql \"INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')\"")
            _ = try estate.ok("redshift-data execute-statement --cluster-identifier wh --sql \"SELECT * FROM t\"")
            estate.advance(by: .seconds(5))
            return estate.dump().serialized()
        }
        let a = try dump(), b = try dump()
        #expect(a == b)
        #expect(a.contains("\"Warehouse\""))
        #expect(a.contains("\"RowsPerSlice\""))
    }
}
