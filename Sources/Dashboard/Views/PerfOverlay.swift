import Foundation
import Terminal

/// The `:perf` box in the body's top right corner.
enum PerfOverlay {
    static func fixed(_ x: Double, digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func lines(_ f: PerfFigures) -> [String] {
        guard f.measured else { return ["measuring…"] }
        func ms(_ n: Int64) -> String { fixed(Double(n) / 1e6, digits: 2) + " ms" }
        func row(_ name: String, _ s: PerfFigures.Spread) -> String {
            TextWidth.pad(name, to: 7) + "p50 " + TextWidth.pad(ms(s.p50), to: 10) + "p99 " + ms(s.p99)
        }
        let sim: String
        if f.isPaused {
            sim = "sim paused"
        } else {
            let pct = Int((f.keptUp * 100).rounded(.down))
            sim = "sim \(fixed(f.speed * f.keptUp, digits: 1))× of \(Format.speed(f.speed)) (\(pct)%)"
                + (f.droppedMilliseconds > 0 ? ", \(fixed(Double(f.droppedMilliseconds) / 1000, digits: 1)) s dropped" : "")
        }
        return [
            "\(fixed(f.framesPerSecond, digits: 1)) fps · CPU \(fixed(f.cpuPercent, digits: 1))%",
            row("frame", f.frame), row("render", f.render), row("diff", f.diff), row("write", f.write),
            sim,
        ]
    }

    static func render(_ f: PerfFigures, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let text = lines(f)
        let width = min(area.width, max(44, (text.map { TextWidth.of($0) }.max() ?? 0) + 4))
        let height = min(area.height, text.count + 2)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: area.right - width, y: area.y, width: width, height: height)
        buffer.fill(box, with: Cell(" "))
        let inner = Block(title: "Performance (:perf hides)", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        for (i, line) in text.enumerated() where i < inner.height {
            _ = buffer.write(line, at: Point(x: inner.x, y: inner.y + i), style: theme["dim"], maxWidth: inner.width)
        }
    }
}
