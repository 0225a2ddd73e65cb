import Testing
@testable import Terminal

struct TextFieldTests {
    func typed(_ text: String, into field: TextField = TextField()) -> TextField {
        var field = field
        for character in text {
            let handled = field.handle(.character(character))
            #expect(handled)
        }
        return field
    }

    @Test func readlineEditing() {
        var field = typed("t3.mi")
        #expect(field.text == "t3.mi" && field.cursor == 5)
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.character("X"))
        #expect(field.text == "t3.Xmi" && field.cursor == 4)
        _ = field.handle(.backspace)
        #expect(field.text == "t3.mi" && field.cursor == 3)
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "3.mi" && field.cursor == 0)
        _ = field.handle(.end)
        #expect(field.cursor == 4)
        _ = field.handle(.ctrl("u"))
        #expect(field.text == "" && field.cursor == 0)
        var handled = field.handle(.backspace)
        #expect(handled)
        handled = field.handle(.left)
        #expect(handled && field.cursor == 0)
    }

    @Test func unusedKeysAreDeclined() {
        var field = TextField(text: "ab")
        var handled = field.handle(.enter)
        #expect(!handled)
        handled = field.handle(.escape)
        #expect(!handled)
        handled = field.handle(.character("\u{7}"))
        #expect(!handled)
        handled = field.handle(.tab)
        #expect(!handled)
        #expect(field.text == "ab")
    }

    @Test func wideCharactersAreEditedWhole() {
        var field = typed("日本")
        _ = field.handle(.backspace)
        #expect(field.text == "日" && field.cursor == 1)
    }

    @Test func tabCompletesCommonPrefixThenFirstCandidate() {
        var field = TextField(text: "t", completions: completeInstanceType)
        var handled = field.handle(.tab)
        #expect(handled)
        #expect(field.text == "t3." && field.cursor == 3)
        #expect(field.candidates == ["t3.micro", "t3.medium", "t3.large"])
        handled = field.handle(.tab)
        #expect(handled)
        #expect(field.text == "t3.micro" && field.cursor == 8)
        handled = field.handle(.tab)
        #expect(!handled)
        var unknown = TextField(text: "x", completions: completeInstanceType)
        handled = unknown.handle(.tab)
        #expect(!handled)
    }

    @Test func rendersTextCursorAndCandidates() {
        let field = TextField(text: "t3.", completions: completeInstanceType)
        let buffer = render(width: 12, height: 2) { buffer, area in field.render(into: &buffer, area: area) }
        #expect(buffer.lines == ["t3.         ", "t3.micro  t…"])
        #expect(buffer[3, 0].style == Style(attributes: .reverse))
        #expect(buffer[2, 0].style == .plain)
    }

    @Test func scrollsToKeepTheCursorVisible() {
        var field = TextField(text: "abcdefghij")
        let atEnd = render(width: 5, height: 1) { buffer, area in field.render(into: &buffer, area: area) }
        #expect(atEnd.lines == ["ghij "])
        _ = field.handle(.home)
        let atHome = render(width: 5, height: 1) { buffer, area in field.render(into: &buffer, area: area) }
        #expect(atHome.lines == ["abcde"])
        #expect(atHome[0, 0].style == Style(attributes: .reverse))
    }

    @Test func placeholderShowsWhileEmpty() {
        let field = TextField(placeholder: "type")
        let buffer = render(width: 6, height: 1) { buffer, area in field.render(into: &buffer, area: area, focused: false) }
        #expect(buffer.lines == ["type  "])
        #expect(buffer[0, 0].style.attributes == .dim)
    }
}

struct NumberFieldTests {
    @Test func digitsOnlyWithInlineErrors() {
        var field = NumberField(value: 3, range: 1...10)
        let handled = field.handle(.character("x"))
        #expect(handled)
        #expect(field.text == "3" && field.error == "digits only")
        _ = field.handle(.backspace)
        #expect(field.value == nil && field.error == "enter a number")
        _ = field.handle(.character("0"))
        #expect(field.error == "minimum is 1")
        _ = field.handle(.character("1"))
        _ = field.handle(.character("2"))
        #expect(field.text == "12" && field.error == "maximum is 10" && field.clampedValue == 10)
        field.commit()
        #expect(field.text == "10" && field.error == nil)
    }

    @Test func arrowsStepWithinTheRange() {
        var field = NumberField(value: 50, range: 1...3)
        #expect(field.value == 3)
        _ = field.handle(.up)
        #expect(field.value == 3)
        for _ in 0..<5 { _ = field.handle(.down) }
        #expect(field.value == 1)
        let handled = field.handle(.tab)
        #expect(!handled)
    }

    @Test func minusOnlyWhenNegativesAreAllowed() {
        var field = NumberField(value: 0, range: -5...5)
        _ = field.handle(.backspace)
        _ = field.handle(.character("-"))
        _ = field.handle(.character("4"))
        #expect(field.value == -4)
        var positive = NumberField(value: 1, range: 0...9)
        _ = positive.handle(.backspace)
        _ = positive.handle(.character("-"))
        #expect(positive.text == "" && positive.error == "digits only")
    }

    @Test func hugeNumbersAreRefused() {
        var field = NumberField(value: 1, range: 1...10)
        for _ in 0..<30 { _ = field.handle(.character("9")) }
        #expect(field.value != nil && field.error == "number too large")
    }
}

struct PickListTests {
    @Test func arrowsWrapAround() {
        var pick = PickList(options: ["a", "b", "c"])
        _ = pick.handle(.left)
        #expect(pick.value == "c")
        _ = pick.handle(.down)
        #expect(pick.value == "a")
        let handled = pick.handle(.enter)
        #expect(!handled)
        #expect(PickList(options: []).value == nil)
    }
}
