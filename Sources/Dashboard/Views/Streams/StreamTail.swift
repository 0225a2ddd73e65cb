import DequeModule
import Estate
import Terminal

/// A live tail of one stream (or one of its shards): records as they arrive, newest at the bottom.
///
/// It pulls from the stream's tail ring with a cursor, so it sees every arrival or learns exactly
/// how many it missed; nothing per record crosses the bus. The records it shows are kept (bounded)
/// so a new filter or the hex toggle re-renders the scrollback rather than losing it.
public struct StreamTail {
    public let streamName: String
    /// Only this shard's records, when opened from a shard.
    public let shardID: String?
    public private(set) var cursor: UInt64
    public var log: LogView
    /// Arrivals never shown: overtaken in the ring, or trimmed before they were read.
    public private(set) var skipped: UInt64 = 0
    /// Records received (after the shard filter), shown or filtered out.
    public private(set) var received: UInt64 = 0
    public private(set) var filter = ""
    /// The filter as parsed; its `-C N` keeps that many records around each match.
    public private(set) var matcher = TextFilter.none
    /// Records not shown since the last one that was, kept for the context before the next match.
    private var before: Deque<TailRecord> = []
    /// Records still to show after the last match.
    private var afterLeft = 0
    /// Whether a record was left out since the last one shown: the next group starts with `--`.
    private var gap = false
    public private(set) var hex = false
    /// k9s's log toggles: long records wrapped, the arrival time shown, JSON payloads indented.
    public private(set) var wrap = false
    public private(set) var timestamps = true
    public private(set) var prettyJSON = false
    /// Where the tail started when `:since` moved it back (AT_TIMESTAMP), for the title.
    public private(set) var since: String?
    private var kept: Deque<TailRecord> = []
    public static let capacity = 5000
    /// Most records taken in one pull; more than a frame can show anyway.
    static let pullLimit = 2000

    init(streamName: String, shardID: String?, cursor: UInt64) {
        self.streamName = streamName
        self.shardID = shardID
        self.cursor = cursor
        log = LogView(capacity: Self.capacity, viewHeight: 20)
    }

    /// A tail restarted at an earlier virtual time: `records` (what arrived since then, oldest
    /// first) are shown at once, and it goes on live from `cursor`. Toggles carry over.
    init(restarting old: StreamTail, since: String, records: [TailRecord], skipped: UInt64, cursor: UInt64, theme: Theme) {
        self.init(streamName: old.streamName, shardID: old.shardID, cursor: cursor)
        self.since = since
        hex = old.hex; wrap = old.wrap; timestamps = old.timestamps; prettyJSON = old.prettyJSON
        filter = old.filter
        matcher = old.matcher
        self.skipped = skipped
        for record in records.suffix(Self.capacity) {
            received += 1
            kept.append(record)
        }
        rebuild(theme: theme)
    }

    /// Takes the records that arrived since the last pull. Returns whether anything changed.
    mutating func pull(from kinesis: KinesisService, theme: Theme) -> Bool {
        let page = kinesis.tail(streamName: streamName, after: cursor, limit: Self.pullLimit)
        cursor = page.nextCursor
        skipped += page.skipped
        var changed = page.skipped > 0
        for record in page.records where receive(record, theme: theme) { changed = true }
        return changed
    }

    /// Keeps one arrival and shows it if it passes the shard and the filter; returns whether the log grew.
    mutating func receive(_ record: TailRecord, theme: Theme) -> Bool {
        guard shardID == nil || record.shardID == shardID else { return false }
        received += 1
        if kept.count == Self.capacity { kept.removeFirst() }
        kept.append(record)
        return show(record, theme: theme)
    }

    /// Shows a record if the filter keeps it or it is context of a match; returns whether the log grew.
    private mutating func show(_ record: TailRecord, theme: Theme) -> Bool {
        let n = matcher.context
        if matches(record) {
            if n > 0, gap, !log.lines.isEmpty { log.append(Line("--", style: theme["dim"])) }
            for b in before { log.append(contentsOf: lines(b, theme: theme)) }
            before.removeAll()
            log.append(contentsOf: lines(record, theme: theme, filter: matcher))
            afterLeft = n
            gap = false
            return true
        }
        if afterLeft > 0 {
            afterLeft -= 1
            log.append(contentsOf: lines(record, theme: theme))
            return true
        }
        gap = true
        if n > 0 {
            before.append(record)
            if before.count > n { before.removeFirst() }
        }
        return false
    }

    mutating func setFilter(_ text: String, theme: Theme) {
        filter = text
        matcher = TextFilter(text)
        rebuild(theme: theme)
    }

