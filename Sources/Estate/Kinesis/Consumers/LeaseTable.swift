/// A KCL application's lease table: the DynamoDB table named after the application, one item per
/// shard (REFERENCE §2.6).
///
/// It belongs to the Kinesis service, not to a running application, because in KCL the table
/// outlives the workers: an application stopped and started again under the same name finds its
/// checkpoints and resumes just after them, instead of starting over from its initial position.
public final class LeaseTable {
    /// The application the table is named after.
    public let applicationName: String
    public let streamName: String
    /// The stream incarnation the shard ids belong to; a stream deleted and created again under
    /// the same name has new shards, and its old checkpoints mean nothing there.
    let streamTag: UInt64
    /// The items, in shard id order.
    public internal(set) var leases: [Lease] = []

    init(applicationName: String, streamName: String, streamTag: UInt64) {
        self.applicationName = applicationName
        self.streamName = streamName
        self.streamTag = streamTag
    }

    /// What a graceful shutdown leaves: every lease released (owner gone), checkpoints kept, so
    /// the next workers take them at once and resume after the checkpoints.
    func releaseAll() {
        for i in leases.indices { leases[i].leaseOwner = nil }
    }
}
