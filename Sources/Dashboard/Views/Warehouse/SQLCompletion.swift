/// Completion of table and column names in the console, from the cluster's catalog.
///
/// A plain word completes to a table, or to a column of the tables the statement names (all
/// tables' columns when it names none); `name.` completes to the columns of the table `name`
/// is, or is an alias of (`FROM orders o` makes `o.` mean orders).
enum SQLCompletion {
    /// Candidates for the word before the cursor, as the whole last part of the word would read.
    static func candidates(word: String, text: String, catalog: [(table: String, columns: [String])]) -> [String] {
        let tables = catalog.map(\.table)
        func columns(of table: String) -> [String] { catalog.first { $0.table == table }?.columns ?? [] }
        if let dot = word.lastIndex(of: ".") {
            let qualifier = word[..<dot].lowercased()
            let partial = String(word[word.index(after: dot)...])
            guard let table = tables.first(where: { $0 == qualifier }) ?? alias(qualifier, in: text, tables: tables) else { return [] }
            return matching(columns(of: table), partial)
        }
        guard !word.isEmpty else { return [] }
        let words = Set(identifiers(in: text))
        let named = tables.filter { words.contains($0) }
        let columnNames = (named.isEmpty ? tables.filter { !$0.hasPrefix("st") && !$0.hasPrefix("sv") && !$0.hasPrefix("pg_") } : named)
            .flatMap(columns(of:))
        var seen = Set<String>()
        return matching(tables + columnNames, word).filter { seen.insert($0).inserted }
    }

    /// Names starting with `partial`, ignoring case, in the catalog's order; `partial` itself is no candidate.
    static func matching(_ names: [String], _ partial: String) -> [String] {
        let p = partial.lowercased()
        return names.filter { $0.lowercased().hasPrefix(p) && $0.lowercased() != p }
    }

    /// The table `alias` stands for in `FROM table [AS] alias` or `JOIN table [AS] alias`.
    static func alias(_ alias: String, in text: String, tables: [String]) -> String? {
        let words = identifiers(in: text)
        for (i, w) in words.enumerated() where tables.contains(w) {
            var j = i + 1
            if j < words.count, words[j] == "as" { j += 1 }
            if j < words.count, words[j] == alias { return w }
        }
        return nil
    }

    /// The statement's words, lowercased, without punctuation.
    static func identifiers(in text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }.map(String.init)
    }

    /// The longest prefix all candidates share, compared without case, in the first one's letters.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for c in candidates.dropFirst() {
            let other = Array(c.lowercased())
            var n = 0
            while n < prefix.count, n < other.count, prefix[n].lowercased() == String(other[n]) { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }
}
