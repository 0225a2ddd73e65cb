import Foundation

/// `TO_CHAR(timestamp, 'YYYY-MM-DD HH24:MI:SS')`: Redshift's datetime format patterns.
enum DateFormatPattern {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Patterns, longest first so `MONTH` wins over `MON` and `HH24` over `HH`.
    static let patterns = ["HH24", "HH12", "YYYY", "MONTH", "Month", "month", "DAY", "Day", "day", "MON", "Mon", "mon",
                           "DY", "Dy", "dy", "DDD", "YYY", "YY", "MM", "DD", "HH", "MI", "SS", "MS", "US", "AM", "PM", "am", "pm", "Q", "D", "Y"]

    static func format(_ t: SQLDateTime, _ format: String) -> String {
        let f = t.fields
        func pad(_ n: Int64, _ w: Int) -> String { t.pad(n, w) }
        var out = ""
        var rest = Substring(format)
        while !rest.isEmpty {
            if rest.hasPrefix("\"") {
                // Quoted text is copied literally.
                rest = rest.dropFirst()
                while let c = rest.first, c != "\"" { out.append(c); rest = rest.dropFirst() }
                rest = rest.dropFirst()
                continue
            }
            guard let p = patterns.first(where: { rest.hasPrefix($0) }) else {
                out.append(rest.removeFirst())
                continue
            }
            rest = rest.dropFirst(p.count)
            let hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12
            let month = monthNames[Int(f.month) - 1], day = dayNames[Int(f.dayOfWeek)]
            switch p {
            case "YYYY": out += pad(f.year, 4)
            case "YYY": out += String(pad(f.year, 4).suffix(3))
            case "YY": out += String(pad(f.year, 4).suffix(2))
            case "Y": out += String(pad(f.year, 4).suffix(1))
            case "MM": out += pad(f.month, 2)
            case "DD": out += pad(f.day, 2)
            case "DDD": out += pad(f.dayOfYear, 3)
            case "D": out += String(f.dayOfWeek + 1)
            case "HH24": out += pad(f.hour, 2)
            case "HH", "HH12": out += pad(hour12, 2)
            case "MI": out += pad(f.minute, 2)
            case "SS": out += pad(f.second, 2)
            case "MS": out += pad(f.micro / 1000, 3)
            case "US": out += pad(f.micro, 6)
            case "AM", "PM": out += f.hour < 12 ? "AM" : "PM"
            case "am", "pm": out += f.hour < 12 ? "am" : "pm"
            case "Q": out += String((f.month - 1) / 3 + 1)
            // Full names are blank-padded to nine characters, as in PostgreSQL and Redshift.
            case "MONTH": out += month.uppercased().padding(toLength: 9, withPad: " ", startingAt: 0)
            case "Month": out += month.padding(toLength: 9, withPad: " ", startingAt: 0)
            case "month": out += month.lowercased().padding(toLength: 9, withPad: " ", startingAt: 0)
            case "MON": out += String(month.prefix(3)).uppercased()
            case "Mon": out += String(month.prefix(3))
            case "mon": out += String(month.prefix(3)).lowercased()
            case "DAY": out += day.uppercased().padding(toLength: 9, withPad: " ", startingAt: 0)
            case "Day": out += day.padding(toLength: 9, withPad: " ", startingAt: 0)
            case "day": out += day.lowercased().padding(toLength: 9, withPad: " ", startingAt: 0)
            case "DY": out += String(day.prefix(3)).uppercased()
            case "Dy": out += String(day.prefix(3))
            case "dy": out += String(day.prefix(3)).lowercased()
            default: out += p
            }
        }
        return out
    }
}

/// `TO_CHAR(number, '999,990.00')`: digits `9` (blank when leading) and `0` (kept), `.`/`D` and `,`/`G`.
enum NumberFormatPattern {
    static func format(_ value: Double, _ format: String) -> String {
        let pattern = format.replacingOccurrences(of: "D", with: ".").replacingOccurrences(of: "G", with: ",")
        let parts = pattern.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPattern = Array(parts[0]), fracDigits = parts.count > 1 ? parts[1].filter { $0 == "9" || $0 == "0" }.count : 0
        var scaled = abs(value)
        for _ in 0..<fracDigits { scaled *= 10 }
        let rounded = scaled.rounded()
        var digits = String(format: "%.0f", rounded)
        let minimum = fracDigits + 1
        while digits.count < minimum { digits = "0" + digits }
        let intDigits = Array(digits.dropLast(fracDigits)), frac = String(digits.suffix(fracDigits))
        let slots = intPattern.filter { $0 == "9" || $0 == "0" }.count
        guard intDigits.count <= slots || slots == 0 else {
            return String(repeating: "#", count: format.count)
        }
        var out: [Character] = []
        var di = intDigits.count - 1
        var started = false
        for c in intPattern.reversed() {
            switch c {
            case "9", "0":
                if di >= 0 { out.append(intDigits[di]); di -= 1; started = true }
                else if c == "0" { out.append("0") } else { out.append(" ") }
            case ",": out.append(di >= 0 || started && out.last != " " ? "," : " ")
            default: out.append(c)
            }
        }
        var text = String(out.reversed())
        if fracDigits > 0 { text += "." + frac }
        let sign = value < 0 ? "-" : " "
        return sign + text
    }
}