    mutating func toggleHex(theme: Theme) {
        hex.toggle()
        rebuild(theme: theme)
    }

    mutating func toggleWrap() { wrap.toggle() }

    mutating func toggleTimestamps(theme: Theme) {
        timestamps.toggle()
        rebuild(theme: theme)
    }

    mutating func togglePrettyJSON(theme: Theme) {
        prettyJSON.toggle()
        rebuild(theme: theme)
    }

    /// Forgets what was shown; the counts of received and skipped records stay, since they
    /// say what the tail has seen, and it goes on from where it was.
    mutating func clear() {
        kept.removeAll()
        log.clear()
    }

    private mutating func rebuild(theme: Theme) {
        let following = log.isFollowing
        log.clear()
        before.removeAll()
        afterLeft = 0
        gap = false
        for record in kept { _ = show(record, theme: theme) }
        if !following { log.toggleFollow() }
    }

    /// A record as the toggles want it: one line, or a pretty-printed JSON payload under it.
    func lines(_ record: TailRecord, theme: Theme, filter: TextFilter = .none) -> [Line] {
        if prettyJSON, !hex, let pretty = Self.prettyPayload(record.data) {
            let head = Self.line(record, data: "", timestamps: timestamps, theme: theme)
            let pad = String(repeating: " ", count: head.width)
            return pretty.enumerated().map { i, text in
                i == 0 ? Self.line(record, data: text, timestamps: timestamps, theme: theme, filter: filter)
                    : Line([Span(pad)] + Highlight.spans(text, style: theme["tail.data"], filter: filter, theme: theme))
            }
        }
        return [Self.line(record, data: Self.dataText(record.data, hex: hex), timestamps: timestamps, theme: theme, filter: filter)]
    }

    /// A payload that is a JSON object or array, indented over several lines; nil otherwise.
    static func prettyPayload(_ data: [UInt8]) -> [String]? {
        guard let first = data.first(where: { $0 != 0x20 && $0 != 0x0A }), first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
              let text = String(validating: data, as: UTF8.self), let json = try? JSONParser.parse(text) else { return nil }
        return json.pretty(indent: 2).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The newest line on screen, whole (not cut to the screen's width): what `c` copies.
    var copyText: String? {
        guard !log.lines.isEmpty else { return nil }
        let first = log.firstVisible(height: log.viewHeight)
        return log.lines[min(log.lines.count, first + max(1, log.viewHeight)) - 1].plainText
    }

    /// Every line the tail holds, for `Ctrl-S`.
    var text: String { log.lines.map(\.plainText).joined(separator: "\n") + "\n" }


    /// A record matches when its partition key or its data as text does.
    func matches(_ record: TailRecord) -> Bool {
        guard !matcher.isEmpty else { return true }
        return matcher.keeps([record.partitionKey, String(decoding: record.data, as: UTF8.self)])
    }

    /// `00:01:02.345 0001 …4410001 user-17  {"page": "/cart", …}`
    static func line(_ r: TailRecord, hex: Bool, theme: Theme, filter: TextFilter = .none) -> Line {
        line(r, data: dataText(r.data, hex: hex), timestamps: true, theme: theme, filter: filter)
    }

    static func line(_ r: TailRecord, data: String, timestamps: Bool, theme: Theme, filter: TextFilter = .none) -> Line {
        let shard = String(r.shardID.suffix(4))
        let sequence = "…" + String(r.sequenceNumber.suffix(7))
        var spans: [Span] = []
        if timestamps {
            let iso = SimCalendar.iso8601(r.arrival)
            spans.append(Span(String(iso.dropFirst(11).prefix(12)) + " ", style: theme["dim"]))
        }
        spans += [
            Span(shard + " ", style: theme["accent"]),
            Span(sequence + " ", style: theme["dim"]),
        ]
        // The filter's matches stand out in the key and the data, the parts it searched.
        let key = TextWidth.pad(TextWidth.truncate(r.partitionKey, to: 16), to: 16) + " "
        spans += Highlight.spans(key, style: theme["tail.key"], filter: filter, theme: theme)
        spans += Highlight.spans(data, style: theme["tail.data"], filter: filter, theme: theme)
        return Line(spans)
    }

    /// Printable UTF-8 as text; anything else (or when asked) as hex bytes.
    static func dataText(_ data: [UInt8], hex: Bool) -> String {
        if !hex, let text = String(validating: data, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) {
            return text
        }
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(min(data.count, 64) * 3)
        for (i, byte) in data.prefix(64).enumerated() {
            if i > 0 { out.append(" ") }
            out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)])
        }
        if data.count > 64 { out += " …(\(data.count) bytes)" }
        return out
    }
}

import Foundation
