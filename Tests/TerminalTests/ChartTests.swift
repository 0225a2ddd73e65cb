import Testing
@testable import Terminal

struct SparklineTests {
    @Test func everyLevelFromLowestToFull() {
        #expect(Sparkline.string(values: [1, 2, 3, 4, 5, 6, 7, 8], width: 8, max: 8) == "▁▂▃▄▅▆▇█")
    }

    @Test func rightAlignedWithNewestLast() {
        #expect(Sparkline.string(values: [0, 4, 8], width: 5) == "  ▁▄█")
        #expect(Sparkline.string(values: [1, 2, 3, 4], width: 2, max: 4) == "▆█")
    }

    @Test func valuesAboveTheFixedMaxAreCapped() {
        #expect(Sparkline.string(values: [50, 200], width: 2, max: 100) == "▄█")
    }

    @Test func noDataIsEmpty() {
        #expect(Sparkline.string(values: [], width: 5) == "")
        #expect(Sparkline.string(values: [1, 2], width: 0) == "")
        #expect(Sparkline.string(values: [0, 0], width: 2) == "▁▁")
        #expect(Sparkline.string(values: [.nan, .infinity, -3], width: 3) == "▁▁▁")
    }

    @Test func tallerAreasStackRows() {
        let buffer = render(width: 3, height: 2) { buffer, area in
            Sparkline(values: [4, 8], max: 8).render(into: &buffer, area: area)
        }
        #expect(buffer.lines == ["  █", " ██"])
    }
}

struct GaugeTests {
    @Test func barWithEighthsAndPercentLabel() {
        let buffer = render(width: 14, height: 1) { buffer, area in
            Gauge(ratio: 0.45).render(into: &buffer, area: area)
        }
        #expect(buffer.lines == ["████▌      45%"])
    }

    @Test(arguments: [
        (0.0, "          "), (1.0, "██████████"), (0.01, "▏         "), (2.0, "██████████"), (-1.0, "          "),
        (Double.nan, "          "),
    ])
    func barIsExactlyTheWidth(ratio: Double, bar: String) {
        #expect(Gauge.bar(ratio: ratio, width: 10) == bar)
    }

    @Test func customLabelAndMiddleRow() {
        let buffer = render(width: 10, height: 3) { buffer, area in
            Gauge(ratio: 0.5, label: "2/4").render(into: &buffer, area: area)
        }
        #expect(buffer.lines == ["███       ", "███    2/4", "███       "])
    }

    @Test func narrowAreasShowTheLabelOnly() {
        let buffer = render(width: 4, height: 1) { buffer, area in
            Gauge(ratio: 0.45).render(into: &buffer, area: area)
        }
        #expect(buffer.lines == [" 45%"])
        let tiny = render(width: 2, height: 1) { buffer, area in
            Gauge(ratio: 0.45).render(into: &buffer, area: area)
        }
        #expect(tiny.lines == ["4…"])
    }
}
