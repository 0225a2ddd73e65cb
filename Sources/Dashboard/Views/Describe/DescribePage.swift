import Foundation
import Estate
import Terminal

/// A page over any view that shows one row inside out: its description (`d`) or the AWS JSON
/// for it (`y`), exactly as the AWS CLI line of its `Inspection` prints it. It scrolls, `/`
/// searches it with the matches lit, `n` and `N` move between them, and Esc closes it.
///
/// Both texts are made once when the page opens, from one reply, so scrolling and searching
/// never touch the estate; the page is a snapshot, and its title says of which virtual time.
public struct DescribePage {
    public enum Mode: Equatable, Sendable { case describe, json }

    public let inspection: Inspection
    public private(set) var mode: Mode
    /// The reply as the AWS CLI prints it: four-space indented JSON.
    public let jsonLines: [String]
    public let describeLines: [String]
    /// When the page was taken, in virtual time (`2026-01-01T00:01:30Z`).
    public let takenAt: String
    /// The first line on screen (clamped by the layout).
    public private(set) var top = 0
    /// The search being typed after `/`; nil when not typing.
    public var search: TextField?
    /// The search in force: lines containing it (ignoring case) are matches.
    public private(set) var query = ""
    private var pageRows = 10

    /// A page for the reply `json` to the inspection's command; an error reply becomes a page
    /// that says so in both modes.
    public init(inspection: Inspection, reply: Result<JSONValue, AWSError>, takenAt: String, mode: Mode) {
        self.inspection = inspection
        self.mode = mode
        self.takenAt = takenAt
        switch reply {
        case let .success(json):
            jsonLines = json.pretty(indent: 4).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            describeLines = DescribeText.lines(json, focus: inspection.focus)
        case let .failure(error):
            jsonLines = ["\(error.code): \(error.message)"]
            describeLines = jsonLines
        }
    }

    /// The lines of the mode on show.
    public var lines: [String] { mode == .json ? jsonLines : describeLines }

    /// The whole page as text, for copying and saving.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Lines that contain the query, in order.
    public var matches: [Int] {
        guard !query.isEmpty else { return [] }
        return lines.indices.filter { lines[$0].localizedCaseInsensitiveContains(query) }
    }

    // MARK: - Input

    public mutating func show(_ mode: Mode) {
        guard mode != self.mode else { return }
        self.mode = mode
        top = 0
        if let first = matches.first { top = first }
    }

    public mutating func scroll(by rows: Int) {
        top = max(0, min(top + rows, max(0, lines.count - pageRows)))
    }

    public mutating func page(_ direction: Int) { scroll(by: direction * max(1, pageRows - 1)) }
    public mutating func home() { top = 0 }
    public mutating func end() { top = max(0, lines.count - pageRows) }

    /// Sets the search and scrolls to its first match at or below the top line.
    public mutating func setQuery(_ text: String) {
        query = text
        if let next = matches.first(where: { $0 >= top }) ?? matches.first { top = next }
    }

    /// Moves to the next (or previous) match, wrapping around.
    public mutating func nextMatch(forward: Bool) {
        let all = matches
        guard !all.isEmpty else { return }
        if forward {
            top = all.first { $0 > top } ?? all[0]
        } else {
            top = all.last { $0 < top } ?? all[all.count - 1]
        }
    }

    // MARK: - Layout and drawing

    /// Where the page's parts go in `area`, and its top line clamped to the rows that fit.
    public struct Layout: Equatable, Sendable {
        public var box: Rect
        public var text: Rect
        public var status: Rect
        public var top: Int
    }

    public func layout(in area: Rect) -> Layout {
        let inner = Block(title: "").inner(area).inset(horizontal: 1, vertical: 0)
        let parts = inner.rows([.fill, .fixed(min(1, inner.height))])
        let rows = max(1, parts[0].height)
        return Layout(box: area, text: parts[0], status: parts.count > 1 ? parts[1] : Rect(x: inner.x, y: inner.bottom, width: 0, height: 0),
                      top: max(0, min(top, lines.count - rows)))
    }

    /// Keeps the clamped top and the page size, so the keys act on what is shown.
    public mutating func apply(_ layout: Layout) {
        top = layout.top
        pageRows = max(1, layout.text.height)
    }

    /// Draws the page as laid out. Changes nothing.
    public func render(_ layout: Layout, theme: Theme, into buffer: inout Buffer) {
        buffer.fill(layout.box, with: Cell(" "))
        let what = mode == .json ? "JSON" : "describe"
        let title = "\(inspection.kind) \(inspection.id) — \(what) at \(takenAt)"
        _ = Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: layout.box)
        let area = layout.text
        guard !area.isEmpty else { return }
        let shown = lines
        for row in 0..<area.height {
            let index = layout.top + row
            guard index < shown.count else { break }
            let line = highlighted(shown[index], theme: theme)
            _ = buffer.write(line.truncated(to: area.width), at: Point(x: area.x, y: area.y + row), maxWidth: area.width)
        }
        renderStatus(layout, theme: theme, into: &buffer)
    }

    private func renderStatus(_ layout: Layout, theme: Theme, into buffer: inout Buffer) {
        let area = layout.status
        guard !area.isEmpty else { return }
        if var field = search {
            _ = buffer.write("/", at: area.origin, style: theme["accent"])
            field.completions = nil
            field.render(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 1, height: 1))
            return
        }
        let other = mode == .json ? "d describe" : "y JSON"
        var status = "lines \(min(lines.count, layout.top + 1))–\(min(lines.count, layout.top + layout.text.height)) of \(lines.count)"
        if !query.isEmpty {
            let all = matches
            let at = all.firstIndex { $0 >= layout.top }.map { $0 + 1 }
            status += all.isEmpty ? " · /\(query): no match" : " · /\(query): \(all.count) match\(all.count == 1 ? "" : "es")" + (at.map { ", next is \($0)" } ?? "")
        }
        status += " · \(other) · / search · c copy · ctrl-s save · Esc closes"
        _ = buffer.write(status, at: area.origin, style: theme["dim"], maxWidth: area.width)
    }

    /// The line with each occurrence of the query lit.
    private func highlighted(_ text: String, theme: Theme) -> Line {
        guard !query.isEmpty else { return Line(text) }
        var spans: [Span] = []
        var rest = text[...]
        while let range = rest.range(of: query, options: .caseInsensitive) {
            if range.lowerBound > rest.startIndex { spans.append(Span(String(rest[..<range.lowerBound]))) }
            spans.append(Span(String(rest[range]), style: theme["selection"]))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { spans.append(Span(String(rest))) }
        return Line(spans)
    }
}
