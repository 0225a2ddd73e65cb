@testable import Estate
import Testing

/// Jobs over tab-separated records (`format: tsv`), the shape of CloudFront's real-time logs.
@Suite struct RecordFormatTests {
    @Test func tsvFieldsBecomeNamedValuesNumbersAndNulls() {
        let line = "1767225600.125\t198.51.100.7\t0.250\t404\tGET\t/docs/a b\tError\t-\n"
        let value = RecordFormat.tsv(columns: ["timestamp", "c-ip", "time-taken", "sc-status", "cs-method", "cs-uri-stem",
                                               "x-edge-result-type", "c-country", "extra"]).decode(Array(line.utf8))
        #expect(value == .object([
            ("timestamp", .double(1_767_225_600.125)), ("c-ip", .string("198.51.100.7")), ("time-taken", .double(0.25)),
            ("sc-status", .int(404)), ("cs-method", .string("GET")), ("cs-uri-stem", .string("/docs/a b")),
            ("x-edge-result-type", .string("Error")),
            // CloudFront writes '-' for a field with no value; a column past the record's fields is null too.
            ("c-country", .null), ("extra", .null),
        ]))
        // Fields past the named columns are dropped; an empty field is empty text.
        #expect(RecordFormat.tsv(columns: ["a", "b"]).decode(Array("x\t\ty".utf8)) == .object([("a", .string("x")), ("b", .string(""))]))
    }

    @Test func aTSVJobCountsPerColumnValue() throws {
        let estate = try JobFixture.estate()
        let yaml = """
            name: statuses
            checkpoint-interval: off
            source:
              stream: clicks
              format: tsv
              columns: [ts, status, uri]
              event-time: $.ts
            outputs:
              - name: by-status
                key-by: [status]
                window: { tumbling: 1m }
                aggregate: { requests: count, paths: count-distinct($.uri) }
                sinks: [ { table: statuses } ]
            """
        let app = try JobFixture.start(estate, yaml)
        for (second, status, uri) in [(5, 200, "/a"), (20, 404, "/b"), (40, 200, "/c"), (50, 200, "/a"), (70, 500, "/a")] {
            _ = try estate.kinesis.putRecord(streamName: "clicks", text: "\(JobFixture.at(Int64(second)))\t\(status)\t\(uri)", partitionKey: uri)
        }
        estate.advance(by: .seconds(10))
        #expect(app.recordsRead == 5)
        // Minute 0 closes when the record at 70 s moves the watermark past it.
        let rows = JobFixture.rows(estate, "statuses").map { $0.row("window_start", "status", "requests", "paths") }.sorted()
        #expect(rows == [
            "window_start=\(JobFixture.minute(0)) status=200 requests=3 paths=2",
            "window_start=\(JobFixture.minute(0)) status=404 requests=1 paths=1",
        ])
    }

    @Test func badFormatSettingsNameTheirLine() {
        func error(_ source: String) -> ConfigError? {
            let yaml = "name: j\nsource:\n  stream: s\n\(source)\noutputs:\n  - name: o\n    sinks: [ { table: t } ]\n"
            do { _ = try JobDefinitionParser.parse(yaml, file: "j.yaml"); return nil } catch { return error }
        }
        #expect(error("  format: tsv") == ConfigError(file: "j.yaml", line: 4, message: "format tsv needs columns: [name, ...], one per tab-separated field"))
        #expect(error("  columns: [a, b]") == ConfigError(file: "j.yaml", line: 4, message: "columns: is only for format tsv"))
        #expect(error("  format: csv") == ConfigError(file: "j.yaml", line: 4, message: "format must be json or tsv, not 'csv'"))
        #expect(error("  format: tsv\n  columns: [a, a]")?.message == "column 'a' is empty or named twice")
        #expect(error("  format: tsv\n  columns: [a, b]") == nil)
    }
}
