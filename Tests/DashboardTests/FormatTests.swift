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
}
