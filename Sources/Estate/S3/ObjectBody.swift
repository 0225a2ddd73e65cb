/// An S3 object's bytes: in memory while S3 is within its memory budget, then in the state
/// folder's database, read back whenever they are asked for.
///
/// A reference type, so the memory tier can move a body to disk whichever copies of its object
/// exist, and so the body on disk is deleted exactly when the last copy goes.
public final class ObjectBody: @unchecked Sendable {
    /// The body's length in bytes, whichever tier it is in.
    public let count: Int
    let id: Int64
    private var inMemory: [UInt8]?
    private var disk: (any ObjectBodyStore)?
    /// Still counted against S3's memory budget: false once spilled or once its object is gone.
    var counted = true

    init(id: Int64, bytes: [UInt8]) {
        self.id = id
        count = bytes.count
        inMemory = bytes
    }

    deinit {
        if let disk { try? disk.deleteBody(id) }
    }

    public var isInMemory: Bool { inMemory != nil }

    /// The bytes, from memory or from disk.
    public func bytes() throws(AWSError) -> [UInt8] {
        if let inMemory { return inMemory }
        do {
            if let disk, let bytes = try disk.readBody(id) { return bytes }
        } catch {
            throw AWSError("InternalError", "The object's body could not be read from the state folder: \(error)")
        }
        throw AWSError("InternalError", "The object's body is missing from the state folder.")
    }

    /// Moves the bytes to `store`; on failure they stay in memory and nothing is lost.
    func spill(to store: any ObjectBodyStore) throws {
        guard let bytes = inMemory else { return }
        try store.writeBody(id, bytes)
        disk = store
        inMemory = nil
    }
}
