import Estate
import Foundation

/// `cloudtop bench jobs`: records a second through a keyBy + tumbling-window job at parallelism
/// 1 and 4, against the plain KCL consumer reading the same stream in the same run; and search
/// documents indexed and queries answered a second.
///
/// Each reader gets a fresh estate with the same pre-written stream (writing is not timed); the
/// wall clock runs only while virtual time advances until every record has been read.
enum JobsBenchmark {
    static let shardCount = 8

    static func run(records: Int = 100_000, documents: Int = 20_000, queries: Int = 200) -> BenchReport {
        let job1 = jobRate(records: records, parallelism: 1)
        let job4 = jobRate(records: records, parallelism: 4)
        let kcl = consumerRate(records: records)
        let (indexRate, queryRate) = searchRates(documents: documents, queries: queries)
        func f(_ x: Double) -> String { String(Int(x.rounded())) }
        let text = """
        Jobs (\(records) records, \(shardCount) shards, keyBy user + 10 s tumbling count):
          job parallelism 1: \(f(job1)) records/s (\(String(format: "%.2f", job1 / kcl))× KCL)
          job parallelism 4: \(f(job4)) records/s (\(String(format: "%.2f", job4 / kcl))× KCL)
          baseline, KCL consumer (2 workers, decoding each record's JSON): \(f(kcl)) records/s
        Search (\(documents) documents in batches of 500, \(queries) queries of match/term/range/bool/date_histogram):
          indexing: \(f(indexRate)) documents/s
          queries: \(f(queryRate)) queries/s
        """
        let consumer = (kcl, "KCL consumer")
        return BenchReport(text: text, rows: [
            BenchRow("jobs: keyBy + 10 s window, parallelism 1", job1, .rate("records"), baseline: consumer),
            BenchRow("jobs: keyBy + 10 s window, parallelism 4", job4, .rate("records"), baseline: consumer),
            BenchRow("search: indexing, batches of 500", indexRate, .rate("docs")),
            BenchRow("search: five query kinds", queryRate, .rate("queries")),
        ])
    }

    /// An estate whose stream holds `records` clicks, written at 500 a shard a second.
    static func filledEstate(records: Int) -> Estate {
        let estate = Estate(name: "bench-jobs", seed: 1)
        _ = try? estate.kinesis.createStream(name: "clicks", shardCount: shardCount)
        estate.advance(by: .seconds(30))
        var n = 0
        while n < records {
            for _ in 0..<min(shardCount * 500, records - n) {
                let ts = SimCalendar.iso8601(estate.now)
                _ = try? estate.kinesis.putRecord(streamName: "clicks", text: #"{"user":"user-\#(n % 1000)","page":"/p\#(n % 37)","ts":"\#(ts)"}"#,
                                                  partitionKey: "user-\(n % 1000)")
                n += 1
            }
            estate.advance(by: .seconds(1))
        }
        return estate
    }

    static func timed(_ estate: Estate, until done: () -> Bool) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var guardSeconds = 0
        while !done(), guardSeconds < 3600 {
            estate.advance(by: .seconds(1))
            guardSeconds += 1
        }
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func jobRate(records: Int, parallelism: Int) -> Double {
        let estate = filledEstate(records: records)
        let yaml = """
            name: bench
            parallelism: \(parallelism)
            checkpoint-interval: 30s
            source: { stream: clicks, event-time: $.ts }
            outputs:
              - name: per-user
                key-by: [user]
                window: { tumbling: 10s }
                aggregate: { events: count }
                sinks: [ { table: per_user } ]
            """
        guard let definition = try? JobDefinitionParser.parse(yaml, file: "bench.yaml"),
              let app = try? estate.jobs.create(name: "bench", definition: definition) else { return 0 }
        try? estate.jobs.start("bench")
        estate.advance(by: JobsService.TransitionDelay.start)
        let seconds = timed(estate) { app.recordsRead >= records }
        return Double(records) / max(seconds, 1e-9)
    }

    static func consumerRate(records: Int) -> Double {
        let estate = filledEstate(records: records)
        guard let app = try? estate.kinesis.startConsumer(name: "bench", streamName: "clicks", workers: 2) else { return 0 }
        // A record processor that does what every real one does first: take each record and decode
        // its JSON. Without one the consumer only counts sequence numbers, which is no baseline.
        var decoded = 0
        app.onBatch = { batch in
            for record in batch.records where (try? JSONParser.parse(String(decoding: record.data, as: UTF8.self))) != nil { decoded += 1 }
        }
        let seconds = timed(estate) { app.recordsProcessed >= records }
        // The KCL delivers at least once: a worker that takes over a lease starts again from the
        // last checkpoint, so a few records reach the processor twice. Each was decoded, so each
        // counts as work done; a run that decoded fewer than it was given measured nothing.
        guard decoded >= records else { return 0 }
        return Double(decoded) / max(seconds, 1e-9)
    }

    static func searchRates(documents: Int, queries: Int) -> (Double, Double) {
        let estate = Estate(name: "bench-search", seed: 1)
        let words = ["red", "blue", "green", "shoes", "hat", "wine", "sale", "clean", "cart", "search"]
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        var start = clock.now
        var n = 0
        while n < documents {
            let batch: [(id: String?, source: JSONValue)] = (n..<min(n + 500, documents)).map { i in
                (String(i), ["user": .string("user-\(i % 1000)"), "title": .string("\(words[i % 10]) \(words[(i / 10) % 10]) \(words[(i / 100) % 10])"),
                             "price": .int(Int64(i % 200)), "ts": .string(SimCalendar.iso8601(.zero + .seconds(Int64(i))))])
            }
            estate.search.index("bench", documents: batch, at: estate.now)
            n += batch.count
        }
        let indexRate = Double(documents) / max(seconds(clock.now - start), 1e-9)
        let bodies: [JSONValue] = [
            ["query": ["match": ["title": "red shoes"]], "size": 10],
            ["query": ["term": ["user": "user-42"]]],
            ["query": ["range": ["price": ["gte": 50, "lt": 60]]], "sort": [["price": "desc"]]],
            ["query": ["bool": ["must": [["match": ["title": "wine"]]], "filter": [["range": ["price": ["lt": 100]]]]]]],
            ["size": 0, "aggs": ["per_hour": ["date_histogram": ["field": "ts", "fixed_interval": "1h"]]]],
        ]
        start = clock.now
        for q in 0..<queries { _ = estate.search.search(index: "bench", body: bodies[q % bodies.count]) }
        let queryRate = Double(queries) / max(seconds(clock.now - start), 1e-9)
        return (indexRate, queryRate)
    }
}
