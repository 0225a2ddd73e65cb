import Foundation
import XMLCoder

/// An XML element's content built from the estate's JSON, encoded by XMLCoder.
///
/// Answers are dynamic (their element names come from the service model), so they are written
/// through XMLCoder's keyed containers with names known only at run time.
indirect enum XMLNode: Encodable, Equatable {
    case text(String)
    /// Child elements in order; a name may repeat (list items).
    case element([(String, XMLNode)])

    static func == (a: XMLNode, b: XMLNode) -> Bool {
        switch (a, b) {
        case let (.text(x), .text(y)): return x == y
        case let (.element(x), .element(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    struct Name: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case let .text(value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case let .element(children):
            var container = encoder.container(keyedBy: Name.self)
            // Runs of one name are written as one array, which XMLCoder turns into repeated elements.
            var i = 0
            while i < children.count {
                var j = i + 1
                while j < children.count, children[j].0 == children[i].0 { j += 1 }
                if j - i > 1 {
                    try container.encode(children[i..<j].map(\.1), forKey: Name(children[i].0))
                } else {
                    try container.encode(children[i].1, forKey: Name(children[i].0))
                }
                i = j
            }
        }
    }

    /// The whole document: `<?xml …?>` and the root element with its namespace.
    func document(root: String, namespace: String?) -> String {
        let encoder = XMLEncoder()
        encoder.outputFormatting = []
        let attributes = namespace.map { ["xmlns": $0] }
        let data = (try? encoder.encode(self, withRootKey: root, rootAttributes: attributes,
                                        header: XMLHeader(version: 1.0, encoding: "UTF-8"))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
