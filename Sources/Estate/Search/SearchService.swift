import GRDB

/// The OpenSearch-style service: domains (control plane, `opensearch` operations) and indices
/// of documents searched through SQLite FTS5 (data plane, the `search` verb and job sinks).
public final class SearchService: EstateService, DocumentSinkTarget {
    public let serviceName = "opensearch"
    public let dumpKey = "Search"

    public static let domainCreation = SimDuration.minutes(2)
    public static let defaultEngineVersion = "OpenSearch_2.11"

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    let store: SearchStore
    var domainsByName: [String: SearchDomain] = [:]
    var indicesByName: [String: SearchIndexInfo] = [:]
    var idRandom: SeededRandom

    public init(context: ServiceContext) {
        self.context = context
        idRandom = context.random.fork("ids")
        do { store = try SearchStore() } catch {
            // An in-memory SQLite database with FTS5 is part of the platform; without it nothing here can work.
            fatalError("search store: \(error)")
        }
    }

    public var domains: [SearchDomain] { domainsByName.keys.sorted().compactMap { domainsByName[$0] } }
    public var indices: [SearchIndexInfo] { indicesByName.keys.sorted().compactMap { indicesByName[$0] } }
    public func index(named name: String) -> SearchIndexInfo? { indicesByName[name] }

    // MARK: - Indexing

    /// Indexes documents, creating the index on first use as OpenSearch does; documents without
    /// an id get the next sequential one, documents with a known id are replaced.
    public func index(_ index: String, documents: [(id: String?, source: JSONValue)], at now: SimInstant) {
        guard !documents.isEmpty else { return }
        if indicesByName[index] == nil { context.bus.publish(SearchEvent(resource: index, kind: .indexCreated)) }
        var info = indicesByName[index] ?? SearchIndexInfo(name: index, createdAt: now)
        if info.retention == nil { info.retention = pendingRetentions[index] }
        sweep(&info, now: now)
        let firstSeq = info.nextSeq
        let docs = documents.enumerated().map { (offset, d) in (d.id ?? String(firstSeq + Int64(offset)), d.source) }
        do {
            let created = try store.upsert(index: index, documents: docs, firstSeq: firstSeq, ingested: now)
            info.documentCount += created
            info.nextSeq += Int64(docs.count)
            indicesByName[index] = info
        } catch {
            context.bus.publish(SearchEvent(resource: index, kind: .indexingFailed("\(error)")))
        }
    }

    /// How often an index with a retention deletes what has aged out; a policy's check interval.
    public static let retentionSweep = SimDuration.minutes(1)

    /// Retentions asked for before their index exists; the first document creates it with one.
    private var pendingRetentions: [String: SimDuration] = [:]

    public func setRetention(_ retention: SimDuration?, of index: String) {
        if var info = indicesByName[index] {
            info.retention = retention
            indicesByName[index] = info
        } else {
            pendingRetentions[index] = retention
        }
    }

    /// Deletes documents indexed more than the retention ago, at most once per sweep interval, so
    /// an index fed for days holds only its last `retention` of documents.
    private func sweep(_ info: inout SearchIndexInfo, now: SimInstant) {
        guard let retention = info.retention, info.lastSweep.map({ now - $0 >= Self.retentionSweep }) ?? true else { return }
        info.lastSweep = now
        do {
            info.documentCount -= try store.delete(index: info.name, ingestedBefore: now - retention)
        } catch {
            context.bus.publish(SearchEvent(resource: info.name, kind: .indexingFailed("\(error)")))
        }
    }

    // MARK: - _search

    /// Runs a `_search` body and answers in OpenSearch's response shape.
    public func search(index: String, body: JSONValue) -> Result<JSONValue, AWSError> {
        do throws(AWSError) { return .success(try searchResponse(index: index, body: body)) } catch { return .failure(error) }
    }

    func searchResponse(index: String, body: JSONValue) throws(AWSError) -> JSONValue {
        guard indicesByName[index] != nil else {
            throw AWSError("index_not_found_exception", "no such index [\(index)]")
        }
        let known = ["query", "size", "from", "sort", "aggs", "aggregations", "_source", "track_total_hits"]
        for (key, _) in body.objectValue ?? [] where !known.contains(key) {
            throw AWSError("parsing_exception", "Unknown key for a START_OBJECT in [\(key)].")
        }
        let size = body["size"].map { $0.intValue.map(Int.init) ?? -1 } ?? 10
        let from = body["from"].map { $0.intValue.map(Int.init) ?? -1 } ?? 0
        guard size >= 0, from >= 0 else { throw AWSError("illegal_argument_exception", "[size] and [from] must be non-negative whole numbers") }
        let sortKeys = try sortSpec(body["sort"])
        let aggregationsBody = body["aggregations"] ?? body["aggs"]
        let result: Result<JSONValue, AWSError> = readDatabase { db throws(AWSError) in
            let matches = try SearchQueryEvaluator(db: db, index: index).evaluate(body["query"])
            let ordered = try order(matches, by: sortKeys, index: index, db: db)
            let page = ordered.dropFirst(from).prefix(size)
            let hits = try fetch(page.map(\.doc), db: db)
            var pairs: [(String, JSONValue)] = [
                ("took", 1), ("timed_out", false),
                ("_shards", ["total": 1, "successful": 1, "skipped": 0, "failed": 0]),
            ]
            let scored = sortKeys.isEmpty
            let maxScore = scored ? ordered.map(\.score).max() : nil
            pairs.append(("hits", [
                "total": ["value": .int(Int64(matches.count)), "relation": "eq"],
                "max_score": maxScore.map(Self.score) ?? .null,
                "hits": .array(page.map { entry in
                    let hit = hits[entry.doc]
                    var h: [(String, JSONValue)] = [
                        ("_index", .string(index)), ("_id", .string(hit?.id ?? "")),
                        ("_score", scored ? Self.score(entry.score) : .null),
                        ("_source", hit?.source ?? .null),
                    ]
                    if !scored { h.append(("sort", .array(entry.sortValues))) }
                    return .object(h)
                }),
            ]))
            if let aggregationsBody {
                pairs.append(("aggregations", try aggregations(aggregationsBody, docs: Array(matches.keys), index: index, db: db)))
            }
            return .object(pairs)
        }
        return try result.get()
    }

