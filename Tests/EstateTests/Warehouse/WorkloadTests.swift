@testable import Estate
import Testing

/// WLM: slots, queueing, virtual-time execution, cancellation, and the query system tables.
@Suite struct WorkloadTests {
    func loaded() throws -> (Estate, Cluster) {
        let (estate, cluster) = try estateWithCluster()
        _ = try cluster.database.execute("CREATE TABLE big (id INT, v INT) DISTSTYLE EVEN")
        _ = try cluster.database.execute("INSERT INTO big WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000) SELECT x, x % 7 FROM n")
        return (estate, cluster)
    }

    @Test func moreStatementsThanSlotsWaitQueued() throws {
        let (estate, cluster) = try loaded()
        let queries = (0..<7).map { _ in cluster.wlm.submit("SELECT v, count(*) FROM big GROUP BY v", user: "awsuser") }
        let states = queries.map { cluster.wlm.record($0)!.state }
        #expect(states == [QueryRecord.State.running, .running, .running, .running, .running, .queued, .queued])
        // The leader answers catalog queries without a slot, so WLM's own view is readable now.
        #expect(cluster.database.rows("SELECT state, count(*) FROM stv_wlm_query_state GROUP BY state ORDER BY state") == [["Queued", "2"], ["Running", "5"]])
        #expect(cluster.database.rows("SELECT num_queued_queries, num_executing_queries FROM stv_wlm_service_class_state WHERE service_class = 6") == [["2", "5"]])
        while queries.contains(where: { !cluster.wlm.record($0)!.state.isDone }), let due = estate.scheduler.nextDue { estate.advance(to: due) }
        let records = queries.map { cluster.wlm.record($0)! }
        #expect(records.allSatisfy { $0.state == .finished && $0.result.last?.rows.count == 7 })
        #expect(records[5].startedAt! > records[5].submittedAt, "the sixth waited for a slot")
        #expect(records[5].startedAt == records[0].endedAt)
        #expect(records[0].queueMicroseconds(now: estate.now) == 0)
        #expect(cluster.database.value("SELECT count(*) FROM stl_query WHERE aborted = 0 AND querytxt LIKE '%FROM big%'") == "7")
        #expect(cluster.database.value("SELECT count(*) FROM stv_recents WHERE status = 'Done' AND pid = -1") == "7")
        let summary = cluster.database.rows("SELECT label, rows FROM svl_query_summary WHERE query = \(queries[0]) ORDER BY stm, seg")
        #expect(summary.first?[0]?.hasPrefix("scan") == true && summary.first?[1] == "50000")
        #expect(summary.contains { $0[0] == "aggr" })
    }

    @Test func skewMakesTheSameScanSlower() throws {
        let (_, cluster) = try estateWithCluster()
        _ = try cluster.database.execute("""
            CREATE TABLE even_t (k INT, v INT) DISTSTYLE EVEN; CREATE TABLE skew_t (k INT, v INT) DISTKEY(k);
            INSERT INTO even_t WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 40000) SELECT x, x FROM n;
            INSERT INTO skew_t SELECT CASE WHEN k % 10 = 0 THEN k ELSE 1 END, v FROM even_t
            """)
        let even = cluster.wlm.price("SELECT sum(v) FROM even_t").0
        let skewed = cluster.wlm.price("SELECT sum(v) FROM skew_t").0
        #expect(skewed > even, "the fullest slice dominates: \(skewed) vs \(even)")
    }

    @Test func cancelAbortsARunningQueryAndFreesItsSlot() throws {
        let (estate, cluster) = try loaded()
        let queries = (0..<6).map { _ in cluster.wlm.submit("DELETE FROM big WHERE v = 3", user: "awsuser") }
        let victim = cluster.wlm.record(queries[0])!
        _ = try cluster.database.execute("CANCEL \(victim.pid)")
        #expect(cluster.wlm.record(queries[0])?.state == .aborted)
        #expect(cluster.wlm.record(queries[0])?.error?.code == "57014")
        #expect(cluster.wlm.record(queries[5])?.state == .running, "the queued query took the freed slot")
        for q in queries.dropFirst() { cluster.wlm.cancel(query: q) }
        estate.advance(by: .seconds(10))
        #expect(cluster.database.value("SELECT count(*) FROM big WHERE v = 3") != "0", "cancelled deletes changed nothing")
        #expect(cluster.database.value("SELECT count(*) FROM stl_query WHERE aborted = 1") == "6")
    }
}
