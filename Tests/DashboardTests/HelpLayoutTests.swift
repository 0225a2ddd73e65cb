@testable import Dashboard
import Terminal
import Testing

/// The help flows its lines into two columns on wide screens; a section title never ends the
/// first column, away from the keys it heads.
@Suite struct HelpLayoutTests {
    @Test(arguments: [100, 120, 160, 200], [24, 40, 60, 80])
    func noColumnEndsWithASectionTitle(width: Int, height: Int) {
        let area = Rect(x: 0, y: 0, width: width, height: height)
        let (lines, frame) = Overlays.helpLayout(keymap: .defaults, theme: .defaults, area: area)
        #expect(frame.columns == 2)
        let last = frame.perColumn - 1
        #expect(!Overlays.isTitle(lines[last]), "column 1 ends with the title '\(lines[last].spans.map(\.text).joined())'")
        // Nothing is lost: every line of the help is still there, in order.
        let text = { (ls: [Line]) in ls.map { $0.spans.map(\.text).joined() }.filter { !$0.isEmpty } }
        #expect(text(lines) == text(Overlays.helpLines(keymap: .defaults, theme: .defaults)))
    }

    @Test func titlesAreTheUnindentedSingleSpanLines() {
        let lines = Overlays.helpLines(keymap: .defaults, theme: .defaults)
        let titles = lines.filter(Overlays.isTitle).map { $0.spans[0].text }
        #expect(titles.prefix(5) == ["Views", "Everywhere", "Moving", "Description and JSON pages", "Panes"])
        #expect(titles.contains("Jobs") && titles.contains("EC2"))
    }
}
