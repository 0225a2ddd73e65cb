import Crypto

/// Where a record sits: enough, with its producer's seed, to regenerate its payload.
struct RecordPosition {
    let streamTag: UInt64
    let shardIndex: Int
    let ordinal: UInt64

    /// Seed of this record's own generator: the producer's seed mixed with the position.
    func seed(_ producerSeed: UInt64) -> UInt64 {
        @inline(__always) func mix(_ h: UInt64, _ part: UInt64) -> UInt64 {
            let m = (h ^ part) &* 0x9E37_79B9_7F4A_7C15
            return m ^ (m >> 29)
        }
        return mix(mix(mix(producerSeed, streamTag), UInt64(shardIndex)), ordinal)
    }
}

/// One producer's payload generator, as the record store knows it: a template, a seed and the
/// key space. A record it wrote is fully determined by this, the key index, the arrival time and
/// the record's position, so the store keeps only those and regenerates the bytes on read,
/// byte-identical every time.
final class SyntheticSource {
    let number: UInt16
    let template: PayloadTemplate
    let seed: UInt64
    let keyCount: Int
    /// What the write path needs of a partition key: its MD5 and its length.
    struct KeyFacts {
        var hash: UInt128
        var length: Int
    }

    /// Each key's facts, computed once per key rather than once per record, in one array so a
    /// record costs one lookup.
    private var facts: ContiguousArray<KeyFacts?>

    /// Above this many keys the facts are not cached (8 MiB of them is plenty).
    static let cachedKeysMax = 1 << 18

    init(number: UInt16, template: PayloadTemplate, seed: UInt64, keyCount: Int) {
        self.number = number
        self.template = template
        self.seed = seed
        self.keyCount = keyCount
        facts = ContiguousArray(repeating: nil, count: keyCount <= Self.cachedKeysMax ? keyCount : 0)
    }

    func partitionKey(_ keyIndex: Int) -> String { template.partitionKey(keyIndex) }

    func keyLength(_ keyIndex: Int) -> Int { template.partitionKeyLength(keyIndex) }

    @inline(__always)
    func hashKey(_ keyIndex: Int) -> UInt128 { keyFacts(keyIndex).hash }

    @inline(__always)
    func keyFacts(_ keyIndex: Int) -> KeyFacts {
        if keyIndex < facts.count, let known = facts[keyIndex] { return known }
        return computeFacts(keyIndex)
    }

    private func computeFacts(_ keyIndex: Int) -> KeyFacts {
        var key = partitionKey(keyIndex)
        let found = KeyFacts(hash: key.withUTF8 { HashKey.md5(UnsafeRawBufferPointer($0)) }, length: keyLength(keyIndex))
        if keyIndex < facts.count { facts[keyIndex] = found }
        return found
    }

    /// The payload's length in bytes, without building it.
    @inline(__always)
    func payloadLength(keyIndex: Int, at arrival: SimInstant, position: RecordPosition) -> Int {
        var random = SeededRandom(seed: position.seed(seed))
        var counter = PayloadByteCounter()
        template.emit(keyIndex: keyIndex, at: arrival, using: &random, into: &counter)
        return counter.count
    }

    func payload(keyIndex: Int, at arrival: SimInstant, position: RecordPosition) -> [UInt8] {
        var random = SeededRandom(seed: position.seed(seed))
        var writer = PayloadByteWriter()
        template.emit(keyIndex: keyIndex, at: arrival, using: &random, into: &writer)
        return writer.bytes
    }
}
