/// `search INDEX 'QUERY-JSON'`: runs an OpenSearch `_search` body against an index and prints the
/// response (`hits.total.value`, `hits.hits[]._source`, `aggregations`). A verb rather than an
/// operation because `_search` is OpenSearch's data plane, which the AWS CLI does not cover.
public struct SearchVerb: Equatable, Sendable {
    public let index: String
    public let query: JSONValue

    static let usage = "search INDEX '{\"query\":{\"match\":{\"page\":\"cart\"}}}'"

    /// Parses the words after `search`.
    static func parse(_ word: Tokenizer.Token, _ words: [Tokenizer.Token]) throws(CommandError) -> SearchVerb {
        guard let index = words.first else {
            throw CommandError("'search' needs an index name and an optional query body: \(usage)", token: word.text, column: word.column)
        }
        guard words.count <= 2 else {
            throw CommandError("'search' takes an index and one quoted query body: \(usage)", token: words[2].text, column: words[2].column)
        }
        guard words.count == 2 else { return SearchVerb(index: index.text, query: [:]) }
        let body = words[1]
        let query: JSONValue
        do { query = try JSONParser.parse(body.text) } catch {
            throw CommandError("Invalid search body: \(error.message) at offset \(error.offset)", token: body.text, column: body.column)
        }
        guard case .object = query else { throw CommandError("The search body must be a JSON object", token: body.text, column: body.column) }
        return SearchVerb(index: index.text, query: query)
    }
}
