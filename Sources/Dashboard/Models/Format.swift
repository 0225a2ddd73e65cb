import Estate
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formats shared by every view, so the same quantity always reads the same way.
enum Format {
    /// `1.2 KB`, `34.0 MB`: decimal units, as CloudWatch's network metrics use.
    static func bytes(_ n: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = n, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) B" : printf("%.1f ", value) + units[unit]
    }

    /// `3,840` style grouping for counts.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    static func memory(miB: Int) -> String {
        let gib = Double(miB) / 1024
        if gib >= 1024 { return printf("%.0f TiB", gib / 1024) }
        return gib == gib.rounded() ? "\(Int(gib)) GiB" : printf("%.2g GiB", gib)
    }

    static func dollars(_ x: Double) -> String {
        x >= 100 ? printf("$%.0f", x) : x >= 1 ? printf("$%.2f", x) : printf("$%.4f", x)
    }

    static func percent(_ x: Double?) -> String {
        guard let x else { return "–" }
        return printf("%.1f%%", x)
    }

    /// Uptime-style: `45s`, `12m`, `3h07m`, `2d04h`.
    static func age(_ d: SimDuration) -> String {
        let s = max(0, d.milliseconds / 1000)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        // Every visible row shows one, every frame: plain integer text rather than printf.
        func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if s < 86_400 { return "\(s / 3600)h" + twoDigits((s % 3600) / 60) + "m" }
        return "\(s / 86_400)d" + twoDigits((s % 86_400) / 3600) + "h"
    }

    /// How much longer `age(d)` reads the same: its text counts seconds for the first minute,
    /// minutes up to a day and hours after, so a row showing an uptime need not be formatted
    /// again before then. Kept beside `age` so the two change together.
    static func ageUnchanged(after d: SimDuration) -> SimDuration {
        let ms = d.milliseconds
        // Below one second (negative ones included) `age` reads 0s until a whole second has passed.
        guard ms >= 1000 else { return .milliseconds(1000 - ms) }
        let s = ms / 1000
        let step: Int64 = s < 60 ? 1000 : s < 86_400 ? 60_000 : 3_600_000
        return .milliseconds((ms / step + 1) * step - ms)
    }

    /// C's printf into a small stack buffer. Foundation's `String(format:)` goes through
    /// CFString on Linux and was a tenth of a frame's cost in the EC2 table at speed 10.
    static func printf(_ format: StaticString, _ arguments: CVarArg...) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let written = withVaList(arguments) { vsnprintf(buffer.baseAddress, 64, UnsafeRawPointer(format.utf8Start).assumingMemoryBound(to: CChar.self), $0) }
            guard written >= 0 else { return "" }
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: min(Int(written), 63))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func speed(_ x: Double) -> String { SimSpeed.format(x) }

    /// `2026-01-01 00:01:23`, the virtual clock as the header shows it.
    static func clock(_ t: SimInstant) -> String {
        let iso = SimCalendar.iso8601(t)
        // `2026-01-01T00:01:23.000Z`: the first 19 bytes with a space for the `T`, copied as bytes
        // rather than joined from substrings (the header formats one every clock second).
        guard iso.utf8.count == 24 else { return iso.prefix(10) + " " + iso.dropFirst(11).prefix(8) }
        return String(unsafeUninitializedCapacity: 19) { b in
            _ = b.initialize(from: iso.utf8.prefix(19))
            b[10] = UInt8(ascii: " ")
            return 19
        }
    }
}
