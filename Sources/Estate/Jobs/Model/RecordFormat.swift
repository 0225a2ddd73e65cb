/// How a job's source reads a record's bytes into the value its operators see.
///
/// JSON is the default. Tab-separated text with named columns is what CloudFront's real-time
/// logs put on a stream (Flink reads such streams with its CSV format and a tab delimiter).
public enum RecordFormat: Sendable, Equatable {
    case json
    /// One field per column, in order; `-` (CloudFront's "no value") reads as null.
    case tsv(columns: [String])

    public static let names = ["json", "tsv"]

    /// The record as an object. A record that is not what the format expects still reaches the
    /// operators, as `{"data": "<text>"}`, so a filter can see it and nothing fails mid-stream.
    func decode(_ data: [UInt8]) -> JSONValue {
        switch self {
        case .json:
            return RecordJSON.parse(data) ?? ["data": .string(String(decoding: data, as: UTF8.self))]
        case let .tsv(columns):
            return Self.tsv(data, columns: columns)
        }
    }

    /// Columns beyond the record's fields are null; fields beyond the columns are dropped.
    static func tsv(_ data: [UInt8], columns: [String]) -> JSONValue {
        var line = data[...]
        while let last = line.last, last == 0x0A || last == 0x0D { line = line.dropLast() }
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(columns.count)
        for (i, name) in columns.enumerated() {
            pairs.append((name, i < fields.count ? field(fields[i]) : .null))
        }
        return .object(pairs)
    }

    /// A field as a number when all of it is one (status codes, seconds taken), else text.
    private static func field(_ bytes: ArraySlice<UInt8>) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "-" { return .null }
        if let i = Int64(text) { return .int(i) }
        if let d = Double(text), d.isFinite, text.first.map({ $0.isNumber || $0 == "-" }) == true { return .double(d) }
        return .string(text)
    }
}
