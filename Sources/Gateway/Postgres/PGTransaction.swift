import Estate

/// A connection's transaction block: its `ReadyForQuery` status (`I`, `T`, `E`) and savepoints.
///
/// Drivers follow the status: redshift_connector and psycopg send `BEGIN` before a statement
/// only when the server says the connection is idle, and `COMMIT` when they are done. The
/// leader's SQLite database is shared by every connection, the Data API and the stream loaders,
/// so a block cannot hold a SQLite transaction open across messages without taking everyone
/// else's writes into it. Instead a block's statements commit as they run while the leader's undo
/// log keeps their inverses (`WarehouseDatabase+Blocks.swift`): ROLLBACK replays them, COMMIT
/// forgets them, and a savepoint is a place in that log. Others see a block's rows before it
/// ends. After an error inside a block, statements are refused until it ends, as PostgreSQL does.
struct PGTransaction {
    private(set) var status = UInt8(ascii: "I")
    /// Open savepoints, oldest first; a name may repeat, and the newest of a name is the one meant.
    private(set) var savepoints: [(name: String, mark: UndoMark)] = []
    /// The block is the implicit one PostgreSQL wraps around a simple query of several
    /// statements: it ends with the message (committed, or rolled back at an error), takes no
    /// savepoints, and becomes a regular block if one of its statements is BEGIN.
    private(set) var isImplicit = false

    var inBlock: Bool { status != UInt8(ascii: "I") }
    var isFailed: Bool { status == UInt8(ascii: "E") }

    /// A transaction-control statement.
    enum Control: Equatable {
        case begin, commit, rollback
        case savepoint(String), rollbackTo(String), release(String)
    }

    static func isBlank(_ sql: String) -> Bool {
        sql.unicodeScalars.allSatisfy { $0 == ";" || $0.properties.isWhitespace }
    }

    /// A lone transaction-control statement; nil for any other statement.
    static func control(_ sql: String) -> Control? {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ";")))
        guard !trimmed.contains(";") else { return nil }
        let words = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first?.uppercased() else { return nil }
        let rest = words.dropFirst().filter { !["WORK", "TRANSACTION"].contains($0.uppercased()) }
        switch first {
        case "BEGIN": return .begin
        case "START": return words.count > 1 && words[1].uppercased() == "TRANSACTION" ? .begin : nil
        case "COMMIT", "END": return .commit
        case "ABORT": return .rollback
        case "ROLLBACK":
            // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
            guard rest.first?.uppercased() == "TO" else { return .rollback }
            let named = rest.dropFirst().drop { $0.uppercased() == "SAVEPOINT" }
            return named.first.map { .rollbackTo(savepointName($0)) }
        case "SAVEPOINT":
            return words.count == 2 ? .savepoint(savepointName(words[1])) : nil
        case "RELEASE":
            let named = words.dropFirst().drop { $0.uppercased() == "SAVEPOINT" }
            return named.count == 1 ? .release(savepointName(named.first!)) : nil
        default: return nil
        }
    }

    /// An identifier as PostgreSQL reads it: quoted kept as written, unquoted folded to lower case.
    static func savepointName(_ word: String) -> String {
        if word.count >= 2, word.hasPrefix("\""), word.hasSuffix("\"") {
            return String(word.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return word.lowercased()
    }

    /// BEGIN: a new block, or the message's implicit block made regular, keeping the statements
    /// already run in it ("retroactively included into the new regular transaction block").
    mutating func begin() {
        if status == UInt8(ascii: "I") { status = UInt8(ascii: "T"); savepoints = [] }
        isImplicit = false
    }

    /// The implicit block around one simple query's statements.
    mutating func beginImplicit() {
        guard status == UInt8(ascii: "I") else { return }
        status = UInt8(ascii: "T")
        savepoints = []
        isImplicit = true
    }

    /// COMMIT, ROLLBACK, the end of a message's implicit block, or the connection's end: back to idle.
    mutating func end() {
        status = UInt8(ascii: "I")
        savepoints = []
        isImplicit = false
    }

    /// Savepoints need a regular block; PostgreSQL refuses them outside one and in an implicit one.
    var savepointRefusal: SQLError? {
        inBlock && !isImplicit ? nil : SQLError("25P01", "SAVEPOINT can only be used in transaction blocks")
    }

    /// An error inside a block fails the block.
    mutating func failed() {
        if status == UInt8(ascii: "T") { status = UInt8(ascii: "E") }
    }

    /// The refusal for a statement in a failed block.
    var refusal: SQLError? {
        isFailed ? SQLError("25P02", "current transaction is aborted, commands ignored until end of transaction block") : nil
    }

    mutating func addSavepoint(_ name: String, at mark: UndoMark) {
        savepoints.append((name, mark))
    }

    /// The newest savepoint of that name, or PostgreSQL's 3B001.
    func savepoint(_ name: String) -> Result<(index: Int, mark: UndoMark), SQLError> {
        guard let index = savepoints.lastIndex(where: { $0.name == name }) else {
            return .failure(SQLError("3B001", "savepoint \"\(name)\" does not exist"))
        }
        return .success((index, savepoints[index].mark))
    }

    /// ROLLBACK TO: the savepoint stays, later ones go, and a failed block is usable again.
    mutating func rolledBack(toSavepointAt index: Int) {
        savepoints.removeSubrange((index + 1)...)
        status = UInt8(ascii: "T")
    }

    /// RELEASE: the savepoint and every later one go; their changes stay in the block.
    mutating func released(savepointAt index: Int) {
        savepoints.removeSubrange(index...)
    }
}