    static func score(_ s: Double) -> JSONValue { .double((s * 10_000).rounded() / 10_000) }

    /// Runs a read against the store, turning database failures into an AWS-style error.
    func readDatabase<T>(_ body: (Database) throws(AWSError) -> T) -> Result<T, AWSError> {
        do {
            return try store.db.read { db in
                do { return .success(try body(db)) } catch let error as AWSError { return .failure(error) }
            }
        } catch {
            return .failure(AWSError("search_phase_execution_exception", "\(error)"))
        }
    }

    struct SortKey { let field: String; let descending: Bool }

    private func sortSpec(_ v: JSONValue?) throws(AWSError) -> [SortKey] {
        guard let v else { return [] }
        let items = v.arrayValue ?? [v]
        var out: [SortKey] = []
        for item in items {
            if let field = item.stringValue { out.append(SortKey(field: field, descending: field == "_score")); continue }
            guard case let .object(pairs) = item, pairs.count == 1, let (field, spec) = pairs.first else {
                throw AWSError("parsing_exception", "[sort] takes field names or {field: {order: asc|desc}}")
            }
            let order = spec.stringValue ?? spec["order"]?.stringValue ?? "asc"
            guard order == "asc" || order == "desc" else { throw AWSError("parsing_exception", "[sort] order must be asc or desc, not \(order)") }
            out.append(SortKey(field: field, descending: order == "desc"))
        }
        return out.filter { $0.field != "_score" }
    }

    struct Ranked { let doc: Int64; let score: Double; let sortValues: [JSONValue] }

    /// Score order (then insertion order) without a sort; else by the sort fields, missing last.
    private func order(_ matches: [Int64: Double], by keys: [SortKey], index: String, db: Database) throws(AWSError) -> [Ranked] {
        // Ties go in index order (the rowid), as OpenSearch's _doc order.
        guard !keys.isEmpty else {
            return matches.map { Ranked(doc: $0.key, score: $0.value, sortValues: []) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
        }
        var values: [[Int64: JSONValue]] = []
        for key in keys {
            var column: [Int64: JSONValue] = [:]
            let rows: [Row]
            do {
                rows = try Row.fetchAll(db, sql: "SELECT doc, sval, nval FROM fields WHERE idx = ? AND field = ? AND doc IN (SELECT value FROM json_each(?))",
                                        arguments: [index, key.field, JSONValue.array(matches.keys.sorted().map { .int($0) }).serialized()])
            } catch { throw AWSError("search_phase_execution_exception", "\(error)") }
            for row in rows {
                let doc: Int64 = row[0]
                let v: JSONValue = (row[2] as Double?).map { .number($0) } ?? (row[1] as String?).map { .string($0) } ?? .null
                // Several values (an array): ascending sorts use the smallest, descending the largest.
                if let old = column[doc], Self.less(old, v) != key.descending { continue }
                column[doc] = v
            }
            values.append(column)
        }
        return matches.keys.map { doc in Ranked(doc: doc, score: matches[doc] ?? 0, sortValues: values.map { $0[doc] ?? .null }) }
            .sorted { a, b in
                for (i, key) in keys.enumerated() {
                    let x = a.sortValues[i], y = b.sortValues[i]
                    if x == y { continue }
                    if x == .null { return false }
                    if y == .null { return true }
                    return key.descending ? Self.less(y, x) : Self.less(x, y)
                }
                return a.doc < b.doc
            }
    }

    static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.numberValue, let y = b.numberValue, a.stringValue == nil, b.stringValue == nil { return x < y }
        return a.keyText < b.keyText
    }

    private func fetch(_ docs: [Int64], db: Database) throws(AWSError) -> [Int64: SearchHit] {
        do {
            var out: [Int64: SearchHit] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT rowid, id, source, ingested FROM docs WHERE rowid IN (SELECT value FROM json_each(?))",
                                        arguments: [JSONValue.array(docs.map { .int($0) }).serialized()]) {
                let text: String = row[2]
                out[row[0]] = SearchHit(id: row[1], score: nil, source: (try? JSONParser.parse(text)) ?? .null, ingestedAt: SimInstant(milliseconds: row[3]))
            }
            return out
        } catch { throw AWSError("search_phase_execution_exception", "\(error)") }
    }
}
