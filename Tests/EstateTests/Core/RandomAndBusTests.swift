@testable import Estate
import Testing

@Suite struct SeededRandomTests {
    @Test func sameSeedSameSequence() {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func differentSeedsDiffer() {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 2)
        #expect((0..<10).map { _ in a.next() } != (0..<10).map { _ in b.next() })
    }

    @Test func forksAreIndependentOfEachOtherAndOfTheParentsUse() {
        let root = SeededRandom(seed: 9)
        var used = root
        _ = used.next(); _ = used.next()
        var f1 = root.fork("ec2"), f2 = used.fork("ec2"), other = root.fork("kinesis")
        let s1 = (0..<5).map { _ in f1.next() }
        #expect(s1 == (0..<5).map { _ in f2.next() })
        #expect(s1 != (0..<5).map { _ in other.next() })
    }

    @Test func unitAndRangesStayInBounds() {
        var r = SeededRandom(seed: 3)
        for _ in 0..<10_000 {
            let u = r.unit()
            #expect(u >= 0 && u < 1)
            #expect((5...9).contains(r.int(in: 5...9)))
        }
        #expect(r.hex(17).count == 17)
    }

    /// `int(in:)` spells out the standard library's algorithm so it inlines; every estate's
    /// payloads, keys and timings depend on it drawing exactly what `Int.random(in:using:)` draws,
    /// including the rejection step (ranges near 2^63 reject about half their first draws).
    @Test func intInRangeDrawsWhatTheStandardLibraryDraws() {
        let ranges: [ClosedRange<Int>] = [0...0, 0...1, 0...7, 100...999, -5...5, 1...3,
                                          0...(Int.max / 2 + 12345), Int.min...Int.max, (Int.min + 1)...0, 0...Int.max]
        for range in ranges {
            var ours = SeededRandom(seed: 42), theirs = SeededRandom(seed: 42)
            let drawn = (0..<2_000).map { _ in ours.int(in: range) }
            let expected = (0..<2_000).map { _ in Int.random(in: range, using: &theirs) }
            #expect(drawn == expected, "\(range)")
            #expect(ours.next() == theirs.next(), "both generators moved as far for \(range)")
        }
    }
}

@Suite struct EventBusTests {
    struct Ping: ServiceEvent {
        let n: Int
        var service: String { "test" }
        var name: String { "Ping" }
        var resourceID: String? { nil }
        var summary: String { "ping \(n)" }
        var detail: JSONValue { ["N": .int(Int64(n))] }
    }

    @Test func deliversInPublishOrderEvenWhenSubscribersPublish() {
        let bus = EventBus(historyCapacity: 10) { .zero }
        var seenByA: [Int] = [], seenByB: [Int] = []
        bus.subscribe { event in
            let n = (event.event as! Ping).n
            seenByA.append(n)
            if n == 1 { bus.publish(Ping(n: 3)) }
        }
        bus.subscribe { seenByB.append(($0.event as! Ping).n) }
        bus.publish(Ping(n: 1))
        bus.publish(Ping(n: 2))
        #expect(seenByA == [1, 3, 2])
        #expect(seenByB == seenByA)
    }

    @Test func historyIsBounded() {
        let bus = EventBus(historyCapacity: 3) { .zero }
        for n in 1...5 { bus.publish(Ping(n: n)) }
        #expect(bus.history.map { ($0.event as! Ping).n } == [3, 4, 5])
        #expect(bus.history.map(\.sequence) == [3, 4, 5])
        #expect(bus.publishedCount == 5)
    }

    @Test func unsubscribedHandlersStopHearing() {
        let bus = EventBus { .zero }
        var count = 0
        let s = bus.subscribe { _ in count += 1 }
        bus.publish(Ping(n: 1))
        bus.unsubscribe(s)
        bus.publish(Ping(n: 2))
        #expect(count == 1)
    }
}
