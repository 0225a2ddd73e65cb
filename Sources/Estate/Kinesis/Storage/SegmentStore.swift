/// Names one immutable segment of retained records on disk.
///
/// The stream's tag is part of the key because a stream deleted and created again under the same
/// name is a new stream whose shard 0 starts again at ordinal 0.
public struct SegmentKey: Sendable, Hashable {
    public let streamName: String
    public let streamTag: UInt64
    public let shardIndex: Int
    public let firstOrdinal: UInt64
}

/// What the cold tier needs from a disk: put, get and drop immutable segments.
///
/// The record store's file I/O, the one I/O the simulation core does, goes through here so that
/// tests run on an in-memory database and the core never names a path.
public protocol SegmentStore: AnyObject {
    /// Stores a compressed segment holding `recordCount` records.
    func write(_ key: SegmentKey, recordCount: Int, firstArrivalMilliseconds: Int64, lastArrivalMilliseconds: Int64,
               blob: [UInt8]) throws
    /// The compressed segment, or nil if there is none under `key`.
    func read(_ key: SegmentKey) throws -> [UInt8]?
    func delete(_ key: SegmentKey) throws
    /// Drops every segment of one incarnation of a stream.
    func deleteStream(tag: UInt64) throws
    /// Segments currently stored, for tests and the bench.
    func segmentCount() throws -> Int
}
