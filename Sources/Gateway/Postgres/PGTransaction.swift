import Estate

/// A connection's transaction block, as `ReadyForQuery` reports it (`I`, `T`, `E`).
///
/// Drivers follow this status: redshift_connector and psycopg send `BEGIN` before a statement
/// only when the server says the connection is idle, and `COMMIT` when they are done. The
/// leader's database is shared by every connection, the Data API and the stream loaders, so a
/// connection's block cannot hold a database transaction open without taking everyone else's
/// statements into it; statements commit as they run and the block is kept here, per connection.
/// After an error inside a block, statements are refused until it ends, as PostgreSQL does.
struct PGTransaction {
    private(set) var status = UInt8(ascii: "I")

    static func isBlank(_ sql: String) -> Bool {
        sql.unicodeScalars.allSatisfy { $0 == ";" || $0.properties.isWhitespace }
    }

    /// An error inside a block fails the block.
    mutating func failed() {
        if status == UInt8(ascii: "T") { status = UInt8(ascii: "E") }
    }

    /// The refusal for a statement in a failed block.
    var refusal: SQLError? {
        status == UInt8(ascii: "E") ? SQLError("25P02", "current transaction is aborted, commands ignored until end of transaction block") : nil
    }

    /// For a lone transaction-control statement, its command tag (and the new status unless
    /// `dryRun`); nil for any other statement.
    mutating func control(_ sql: String, dryRun: Bool = false) -> String? {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ";")))
        guard !trimmed.contains(";") else { return nil }
        let first = trimmed.prefix { $0.isLetter }.uppercased()
        let tag: String, next: Character
        switch first {
        case "BEGIN", "START": (tag, next) = ("BEGIN", "T")
        case "COMMIT", "END": (tag, next) = (status == UInt8(ascii: "E") ? "ROLLBACK" : "COMMIT", "I")
        case "ROLLBACK", "ABORT": (tag, next) = ("ROLLBACK", "I")
        default: return nil
        }
        // `START` only as START TRANSACTION; `ROLLBACK TO SAVEPOINT` keeps the block open.
        if first == "START", !trimmed.uppercased().contains("TRANSACTION") { return nil }
        let stays = first == "ROLLBACK" && trimmed.uppercased().contains(" TO ")
        if !dryRun { status = stays ? UInt8(ascii: "T") : next.asciiValue! }
        return tag
    }
}
