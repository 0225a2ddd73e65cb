import Testing
@testable import Dashboard
@testable import Estate

/// The uptime column's text, written by hand rather than printf.
struct FormatTests {
    @Test(arguments: [
        (0, "0s"), (45, "45s"), (59, "59s"), (60, "1m"), (12 * 60 + 59, "12m"), (3600, "1h00m"),
        (3 * 3600 + 7 * 60 + 5, "3h07m"), (23 * 3600 + 59 * 60, "23h59m"), (86_400, "1d00h"),
        (2 * 86_400 + 4 * 3600 + 59 * 60, "2d04h"), (400 * 86_400 + 13 * 3600, "400d13h"), (-5, "0s"),
    ] as [(Int64, String)])
    func age(seconds: Int64, text: String) {
        #expect(Format.age(.seconds(seconds)) == text)
    }

    /// An uptime's text holds exactly as long as `ageUnchanged` says: the EC2 table keeps a row
    /// until then, so a shorter answer costs a redraw and a longer one shows a stale uptime.
    @Test(arguments: [
        -5_000, -1, 0, 1, 999, 1000, 1500, 59_000, 59_999, 60_000, 61_234, 3_599_999, 3_600_000, 5_000_001,
        86_399_999, 86_400_000, 90_061_001, 400 * 86_400_000 + 13 * 3_600_000 + 17,
    ] as [Int64])
    func ageHoldsUntilItTurnsOver(milliseconds: Int64) {
        let d = SimDuration(milliseconds: milliseconds)
        let holds = Format.ageUnchanged(after: d)
        #expect(holds.milliseconds > 0)
        let text = Format.age(d)
        #expect(Format.age(d + .milliseconds(holds.milliseconds - 1)) == text, "still \(text) just before")
        #expect(Format.age(d + holds) != text, "no longer \(text) at the end")
        // Nothing in between reads differently either (sampled, the spans run up to an hour).
        let step: Int64 = max(1, holds.milliseconds / 97)
        var offset: Int64 = 0
        while offset < holds.milliseconds {
            #expect(Format.age(d + .milliseconds(offset)) == text)
            offset += step
        }
    }
}
