import Testing
@testable import Terminal

struct LogViewTests {
    func log(capacity: Int, lines: ClosedRange<Int>) -> LogView {
        var log = LogView(capacity: capacity, viewHeight: 3)
        log.append(contentsOf: lines.map { Line("line \($0)") })
        return log
    }

    func screen(_ log: LogView) -> [String] {
        render(width: 8, height: 3) { buffer, area in log.render(into: &buffer, area: area) }.lines
    }

    @Test func followModeShowsTheNewestLines() {
        var log = log(capacity: 100, lines: 1...5)
        #expect(screen(log) == ["line 3  ", "line 4  ", "line 5  "])
        log.append("line 6")
        #expect(screen(log) == ["line 4  ", "line 5  ", "line 6  "])
    }

    @Test func viewStaysPutWhileNotFollowing() {
        var log = log(capacity: 100, lines: 1...5)
        log.scrollUp(2)
        #expect(!log.isFollowing)
        #expect(screen(log) == ["line 1  ", "line 2  ", "line 3  "])
        log.append(contentsOf: [Line("line 6"), Line("line 7")])
        #expect(screen(log) == ["line 1  ", "line 2  ", "line 3  "])
        log.pageDown()
        #expect(screen(log) == ["line 4  ", "line 5  ", "line 6  "])
        log.pageDown()
        #expect(screen(log) == ["line 5  ", "line 6  ", "line 7  "])
        log.scrollToBottom()
        log.append("line 8")
        #expect(screen(log) == ["line 6  ", "line 7  ", "line 8  "])
    }

    @Test func evictionKeepsTheSameLinesInView() {
        var log = log(capacity: 5, lines: 1...5)
        log.scrollUp(1)
        #expect(screen(log) == ["line 2  ", "line 3  ", "line 4  "])
        log.append("line 6")
        #expect(log.droppedCount == 1 && log.lines.count == 5)
        #expect(screen(log) == ["line 2  ", "line 3  ", "line 4  "])
        // Once the top line itself is evicted the view can only show what is left.
        log.append("line 7")
        #expect(screen(log) == ["line 3  ", "line 4  ", "line 5  "])
        #expect(log.droppedCount == 2)
    }

    @Test func topBottomAndToggle() {
        var log = log(capacity: 100, lines: 1...10)
        log.scrollToTop()
        #expect(screen(log) == ["line 1  ", "line 2  ", "line 3  "])
        log.scrollUp()
        #expect(screen(log).first == "line 1  ")
        log.toggleFollow()
        #expect(log.isFollowing && screen(log).last == "line 10 ")
        log.toggleFollow()
        log.append("line 11")
        #expect(!log.isFollowing && screen(log) == ["line 8  ", "line 9  ", "line 10 "])
    }

    @Test func longLinesAreTruncatedAndStylesKept() {
        var log = LogView(capacity: 2)
        log.append(Line([Span("ERR", style: Style(foreground: .red)), Span(" disk full")]))
        let buffer = render(width: 8, height: 1) { buffer, area in log.render(into: &buffer, area: area) }
        #expect(buffer.lines == ["ERR dis…"])
        #expect(buffer[0, 0].style.foreground == .red && buffer[4, 0].style == .plain)
    }
}
