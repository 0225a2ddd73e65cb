/// Writes to a Kinesis stream through the ordinary PutRecord path, so the stream's write limits
/// apply: a throttled record stays buffered and the job slows down instead of losing it.
final class KinesisJobSink: JobSink {
    let stream: String
    let partitionKey: JSONPath?
    /// Unowned: the estate owns both services; weak would slow every retain of the Kinesis service.
    unowned var kinesis: KinesisService?
    private(set) var throttled = 0

    init(stream: String, partitionKey: JSONPath?, kinesis: KinesisService) {
        self.stream = stream
        self.partitionKey = partitionKey
        self.kinesis = kinesis
    }

    var label: String { "Sink: Kinesis(\(stream))" }
    var isTransactional: Bool { false }

    func write(_ records: ArraySlice<JobOutputRecord>, at now: SimInstant) -> Int {
        guard let kinesis else { return 0 }
        var written = 0
        for record in records {
            var key = partitionKey.flatMap { $0.value(in: record.value) }.map(\.keyText) ?? record.key
            if key.isEmpty { key = "job" }
            do {
                _ = try kinesis.putRecord(streamName: stream, text: record.value.serialized(), partitionKey: key)
                written += 1
            } catch {
                // Throttled or the stream is not there (yet): keep the rest for the next poll.
                throttled += 1
                break
            }
        }
        return written
    }

    func commit(at now: SimInstant) {}
    func abort() {}
}
