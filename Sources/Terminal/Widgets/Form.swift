/// One input of a form.
public enum FormField: Sendable {
    case text(TextField)
    case pick(PickList)
    case number(NumberField)

    /// What the field holds, as text: for reading the values out of a submitted form.
    public var value: String {
        switch self {
        case .text(let field): return field.text
        case .pick(let field): return field.value ?? ""
        case .number(let field): return String(field.clampedValue)
        }
    }

    /// The field's own complaint, if any.
    public var error: String? {
        if case .number(let field) = self { return field.error }
        return nil
    }

    mutating func handle(_ key: Key) -> Bool {
        switch self {
        case .text(var field):
            defer { self = .text(field) }
            return field.handle(key)
        case .pick(var field):
            defer { self = .pick(field) }
            return field.handle(key)
        case .number(var field):
            defer { self = .number(field) }
            return field.handle(key)
        }
    }

    /// Called when focus leaves, so a half-typed number settles into its range.
    mutating func commit() {
        if case .number(var field) = self {
            field.commit()
            self = .number(field)
        }
    }
}

/// A column of labelled fields with one focused, such as the EC2 launch menu.
///
/// Keys go to the focused field first; only the keys it declines move focus (Tab, Shift-Tab,
/// and Up/Down on a text field), so Tab completes a partial instance type before it moves on.
public struct Form: Sendable {
    public struct Entry: Sendable {
        public var label: String
        public var field: FormField
        public init(_ label: String, _ field: FormField) {
            self.label = label
            self.field = field
        }
    }

    public var entries: [Entry]
    public var focus: Int
    /// A form-level message (e.g. the launch failed), shown when no field has its own error.
    public var error: String?
    public var labelStyle: Style
    public var focusedLabelStyle: Style
    public var errorStyle: Style

    public init(
        _ entries: [Entry], focus: Int = 0,
        labelStyle: Style = .plain,
        focusedLabelStyle: Style = Style(attributes: .bold),
        errorStyle: Style = Style(foreground: .red)
    ) {
        self.entries = entries
        self.focus = focus
        self.labelStyle = labelStyle
        self.focusedLabelStyle = focusedLabelStyle
        self.errorStyle = errorStyle
    }

    /// The value of the field labelled `label`, or nil when there is none.
    public func value(of label: String) -> String? {
        entries.first { $0.label == label }?.field.value
    }

    /// The first complaint to show: the focused field's, then any field's, then the form's.
    public var currentError: String? {
        if entries.indices.contains(focus), let error = entries[focus].field.error { return error }
        return entries.lazy.compactMap(\.field.error).first ?? error
    }

    /// True when no field complains, so the form may be submitted.
    public var isValid: Bool { entries.allSatisfy { $0.field.error == nil } }

    public mutating func handle(_ key: Key) -> Bool {
        guard !entries.isEmpty else { return false }
        focus = min(max(0, focus), entries.count - 1)
        if entries[focus].field.handle(key) { return true }
        switch key {
        case .tab, .down: moveFocus(by: 1)
        case .backTab, .up: moveFocus(by: -1)
        default: return false
        }
        return true
    }

    /// Moves focus, wrapping around, and settles the field being left.
    public mutating func moveFocus(by delta: Int) {
        guard !entries.isEmpty else { return }
        let count = entries.count
        let current = min(max(0, focus), count - 1)
        entries[current].field.commit()
        focus = ((current + delta) % count + count) % count
    }

    // MARK: - Drawing

    /// Draws `label: field` rows, the focused text field's candidates under it, and the error
    /// line at the bottom of `area`.
    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let labelWidth = min(entries.map { TextWidth.of($0.label) + 2 }.max() ?? 0, area.width / 2)
        let message = currentError
        let rowsForFields = area.height - (message != nil && area.height > 1 ? 1 : 0)
        var y = area.y
        for (index, entry) in entries.enumerated() where y < area.y + rowsForFields {
            let focused = index == focus
            let label = TextWidth.fit(entry.label + ":", to: labelWidth)
            buffer.write(label, at: Point(x: area.x, y: y), style: focused ? focusedLabelStyle : labelStyle, maxWidth: labelWidth)
            let fieldArea = Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1)
            switch entry.field {
            case .text(let field):
                let candidateRows = focused && !field.candidates.isEmpty && y + 1 < area.y + rowsForFields ? 1 : 0
                field.render(into: &buffer, area: Rect(x: fieldArea.x, y: y, width: fieldArea.width, height: 1 + candidateRows), focused: focused)
                y += candidateRows
            case .pick(let field):
                field.render(into: &buffer, area: fieldArea, focused: focused)
            case .number(let field):
                field.render(into: &buffer, area: fieldArea, focused: focused)
            }
            y += 1
        }
        if let message, area.height > 1 {
            buffer.write(TextWidth.truncate(message, to: area.width), at: Point(x: area.x, y: area.bottom - 1), style: errorStyle, maxWidth: area.width)
        }
    }
}
