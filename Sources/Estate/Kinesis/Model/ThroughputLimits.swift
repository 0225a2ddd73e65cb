/// Per-shard provisioned limits, counted in one-second windows of virtual time (REFERENCE §2.4).
///
/// A window resets when the clock enters a new second, so the 1,001st record written in one
/// virtual second is refused and the first one of the next second is accepted. Reads also keep a
/// `blockedUntil` instant: a reply larger than the 2 MiB/s allowance pays for itself by blocking
/// further reads for the seconds it used (a 10 MiB reply blocks the next five seconds, as AWS does).
public struct ThroughputLimits: Sendable, Equatable {
    public var writeRecordsPerSecond = 1000
    public var writeBytesPerSecond = 1 << 20
    public var readCallsPerSecond = 5
    public var readBytesPerSecond = 2 << 20

    public static let provisioned = ThroughputLimits()
    public init() {}
}

struct ThroughputWindow {
    private(set) var second: Int64 = .min
    var writeRecords = 0
    var writeBytes = 0
    var readCalls = 0
    var readBytes = 0
    var readsBlockedUntil: Int64 = .min

    @inline(__always)
    mutating func roll(to nowMilliseconds: Int64) {
        let s = nowMilliseconds >= 0 ? nowMilliseconds / 1000 : (nowMilliseconds - 999) / 1000
        if s != second {
            second = s
            writeRecords = 0; writeBytes = 0; readCalls = 0; readBytes = 0
        }
    }

    /// Counts a write of `bytes` (data plus key) if it fits; false means throttled.
    @inline(__always)
    mutating func admitWrite(bytes: Int, now: Int64, limits: ThroughputLimits) -> Bool {
        roll(to: now)
        guard writeRecords < limits.writeRecordsPerSecond, writeBytes + bytes <= limits.writeBytesPerSecond else { return false }
        writeRecords += 1
        writeBytes += bytes
        return true
    }

    /// Counts one GetRecords call if allowed; false means throttled.
    mutating func admitRead(now: Int64, limits: ThroughputLimits) -> Bool {
        roll(to: now)
        guard now >= readsBlockedUntil, readCalls < limits.readCallsPerSecond, readBytes < limits.readBytesPerSecond else { return false }
        readCalls += 1
        return true
    }

    /// Charges the bytes a GetRecords reply returned; a large reply blocks the following seconds.
    mutating func chargeRead(bytes: Int, now: Int64, limits: ThroughputLimits) {
        readBytes += bytes
        if readBytes > limits.readBytesPerSecond {
            let seconds = Int64((readBytes + limits.readBytesPerSecond - 1) / limits.readBytesPerSecond)
            readsBlockedUntil = now + seconds * 1000
        }
    }
}
