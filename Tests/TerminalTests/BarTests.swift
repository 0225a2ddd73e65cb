import Testing
@testable import Terminal

struct StatusBarTests {
    let bar = StatusBar(
        left: StatusBar.hints([(key: "l", label: "launch"), (key: "s", label: "stop")]),
        right: [Span("12:00 x1")])

    @Test func segmentsAreFlushLeftAndRight() {
        let buffer = render(width: 32, height: 1) { buffer, area in bar.render(into: &buffer, area: area) }
        #expect(buffer.lines == ["<l> launch  <s> stop    12:00 x1"])
        #expect(buffer[0, 0].style == Style(attributes: [.bold, .reverse]))
        #expect(buffer[5, 0].style == Style(attributes: .reverse))
    }

    @Test func leftSideIsTruncatedFirst() {
        let buffer = render(width: 20, height: 1) { buffer, area in bar.render(into: &buffer, area: area) }
        #expect(buffer.lines == ["<l> launch… 12:00 x1"])
    }

    @Test func rightSideIsTruncatedWhenAloneItDoesNotFit() {
        let buffer = render(width: 5, height: 1) { buffer, area in bar.render(into: &buffer, area: area) }
        #expect(buffer.lines == ["12:0…"])
    }
}

struct TabsTests {
    let tabs = Tabs(["Overview", "EC2", "Streams"], selected: 1)

    @Test func activeTabIsHighlighted() {
        let buffer = render(width: 32, height: 1) { buffer, area in tabs.render(into: &buffer, area: area) }
        #expect(buffer.lines == [" 1 Overview  2 EC2  3 Streams   "])
        #expect(buffer[13, 0].style == Style(attributes: [.reverse, .bold]))
        #expect(buffer[2, 0].style == .plain)
    }

    @Test func tabsThatDoNotFitAreCut() {
        let buffer = render(width: 20, height: 1) { buffer, area in tabs.render(into: &buffer, area: area) }
        #expect(buffer.lines == [" 1 Overview  2 EC2 …"])
    }
}
