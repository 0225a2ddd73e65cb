import Testing
@testable import Terminal

struct FormTests {
    func launchForm() -> Form {
        Form([
            Form.Entry("Instance type", .text(TextField(text: "t3.m", completions: completeInstanceType))),
            Form.Entry("AMI", .pick(PickList(options: ["al2023", "ubuntu-24.04"]))),
            Form.Entry("Count", .number(NumberField(value: 1, range: 1...10))),
        ])
    }

    @Test func rendersLabelledRowsWithCandidates() {
        let form = launchForm()
        let buffer = render(width: 30, height: 5) { buffer, area in form.render(into: &buffer, area: area) }
        #expect(buffer.lines == [
            "Instance type: t3.m           ",
            "               t3.micro  t3.m…",
            "AMI:           ‹ al2023 ›     ",
            "Count:         1              ",
            "                              ",
        ])
        #expect(buffer[0, 0].style == Style(attributes: .bold))
    }

    @Test func tabCompletesThenMovesFocus() {
        var form = launchForm()
        var handled = form.handle(.tab)
        #expect(handled)
        #expect(form.value(of: "Instance type") == "t3.micro" && form.focus == 0)
        handled = form.handle(.tab)
        #expect(handled)
        #expect(form.focus == 1)
        handled = form.handle(.right)
        #expect(handled)
        #expect(form.value(of: "AMI") == "ubuntu-24.04")
        handled = form.handle(.backTab)
        #expect(handled)
        #expect(form.focus == 0)
        handled = form.handle(.backTab)
        #expect(handled)
        #expect(form.focus == 2)
        handled = form.handle(.enter)
        #expect(!handled)
    }

    @Test func errorLineShowsTheFocusedFieldsComplaint() {
        var form = launchForm()
        form.focus = 2
        _ = form.handle(.character("2"))
        #expect(form.currentError == "maximum is 10" && !form.isValid)
        let buffer = render(width: 30, height: 5) { buffer, area in form.render(into: &buffer, area: area) }
        #expect(buffer.lines == [
            "Instance type: t3.m           ",
            "AMI:           ‹ al2023 ›     ",
            "Count:         12_            ",
            "                              ",
            "maximum is 10                 ",
        ])
        #expect(buffer[0, 4].style == Style(foreground: .red))
        _ = form.handle(.tab)
        #expect(form.value(of: "Count") == "10" && form.isValid && form.focus == 0)
    }

    @Test func formLevelErrorShowsWhenFieldsAreFine() {
        var form = launchForm()
        form.error = "InsufficientInstanceCapacity"
        #expect(form.currentError == "InsufficientInstanceCapacity")
        #expect(form.value(of: "Missing") == nil)
    }
}
