import Estate
import Foundation
import XMLCoder

/// An XML request body as a tree, read by XMLCoder: each element's children by name, a
/// repeated name keeping its items in order. The element names mean nothing until the service
/// model says what they are (`XMLInput.value`).
indirect enum XMLTree: Decodable, Equatable {
    case text(String)
    case element([(String, XMLTree)])

    static func == (a: XMLTree, b: XMLTree) -> Bool {
        switch (a, b) {
        case let (.text(x), .text(y)): return x == y
        case let (.element(x), .element(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    init(from decoder: any Decoder) throws {
        // XMLCoder names an element's own text by the empty key; only named children count.
        let keyed = try? decoder.container(keyedBy: XMLNode.Name.self)
        let names = keyed?.allKeys.filter { !$0.stringValue.isEmpty } ?? []
        if let keyed, !names.isEmpty {
            var children: [(String, XMLTree)] = []
            var seen: Set<String> = []
            for key in names where seen.insert(key.stringValue).inserted {
                // XMLCoder hands a repeated element as an array, a single one as an array of one.
                for item in try keyed.decode([XMLTree].self, forKey: key) { children.append((key.stringValue, item)) }
            }
            self = .element(children)
        } else if let text = try? keyed?.decode(String.self, forKey: XMLNode.Name("")) {
            self = .text(text)
        } else {
            self = .text((try? decoder.singleValueContainer().decode(String.self)) ?? "")
        }
    }

    var children: [(String, XMLTree)] {
        if case let .element(c) = self { return c }
        return []
    }

    var text: String {
        if case let .text(t) = self { return t }
        return ""
    }
}

/// A request body in XML turned into the API's member names and types, guided by botocore's
/// model: element names are the members' `locationName`s, list items repeat their own name, and
/// numbers and booleans are typed by their shape.
struct XMLInput {
    let model: WireModel

    /// Parses a whole document; the root element is the shape itself.
    func parse(_ body: [UInt8], shape: String) throws(AWSError) -> JSONValue {
        let tree: XMLTree
        do {
            let decoder = XMLDecoder()
            decoder.trimValueWhitespaces = false
            tree = try decoder.decode(XMLTree.self, from: Data(body))
        } catch {
            throw AWSError("MalformedXML", "The XML you provided was not well-formed or did not validate against the published schema.")
        }
        return try value(tree, shape: shape, path: "")
    }

    func value(_ tree: XMLTree, shape name: String, path: String) throws(AWSError) -> JSONValue {
        switch model.shapes[name] {
        case let .structure(members)?:
            var pairs: [(String, JSONValue)] = []
            for (element, child) in tree.children {
                // Unknown elements are left out, as AWS ignores them.
                guard let member = members.first(where: { ($0.locationName ?? $0.name) == element }) else { continue }
                pairs.append((member.name, try value(child, shape: member.shape, path: path.isEmpty ? member.name : "\(path).\(member.name)")))
            }
            return .object(pairs)
        case let .list(element, _, _)?:
            var items: [JSONValue] = []
            for (i, (_, child)) in tree.children.enumerated() { items.append(try value(child, shape: element, path: "\(path)[\(i)]")) }
            return .array(items)
        case let .scalar(type)?:
            let text = tree.text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch type {
            case "integer", "long":
                guard let n = Int64(text) else { throw AWSError("InvalidArgument", "\(path): \(text) is not a whole number.") }
                return .int(n)
            case "boolean":
                guard text == "true" || text == "false" else { throw AWSError("InvalidArgument", "\(path): \(text) is not true or false.") }
                return .bool(text == "true")
            case "double", "float":
                guard let d = Double(text) else { throw AWSError("InvalidArgument", "\(path): \(text) is not a number.") }
                return .double(d)
            default:
                return .string(tree.text)
            }
        default:
            return .string(tree.text)
        }
    }
}
