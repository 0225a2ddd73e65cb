import Estate
import Foundation

/// Number formats shared by every view, so the same quantity always reads the same way.
enum Format {
    /// `1.2 KB`, `34.0 MB`: decimal units, as CloudWatch's network metrics use.
    static func bytes(_ n: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = n, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f %@", value, units[unit])
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
        if gib >= 1024 { return String(format: "%.0f TiB", gib / 1024) }
        return gib == gib.rounded() ? "\(Int(gib)) GiB" : String(format: "%.2g GiB", gib)
    }

    static func dollars(_ x: Double) -> String {
        x >= 100 ? String(format: "$%.0f", x) : x >= 1 ? String(format: "$%.2f", x) : String(format: "$%.4f", x)
    }

    static func percent(_ x: Double?) -> String {
        guard let x else { return "–" }
        return String(format: "%.1f%%", x)
    }

    /// Uptime-style: `45s`, `12m`, `3h07m`, `2d04h`.
    static func age(_ d: SimDuration) -> String {
        let s = max(0, d.milliseconds / 1000)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        return String(format: "%dd%02dh", s / 86_400, (s % 86_400) / 3600)
    }

    static func speed(_ x: Double) -> String { SimSpeed.format(x) }

    /// `2026-01-01 00:01:23`, the virtual clock as the header shows it.
    static func clock(_ t: SimInstant) -> String {
        let iso = SimCalendar.iso8601(t)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(8)
    }
}
