import Estate
import Terminal

/// The header's two rows and the footer drawn ahead of time, in the layout step, each kept with
/// what it was drawn from.
///
/// Every frame draws the whole screen, and the chrome is the same from one frame to the next
/// but for the clock: building its spans, formatting the totals and looking up the footer's
/// keys for every frame were over half of what rendering a quiet EC2 frame cost. So `prepare`
/// draws a row only when what it shows changed (the tabs when the view changes, the footer
/// when its keys or message do, the title when anything but the clock does; a new second of
/// the clock rewrites only the clock's cells), and `draw` copies it. `draw` checks that an
/// image was drawn from exactly what it is asked to show and draws the row afresh when not,
/// so a frame rendered without `prepare` (or after a resize or a theme switch it has not
/// seen) is still the same frame.
struct ChromeImages {
    /// What the header's first row shows.
    struct TitleKey: Equatable {
        var model: HeaderModel
        var crumbs: [String]
        var width: Int
        var styles: [String: Style]
    }

    /// What the tabs show; their labels are fixed for an estate.
    struct TabsKey: Equatable {
        var selected: Int
        var width: Int
        var styles: [String: Style]
    }

    /// What the footer shows when no filter is being typed there.
    struct FooterKey: Equatable {
        var actions: [Action]
        var keymap: Keymap
        var message: StatusMessage?
        var width: Int
        var styles: [String: Style]

        static func == (a: FooterKey, b: FooterKey) -> Bool {
            a.actions == b.actions && a.message == b.message && a.width == b.width && a.keymap.keys == b.keymap.keys && a.styles == b.styles
        }
    }

    /// The title row, and the columns of its clock when a later second may be written over them.
    private var title: (key: TitleKey, cells: [Cell], clock: Range<Int>?)?
    private var tabs: (key: TabsKey, cells: [Cell])?
    private var footer: (key: FooterKey, cells: [Cell])?
    /// The right side's words and the model they were formatted from: the totals and the speed
    /// are formatted again only when they change, not with every second of the clock.
    private var texts: (model: HeaderModel, texts: HeaderTexts)?

    // MARK: - Layout step

    /// Draws the rows whose inputs changed since they were last drawn.
    mutating func prepare(title key: TitleKey, tabs tabsKey: TabsKey?, labels: [String], footer footerKey: FooterKey?, theme: Theme) {
        if let kept = title, kept.key != key {
            title = Self.clockTurned(kept, to: key)
        }
        if title?.key != key {
            let texts = headerTexts(key.model)
            var clock: Range<Int>?
            let cells = Self.image(width: key.width) { buffer, row in
                clock = Chrome.renderTitle(key.model, texts: texts, crumbs: key.crumbs, theme: theme, into: &buffer, row: row)
            }
            title = (key, cells, clock)
        }
        if let tabsKey, tabs?.key != tabsKey {
            tabs = (tabsKey, Self.image(width: tabsKey.width) { buffer, row in
                Chrome.renderTabs(labels: labels, selected: tabsKey.selected, theme: theme, into: &buffer, row: row)
            })
        }
        if let footerKey, footer?.key != footerKey {
            footer = (footerKey, Self.image(width: footerKey.width) { buffer, row in
                Self.renderFooter(footerKey, theme: theme, into: &buffer, row: row)
            })
        }
    }

    /// The kept title with only its clock's cells rewritten, when the clock's second is all that
    /// changed (at speed 10, ten times a wall second) and its text is as wide; nil otherwise.
    /// Only the clock's digits change, so each of those cells keeps its style.
    private static func clockTurned(_ kept: (key: TitleKey, cells: [Cell], clock: Range<Int>?), to key: TitleKey) -> (key: TitleKey, cells: [Cell], clock: Range<Int>?)? {
        guard let clock = kept.clock else { return nil }
        var same = kept.key
        same.model.now = key.model.now
        guard same == key else { return nil }
        let text = HeaderTexts.clock(key.model.now)
        guard text.utf8.count == clock.count, HeaderTexts.isPlainASCII(text) else { return nil }
        var cells = kept.cells
        for (x, byte) in zip(clock, text.utf8) { cells[x].code = UInt32(byte) }
        return (key, cells, clock)
    }

    /// The header's words for `model`, reusing the totals and the speed when they read the same.
    private mutating func headerTexts(_ model: HeaderModel) -> HeaderTexts {
        var texts = HeaderTexts(totals: "", clock: HeaderTexts.clock(model.now), speed: "")
        if let kept = self.texts, kept.model.ec2 == model.ec2 {
            texts.totals = kept.texts.totals
        } else {
            texts.totals = HeaderTexts.totals(model.ec2)
        }
        if let kept = self.texts, kept.model.isPaused == model.isPaused, kept.model.speed == model.speed, kept.model.behind == model.behind {
            texts.speed = kept.texts.speed
        } else {
            texts.speed = HeaderTexts.speed(model)
        }
        self.texts = (model, texts)
        return texts
    }

    private static func image(width: Int, _ draw: (inout Buffer, Rect) -> Void) -> [Cell] {
        var row = Buffer(width: width, height: 1)
        draw(&row, row.area)
        return row.cells
    }

    // MARK: - Drawing

    /// Draws the header's rows into `area`: copies of the images when drawn from these very
    /// inputs, drawn afresh otherwise. Changes nothing.
    func drawHeader(title key: TitleKey, tabs tabsKey: TabsKey, labels: [String], theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let first = area.row(0)
        if let title, title.key == key, first.x == 0, first.width == key.width {
            buffer.copy(title.cells, to: first.origin)
        } else {
            Chrome.renderTitle(key.model, texts: HeaderTexts(key.model), crumbs: key.crumbs, theme: theme, into: &buffer, row: first)
        }
        guard area.height > 1 else { return }
        let second = area.row(1)
        if let tabs, tabs.key == tabsKey, second.x == 0, second.width == tabsKey.width {
            buffer.copy(tabs.cells, to: second.origin)
        } else {
            Chrome.renderTabs(labels: labels, selected: tabsKey.selected, theme: theme, into: &buffer, row: second)
        }
    }

    /// Draws the footer into `area` as `drawHeader` does the header.
    func drawFooter(_ key: FooterKey, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        if let footer, footer.key == key, row.x == 0, row.width == key.width {
            buffer.copy(footer.cells, to: row.origin)
        } else {
            Self.renderFooter(key, theme: theme, into: &buffer, row: row)
        }
    }

    private static func renderFooter(_ key: FooterKey, theme: Theme, into buffer: inout Buffer, row: Rect) {
        Chrome.renderFooter(hints: Dashboard.hints(key.actions, keymap: key.keymap), required: Dashboard.hints(Dashboard.requiredActions, keymap: key.keymap),
                            message: key.message, theme: theme, into: &buffer, area: row)
    }
}
