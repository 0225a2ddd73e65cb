/// The simulation's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Each service takes its own `fork(_:)` so that adding a service, or a service drawing one more
/// number, never shifts another service's sequence. Labels are hashed with FNV-1a, because Swift's
/// `Hasher` is seeded per process and would break determinism.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    public let seed: UInt64

    @inline(__always)
    public init(seed: UInt64) {
        self.seed = seed
        var sm = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm); s1 = splitMix(&sm); s2 = splitMix(&sm); s3 = splitMix(&sm)
    }

    /// An independent generator for one consumer, derived from this generator's seed and a label.
    public func fork(_ label: String) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return SeededRandom(seed: seed ^ hash &* 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in the closed range: the same draws as `Int.random(in:using:)`, whose algorithm
    /// (Lemire's nearly divisionless method) this spells out so it inlines here; the standard
    /// library's generic version was a call per draw, several per producer record.
    @inline(__always)
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let delta = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
        if delta == .max { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: below(delta + 1))
    }

    /// Uniform in `0..<bound` (`bound` > 0), as `RandomNumberGenerator.next(upperBound:)` draws it.
    @inline(__always)
    mutating func below(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// Uniform in the half-open range.
    public mutating func double(in range: Range<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Standard normal by Box–Muller.
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `count` lower-case hex digits, as in AWS resource ids (`i-` + 17).
    public mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(count)
        var bits = next(), left = 16
        for _ in 0..<count {
            if left == 0 { bits = next(); left = 16 }
            out.append(digits[Int(bits & 0xF)])
            bits >>= 4; left -= 1
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
