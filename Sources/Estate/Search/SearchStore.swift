import GRDB

/// The documents of every index, in SQLite through GRDB: the `_source` of each document, its
/// leaf fields for exact and range lookups, and an FTS5 table for full-text `match`.
///
/// The database lives in memory (the estate's state on disk comes later with `--state`); all
/// statements are prepared once and reused, and each indexing call is one transaction.
final class SearchStore {
    let db: DatabaseQueue

    init() throws {
        var config = Configuration()
        config.label = "search"
        db = try DatabaseQueue(configuration: config)
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE docs(rowid INTEGER PRIMARY KEY, idx TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
                                  ingested INTEGER NOT NULL, source TEXT NOT NULL, UNIQUE(idx, id));
                CREATE TABLE fields(doc INTEGER NOT NULL, idx TEXT NOT NULL, field TEXT NOT NULL, sval TEXT, nval REAL);
                CREATE INDEX docs_seq ON docs(idx, seq);
                CREATE INDEX docs_ingested ON docs(idx, ingested);
                CREATE INDEX fields_text ON fields(idx, field, sval);
                CREATE INDEX fields_number ON fields(idx, field, nval);
                CREATE INDEX fields_doc ON fields(doc);
                CREATE VIRTUAL TABLE fts USING fts5(value, doc UNINDEXED, idx UNINDEXED, field UNINDEXED, tokenize = 'unicode61');
                CREATE TABLE fts_rows(doc INTEGER NOT NULL, row INTEGER NOT NULL);
                CREATE INDEX fts_rows_doc ON fts_rows(doc);
                """)
        }
    }

    /// Checks that this SQLite has FTS5 (Debian's does); the service reports it at start.
    static func hasFTS5(_ db: DatabaseQueue) -> Bool {
        (try? db.read { try Bool.fetchOne($0, sql: "SELECT sqlite_compileoption_used('ENABLE_FTS5')") ?? false }) ?? false
    }

    /// Inserts or replaces documents by id; returns how many were new.
    func upsert(index: String, documents: [(id: String, source: JSONValue)], firstSeq: Int64, ingested: SimInstant) throws -> Int {
        try db.write { db in
            let find = try db.cachedStatement(sql: "SELECT rowid FROM docs WHERE idx = ? AND id = ?")
            let insertDoc = try db.cachedStatement(sql: "INSERT INTO docs(idx, id, seq, ingested, source) VALUES (?, ?, ?, ?, ?)")
            let updateDoc = try db.cachedStatement(sql: "UPDATE docs SET seq = ?, ingested = ?, source = ? WHERE rowid = ?")
            let dropFields = try db.cachedStatement(sql: "DELETE FROM fields WHERE doc = ?")
            // FTS5 cannot index its doc column; fts_rows finds a document's text rows by rowid instead,
            // so replacing or expiring documents never scans the whole text table.
            let dropText = try db.cachedStatement(sql: "DELETE FROM fts WHERE rowid IN (SELECT row FROM fts_rows WHERE doc = ?)")
            let dropTextRows = try db.cachedStatement(sql: "DELETE FROM fts_rows WHERE doc = ?")
            let insertTextRow = try db.cachedStatement(sql: "INSERT INTO fts_rows(doc, row) VALUES (?, ?)")
            let insertField = try db.cachedStatement(sql: "INSERT INTO fields(doc, idx, field, sval, nval) VALUES (?, ?, ?, ?, ?)")
            let insertText = try db.cachedStatement(sql: "INSERT INTO fts(value, doc, idx, field) VALUES (?, ?, ?, ?)")
            var created = 0
            for (offset, document) in documents.enumerated() {
                let seq = (firstSeq + Int64(offset)).databaseValue
                let source = document.source.serialized().databaseValue
                let (indexValue, at) = (index.databaseValue, ingested.milliseconds.databaseValue)
                let rowid: Int64
                if let existing = try find.stepOnce([indexValue, document.id.databaseValue], in: db) {
                    rowid = existing
                    let row = rowid.databaseValue
                    try updateDoc.stepOnce([seq, at, source, row], in: db)
                    try dropFields.stepOnce([row], in: db)
                    try dropText.stepOnce([row], in: db)
                    try dropTextRows.stepOnce([row], in: db)
                } else {
                    try insertDoc.stepOnce([indexValue, document.id.databaseValue, seq, at, source], in: db)
                    rowid = db.lastInsertedRowID
                    created += 1
                }
                let row = rowid.databaseValue
                for (field, value) in Self.leaves(document.source) {
                    let name = field.databaseValue
                    switch value {
                    case let .string(s):
                        let date = EventTimestamp.parseISO(s).map { Double(EventTimestamp.unixMilliseconds($0)) }
                        try insertField.stepOnce([row, indexValue, name, s.databaseValue, date.databaseValue], in: db)
                        // OpenSearch's date detection maps such strings as dates, which are not
                        // analysed text: only other strings go into the full-text index.
                        if date == nil {
                            try insertText.stepOnce([s.databaseValue, row, indexValue, name], in: db)
                            try insertTextRow.stepOnce([row, db.lastInsertedRowID.databaseValue], in: db)
                        }
                    case let .int(i): try insertField.stepOnce([row, indexValue, name, String(i).databaseValue, Double(i).databaseValue], in: db)
                    case let .double(d): try insertField.stepOnce([row, indexValue, name, JSONValue.double(d).serialized().databaseValue, d.databaseValue], in: db)
                    case let .bool(b): try insertField.stepOnce([row, indexValue, name, (b ? "true" : "false").databaseValue, .null], in: db)
                    default: break
                    }
                }
            }
            return created
        }
    }

    /// Deletes an index's documents indexed before `cutoff`, with their fields and text; returns
    /// how many went.
    ///
    /// A sweep runs every virtual minute and usually finds nothing old enough (an index kept
    /// for 24 hours has nothing to expire in its first day), so one indexed probe comes first and
    /// the four deletes run only when it finds a document; all five statements are prepared once.
    func delete(index: String, ingestedBefore cutoff: SimInstant) throws -> Int {
        try db.write { db in
            let aged: StatementArguments = [index, cutoff.milliseconds]
            let agedDocs = "SELECT rowid FROM docs WHERE idx = ? AND ingested < ?"
            let probe = try db.cachedStatement(sql: "SELECT 1 FROM docs WHERE idx = ? AND ingested < ? LIMIT 1")
            guard try Bool.fetchOne(probe, arguments: aged) != nil else { return 0 }
            try db.cachedStatement(sql: "DELETE FROM fields WHERE doc IN (\(agedDocs))").execute(arguments: aged)
            let agedRows = "SELECT row FROM fts_rows WHERE doc IN (\(agedDocs))"
            try db.cachedStatement(sql: "DELETE FROM fts WHERE rowid IN (\(agedRows))").execute(arguments: aged)
            try db.cachedStatement(sql: "DELETE FROM fts_rows WHERE doc IN (\(agedDocs))").execute(arguments: aged)
            try db.cachedStatement(sql: "DELETE FROM docs WHERE idx = ? AND ingested < ?").execute(arguments: aged)
            return db.changesCount
        }
    }

    /// Leaf values by dotted field name; array elements share their field's name, as in OpenSearch.
    static func leaves(_ value: JSONValue, prefix: String = "") -> [(String, JSONValue)] {
        switch value {
        case let .object(pairs): return pairs.flatMap { leaves($0.1, prefix: prefix.isEmpty ? $0.0 : "\(prefix).\($0.0)") }
        case let .array(items): return items.flatMap { leaves($0, prefix: prefix) }
        case .null: return []
        default: return prefix.isEmpty ? [] : [(prefix, value)]
        }
    }

    func deleteIndex(_ index: String) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM fts WHERE idx = ?", arguments: [index])
            try db.execute(sql: "DELETE FROM fts_rows WHERE doc IN (SELECT rowid FROM docs WHERE idx = ?)", arguments: [index])
            try db.execute(sql: "DELETE FROM fields WHERE idx = ?", arguments: [index])
            try db.execute(sql: "DELETE FROM docs WHERE idx = ?", arguments: [index])
        }
    }
}
