/// Where S3 object bodies go once S3's memory budget is spent: the state folder's database, beside
/// the stream segments (see `SQLiteSegmentStore`).
///
/// Bodies are immutable, as S3 objects are: a put writes a new body under a new id, and the old
/// one is deleted when nothing holds it any more.
public protocol ObjectBodyStore: AnyObject {
    func writeBody(_ id: Int64, _ bytes: [UInt8]) throws
    func readBody(_ id: Int64) throws -> [UInt8]?
    func deleteBody(_ id: Int64) throws
    /// Bodies on disk, for tests and the bench.
    func bodyCount() throws -> Int
}
