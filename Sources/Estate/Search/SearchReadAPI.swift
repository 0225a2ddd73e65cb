import GRDB

/// What a view shows of an index without writing query JSON: documents over time and the newest.
extension SearchService {
    /// Documents indexed per `interval` of ingestion time, oldest bucket first (Unix ms keys),
    /// from `since` on: a live panel asks for the last hours, not the whole index.
    public func ingestionHistogram(index: String, interval: SimDuration = .minutes(1), since: SimInstant? = nil) -> [(start: SimInstant, count: Int)] {
        let ms = max(1, interval.milliseconds)
        let result = readDatabase { db throws(AWSError) -> [(start: SimInstant, count: Int)] in
            do {
                return try Row.fetchAll(db, sql: "SELECT ingested - ((ingested % ?) + ?) % ? AS bucket, COUNT(*) FROM docs WHERE idx = ? AND ingested >= ? GROUP BY bucket ORDER BY bucket",
                                        arguments: [ms, ms, ms, index, since?.milliseconds ?? Int64.min]).map { (SimInstant(milliseconds: $0[0]), $0[1]) }
            } catch { throw AWSError("search_phase_execution_exception", "\(error)") }
        }
        return (try? result.get()) ?? []
    }

    /// The most recently indexed (or replaced) documents, newest first.
    public func newestHits(index: String, count: Int = 10) -> [SearchHit] {
        let result = readDatabase { db throws(AWSError) -> [SearchHit] in
            do {
                return try Row.fetchAll(db, sql: "SELECT id, source, ingested FROM docs WHERE idx = ? ORDER BY seq DESC LIMIT ?", arguments: [index, count]).map { row in
                    let text: String = row[1]
                    return SearchHit(id: row[0], score: nil, source: (try? JSONParser.parse(text)) ?? .null, ingestedAt: SimInstant(milliseconds: row[2]))
                }
            } catch { throw AWSError("search_phase_execution_exception", "\(error)") }
        }
        return (try? result.get()) ?? []
    }
}
