import Estate
import Terminal

/// The Warehouse view's SQL console: the text being edited, the statements sent before, and the
/// answer to the last one (a result grid or an error pointing into the text).
///
/// A statement goes to the cluster as a Data API `execute-statement`, like any client's, so it
/// waits in WLM and runs in virtual time; the console recognises its query in the cluster's
/// query list and shows the answer when it is done.
public struct SQLConsole: Sendable {
    public var editor = SQLEditor()
    /// Statements sent, oldest first.
    public private(set) var history: [String] = []
    private var historyIndex: Int?
    /// The text being written before walking the history, given back when walking past its end.
    private var draft = ""
    /// Names Tab offered when it could not choose; cleared by the next key.
    public var completions: [String] = []
    public private(set) var pending: Pending?
    public private(set) var outcome: Outcome?
    public var grid = GridScroll()

    /// A statement sent and not yet answered.
    public struct Pending: Equatable, Sendable {
        /// The SQL as sent (with `EXPLAIN ` before an explained statement).
        public var sql: String
        /// The text in the editor it came from, to mark an error in.
        public var source: String
        /// Characters the console put before `source` in `sql`.
        public var prefixLength: Int
        /// The newest query id when it was sent: its own query is newer.
        public var after: Int
        public var query: Int?
    }

    public enum Outcome: Equatable, Sendable {
        case rows(ResultGrid)
        case failed(ConsoleError)
    }

    public struct ConsoleError: Equatable, Sendable {
        public var message: String
        /// Where in `source` (0-based line and column), when the error has a position.
        public var place: (line: Int, column: Int)?
        public var source: String
        public var query: Int?

        public static func == (a: ConsoleError, b: ConsoleError) -> Bool {
            a.message == b.message && a.place?.line == b.place?.line && a.place?.column == b.place?.column && a.source == b.source && a.query == b.query
        }
    }

    public struct GridScroll: Equatable, Sendable {
        public var row = 0
        public var column = 0
    }

    /// Rows the console keeps of one result (the Data API's first page).
    static let rowLimit = 1000

    // MARK: - Sending

    /// The command line that sends `sql`, shell-quoted for the command language.
    static func command(cluster: String, sql: String) -> String {
        "redshift-data execute-statement --cluster-identifier \(cluster) --sql " + quoted(sql)
    }

    /// `'text'` with each `'` written as `'\''`, as sh reads it.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The statement to send for the editor's text (or, when empty, the last one sent).
    var statement: String {
        let text = editor.isEmpty ? (history.last ?? "") : editor.text
        var trimmed = Substring(text)
        while let last = trimmed.last, last == ";" || last.isWhitespace { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Notes a statement as sent; `explain` sends it behind `EXPLAIN `.
    mutating func sent(_ source: String, explain: Bool, after: Int) {
        let prefix = explain ? "EXPLAIN " : ""
        pending = Pending(sql: prefix + source, source: source, prefixLength: prefix.count, after: after)
        if !explain, history.last != source { history.append(source) }
        historyIndex = nil
        completions = []
    }

    /// Says why nothing was sent.
    mutating func refused(_ message: String) {
        outcome = .failed(ConsoleError(message: message, place: nil, source: editor.text, query: nil))
    }

    /// Looks for the pending statement's query among the cluster's and takes its answer when it
    /// is done; returns whether anything changed.
    mutating func collect(from records: [QueryRecord]) -> Bool {
        guard var p = pending else { return false }
        if p.query == nil {
            guard let r = records.first(where: { $0.query > p.after && $0.text == p.sql }) else { return false }
            p.query = r.query
            pending = p
        }
        guard let query = p.query, let r = records.first(where: { $0.query == query }) else { return false }
        guard r.state.isDone else { return false }
        pending = nil
        grid = GridScroll()
        if let error = r.error {
            var place: (Int, Int)?
            if let position = error.position, position > p.prefixLength {
                place = SQLEditor(p.source).place(ofPosition: position - p.prefixLength)
            }
            outcome = .failed(ConsoleError(message: error.message, place: place, source: p.source, query: query))
        } else {
            outcome = .rows(ResultGrid(r.result.last ?? StatementResult(commandTag: ""), query: query,
                                       milliseconds: r.execMicroseconds(now: r.endedAt ?? r.submittedAt) / 1000, limit: Self.rowLimit))
            // A statement that worked leaves the editor for the next one; a failed one stays to be fixed.
            if p.prefixLength == 0, editor.text == p.source { editor = SQLEditor() }
        }
        return true
    }

    /// The error's place in the editor, while the editor still holds the text that failed.
    public var errorMark: (line: Int, column: Int)? {
        guard case let .failed(e)? = outcome, let place = e.place, e.source == editor.text else { return nil }
        return place
    }

    // MARK: - History and completion

    mutating func recall(_ delta: Int) {
        guard !history.isEmpty else { return }
        if historyIndex == nil { draft = editor.text }
        let next = (historyIndex ?? history.count) + delta
        if next >= history.count {
            historyIndex = nil
            editor = SQLEditor(draft)
        } else {
            historyIndex = max(0, next)
            editor = SQLEditor(history[historyIndex!])
        }
    }

    /// Tab: completes the word before the cursor as far as the names agree, or lists them.
    mutating func complete(catalog: [(table: String, columns: [String])]) {
        let word = editor.wordBeforeCursor
        let partial = word.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let candidates = SQLCompletion.candidates(word: word, text: editor.text, catalog: catalog)
        guard !candidates.isEmpty else { completions = []; return }
        let common = candidates.count == 1 ? candidates[0] : SQLCompletion.commonPrefix(candidates)
        if common.count > partial.count {
            editor.insert(String(common.dropFirst(partial.count)))
            completions = candidates.count == 1 ? [] : candidates
        } else {
            completions = candidates
        }
    }
}

/// A result as the console's grid shows it: column names, cell texts, how to align each column.
public struct ResultGrid: Equatable, Sendable {
    public var columns: [String]
    /// nil is NULL.
    public var rows: [[String?]]
    public var rightAligned: [Bool]
    /// Rows the statement returned, even past the ones kept.
    public var totalRows: Int
    public var commandTag: String
    public var query: Int
    public var milliseconds: Int64
    /// Each column's width: its widest cell among the kept rows, at most 40.
    public var widths: [Int]

    init(_ result: StatementResult, query: Int, milliseconds: Int64, limit: Int) {
        columns = result.columns.map(\.name)
        let rows = result.rows.prefix(limit).map { $0.map(\.text) }
        self.rows = rows
        rightAligned = result.columns.map { ["int2", "int4", "int8", "float4", "float8", "numeric"].contains($0.typeName) }
        totalRows = result.rows.count
        commandTag = result.commandTag
        self.query = query
        self.milliseconds = milliseconds
        widths = result.columns.map(\.name).enumerated().map { i, name in
            let widest = rows.reduce(TextWidth.of(name)) { max($0, TextWidth.of($1[i] ?? "NULL")) }
            return min(40, widest)
        }
    }
}
