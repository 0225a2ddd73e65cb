import Testing
@testable import Terminal

/// Renders every widget at every size from 0×0 to 30×10, in areas that fit, overhang the
/// buffer and lie wholly outside it, with wide characters in the content: nothing may crash and
/// every buffer must stay well formed.
struct FuzzTests {
    static let text = "i-0a1b 日本語 ❤️ running"

    static func widgets(_ buffer: inout Buffer, _ area: Rect) {
        Block(title: text).render(into: &buffer, area: area)
        var tableState = TableState(selected: 7, offset: 3)
        Table(
            columns: [
                TableColumn("ID", width: .flex(min: 4, weight: 2)),
                TableColumn("名前", width: .percent(30), alignment: .center),
                TableColumn("CPU", width: .fixed(4), alignment: .right),
            ],
            rowCount: 50, sort: (column: 1, order: .ascending)
        ) { index in [TableCell(text), TableCell("日本\(index)"), "\(index)%"] }
            .render(into: &buffer, area: area, state: &tableState)
        Sparkline(values: [1, 5, 2, 8, 0, 3]).render(into: &buffer, area: area)
        Gauge(ratio: 0.73, label: "日本 73%").render(into: &buffer, area: area)
        TextField(text: text, completions: { _ in ["日本語", "abc"] }).render(into: &buffer, area: area)
        PickList(options: [text]).render(into: &buffer, area: area, focused: true)
        NumberField(value: 5, range: 0...9).render(into: &buffer, area: area, focused: true)
        var form = Form([
            Form.Entry("種類 type", .text(TextField(text: "t3", completions: completeInstanceType))),
            Form.Entry("AMI", .pick(PickList(options: ["al2023"]))),
            Form.Entry("Count", .number(NumberField(value: 1, range: 1...3))),
        ])
        form.error = text
        form.render(into: &buffer, area: area)
        var log = LogView(capacity: 4)
        log.append(contentsOf: (0..<9).map { Line("\($0) \(text)") })
        log.render(into: &buffer, area: area)
        StatusBar(left: StatusBar.hints([(key: "l", label: "日本"), (key: "s", label: "stop")]), right: [Span(text)])
            .render(into: &buffer, area: area)
        Tabs(["Overview", "日本", "❤️"], selected: 2).render(into: &buffer, area: area)
    }

    @Test func everyWidgetAtEverySize() {
        for width in 0...30 {
            for height in 0...10 {
                let areas = [
                    Rect(x: 0, y: 0, width: width, height: height),
                    Rect(x: width / 2, y: height / 2, width: width, height: height),
                    Rect(x: -3, y: -2, width: width + 1, height: height + 1),
                    Rect(x: width + 5, y: height + 5, width: 4, height: 4),
                ]
                for area in areas {
                    var buffer = Buffer(width: width, height: height)
                    Self.widgets(&buffer, area)
                    expectWellFormed(buffer)
                }
            }
        }
    }

    @Test func diffOfAnyTwoFramesReproducesTheSecond() {
        let backend = MemoryBackend(width: 30, height: 10)
        let renderer = Renderer(backend: backend)
        for height in 0...10 {
            renderer.draw { buffer, _ in
                Self.widgets(&buffer, Rect(x: height, y: 0, width: 30 - height, height: height))
            }
            #expect(backend.buffer == renderer.previous)
        }
    }
}
