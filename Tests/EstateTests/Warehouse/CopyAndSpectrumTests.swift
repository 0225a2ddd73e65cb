@testable import Estate
import Testing

/// COPY from S3 with good and bad lines, UNLOAD to S3, and Spectrum's external tables.
@Suite struct CopyAndSpectrumTests {
    func setup() throws -> (Estate, Cluster) {
        let (estate, cluster) = try estateWithCluster()
        try estate.s3.createBucket("lake")
        return (estate, cluster)
    }

    @Test func copyCSVLoadsGoodLinesAndRecordsBadOnes() throws {
        let (estate, cluster) = try setup()
        try estate.s3.putObject(bucket: "lake", key: "orders/part1.csv", body: Array("id,amount,placed\n1,10.5,2026-01-01\n2,oops,2026-01-02\n3,7,2026-01-03\n".utf8))
        try estate.s3.putObject(bucket: "lake", key: "orders/part2.csv", body: Array("id,amount,placed\n4,1,not-a-date\n5,\"2\",2026-01-05\n".utf8))
        _ = try cluster.database.execute("CREATE TABLE orders (id INT, amount DECIMAL(10,2), placed DATE)")
        let failed = try #require(cluster.database.error("COPY orders FROM 's3://lake/orders/' FORMAT AS CSV IGNOREHEADER 1"))
        #expect(failed.message.contains("stl_load_errors"))
        #expect(cluster.database.value("SELECT count(*) FROM orders") == "0", "over MAXERROR nothing loads")
        _ = try cluster.database.execute("COPY orders FROM 's3://lake/orders/' CSV IGNOREHEADER 1 MAXERROR 5")
        #expect(cluster.database.rows("SELECT id, amount, placed FROM orders ORDER BY id") == [["1", "10.5", "2026-01-01"], ["3", "7.0", "2026-01-03"], ["5", "2.0", "2026-01-05"]])
        let errors = cluster.database.rows("SELECT DISTINCT filename, line_number, colname, err_code, raw_field_value FROM stl_load_errors ORDER BY filename")
        #expect(cluster.database.value("SELECT count(*) FROM stl_load_errors") == "4", "each COPY logs its two bad lines")
        #expect(errors == [["s3://lake/orders/part1.csv", "3", "amount", "1207", "oops"], ["s3://lake/orders/part2.csv", "2", "placed", "1205", "not-a-date"]])
        #expect(cluster.tables.first?.totalRows == 3)
    }

    @Test func copyJSONAndDelimitedText() throws {
        let (estate, cluster) = try setup()
        try estate.s3.putObject(bucket: "lake", key: "j/1.json", body: Array("{\"ID\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": null}\n{broken\n".utf8))
        try estate.s3.putObject(bucket: "lake", key: "t/1.txt", body: Array("1;x\n2;y;extra\n".utf8))
        _ = try cluster.database.execute("CREATE TABLE j (id INT, name VARCHAR(5)); CREATE TABLE t (id INT, name VARCHAR(5))")
        _ = try cluster.database.execute("COPY j FROM 's3://lake/j/' FORMAT AS JSON 'auto' MAXERROR 1")
        #expect(cluster.database.rows("SELECT id, name FROM j ORDER BY id") == [["1", "a"], ["2", nil]])
        _ = try cluster.database.execute("COPY t FROM 's3://lake/t/' DELIMITER ';' MAXERROR 1")
        #expect(cluster.database.rows("SELECT id, name FROM t") == [["1", "x"]])
        #expect(cluster.database.value("SELECT err_reason FROM stl_load_errors WHERE filename LIKE '%t/1.txt'") == "Extra column(s) found")
    }

    @Test func unloadWritesOneFilePerSliceOrOne() throws {
        let (estate, cluster) = try setup()
        _ = try cluster.database.execute("CREATE TABLE u (id INT, s VARCHAR(5)); INSERT INTO u VALUES (1, 'a|b'), (2, 'c')")
        _ = try cluster.database.execute("UNLOAD ('SELECT id, s FROM u ORDER BY id') TO 's3://lake/out/u_' PARALLEL OFF")
        #expect(String(decoding: try estate.s3.object(bucket: "lake", key: "out/u_000").bytes(), as: UTF8.self) == "1|a\\|b\n2|c\n")
        #expect(cluster.database.error("UNLOAD ('SELECT 1') TO 's3://lake/out/u_'")?.message.contains("not empty") == true)
        _ = try cluster.database.execute("UNLOAD ('SELECT id FROM u') TO 's3://lake/par/' FORMAT AS CSV")
        #expect(estate.s3.bucket("lake")?.sortedKeys.filter { $0.hasPrefix("par/") }.count == cluster.topology.sliceCount)
    }

    @Test func spectrumQueriesS3FilesAndShowsAnS3Scan() throws {
        let (estate, cluster) = try setup()
        let file = "region,amount\nnorth,10\nsouth,5\nnorth,7\n"
        try estate.s3.putObject(bucket: "lake", key: "sales/2026/a.csv", body: Array(file.utf8))
        _ = try cluster.database.execute("""
            CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'lakedb' IAM_ROLE 'arn:aws:iam::123456789012:role/s' CREATE EXTERNAL DATABASE IF NOT EXISTS;
            CREATE EXTERNAL TABLE spectrum.sales (region VARCHAR(10), amount INT)
              ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://lake/sales/'
              TABLE PROPERTIES ('skip.header.line.count'='1')
            """)
        #expect(cluster.database.rows("SELECT region, sum(amount) FROM spectrum.sales GROUP BY region ORDER BY region") == [["north", "17"], ["south", "5"]])
        #expect(cluster.database.spectrumBytesScanned == file.utf8.count)
        #expect(cluster.database.value("SELECT DISTINCT \"$path\" FROM spectrum.sales") == "s3://lake/sales/2026/a.csv")
        _ = try cluster.database.execute("CREATE TABLE regions (region VARCHAR(10), manager VARCHAR(10)) DISTSTYLE ALL; INSERT INTO regions VALUES ('north', 'ann')")
        #expect(cluster.database.value("SELECT sum(s.amount) FROM spectrum.sales s JOIN regions r ON r.region = s.region") == "17")
        let plan = cluster.database.rows("EXPLAIN SELECT * FROM spectrum.sales").map { $0[0] ?? "" }
        #expect(plan.contains { $0.contains("S3 Seq Scan spectrum.sales") })
        #expect(cluster.database.rows("SELECT table_schema, table_type FROM svv_tables WHERE table_name = 'sales'") == [["spectrum", "EXTERNAL TABLE"]])
        // New files are seen by the next query, as Spectrum reads S3 at query time.
        try estate.s3.putObject(bucket: "lake", key: "sales/2026/b.csv", body: Array("region,amount\nsouth,1\n".utf8))
        #expect(cluster.database.value("SELECT sum(amount) FROM spectrum.sales WHERE region = 'south'") == "6")
    }
}
