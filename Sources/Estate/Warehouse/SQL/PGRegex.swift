import Foundation
import GRDB

/// PostgreSQL's `~` operators (POSIX regular expressions), which Redshift's leader supports and
/// psql's `\d pattern` sends as `relname OPERATOR(pg_catalog.~) '^(name)$'`.
enum PGRegex {
    /// Whether `text` contains a match of `pattern`; a bad pattern is the statement's error.
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) throws -> Bool {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "invalid regular expression: \(pattern)")
        }
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}
