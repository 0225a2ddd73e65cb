@testable import Estate
import Foundation
import Testing

/// S3 object bodies past S3's memory budget move to the state folder's database, oldest first,
/// and read back byte for byte; deleting or overwriting an object deletes its body there.
@Suite struct S3SpillTests {
    /// Ten 400-byte objects under a 1,000-byte budget: the newest two stay in memory.
    func filled() throws -> (Estate, any ObjectBodyStore, [[UInt8]]) {
        let estate = Fixtures.emptyEstate()
        estate.s3.memoryBudgetBytes = 1_000
        try estate.s3.createBucket("lake")
        let bodies = (0..<10).map { n in (0..<400).map { UInt8(truncatingIfNeeded: $0 * 7 + n) } }
        for (n, body) in bodies.enumerated() { try estate.s3.putObject(bucket: "lake", key: "k\(n)", body: body) }
        let store = try #require(estate.kinesis.recordStore.segments as? any ObjectBodyStore)
        return (estate, store, bodies)
    }

    @Test func bodiesPastTheBudgetMoveToDiskAndReadBackTheSame() throws {
        let (estate, store, bodies) = try filled()
        #expect(estate.s3.memoryBytes == 800, "the two newest bodies, 400 bytes each")
        #expect(estate.s3.spilledBodies == 8)
        #expect(try store.bodyCount() == 8)
        for (n, body) in bodies.enumerated() {
            let object = try estate.s3.object(bucket: "lake", key: "k\(n)")
            #expect(object.content.isInMemory == (n >= 8), "k\(n)")
            #expect(try object.bytes() == body, "k\(n) reads back byte for byte")
            #expect(object.size == 400)
        }
        let listed = try estate.ok("s3api list-objects-v2 --bucket lake --prefix k0")
        #expect(listed["Contents"]?.arrayValue?.first?["Size"] == 400)
    }

    @Test func deletingOrOverwritingASpilledObjectDeletesItsBodyOnDisk() throws {
        let (estate, store, _) = try filled()
        _ = try estate.ok("s3api delete-object --bucket lake --key k0")
        #expect(try store.bodyCount() == 7)
        // The new k1 is in memory (1,200 bytes), so the oldest in memory, k8, moves out.
        try estate.s3.putObject(bucket: "lake", key: "k1", body: Array("new".utf8) + [UInt8](repeating: 1, count: 397))
        #expect(try store.bodyCount() == 7, "old k1 deleted, k8 written")
        #expect(estate.s3.memoryBytes == 800)
        #expect(try estate.s3.object(bucket: "lake", key: "k1").content.isInMemory)
        #expect(try !estate.s3.object(bucket: "lake", key: "k8").content.isInMemory)
        #expect(try estate.ok("s3api get-object --bucket lake --key k1")["Body"]?.stringValue?.hasPrefix("new") == true)
    }

    @Test func copyAndSpectrumReadSpilledObjects() throws {
        let (estate, cluster) = try estateWithCluster()
        estate.s3.memoryBudgetBytes = 0
        try estate.s3.createBucket("lake")
        try estate.s3.putObject(bucket: "lake", key: "in/1.csv", body: Array("1,a\n2,b\n".utf8))
        try estate.s3.putObject(bucket: "lake", key: "in/2.csv", body: Array("3,c\n".utf8))
        #expect(estate.s3.memoryBytes == 0 && estate.s3.spilledBodies == 2)
        _ = try cluster.database.execute("CREATE TABLE t (id INT, name VARCHAR(8))")
        _ = try cluster.database.execute("COPY t FROM 's3://lake/in/' FORMAT AS CSV")
        #expect(cluster.database.rows("SELECT id, name FROM t ORDER BY id") == [["1", "a"], ["2", "b"], ["3", "c"]])
    }

    @Test func theDumpIsTheSameWhereverTheBodiesAre() throws {
        func dump(budget: Int) throws -> String {
            let estate = Fixtures.emptyEstate()
            estate.s3.memoryBudgetBytes = budget
            Fixtures.run(estate, "s3 mb s3://lake", "s3api put-object --bucket lake --key a --body 'alpha'",
                         "s3api put-object --bucket lake --key b --body 'beta'", "s3api put-object --bucket lake --key a --body 'gamma'")
            #expect(estate.s3.spilledBodies == (budget == 0 ? 3 : 0))
            return estate.dump().serialized()
        }
        #expect(try dump(budget: 0) == dump(budget: 1 << 20))
    }
}
