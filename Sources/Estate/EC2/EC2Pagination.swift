import Foundation

/// EC2's pagination, one implementation for every Describe operation that has it: `MaxResults`
/// items per page and a `NextToken` to ask for the next ("Pagination" in the EC2 API reference).
/// Without `MaxResults` every item comes in one answer, as AWS documents for these operations.
///
/// A token is opaque to clients; here it names the operation and the offset of the next item,
/// so it is deterministic and a token from one operation is refused by another.
struct EC2Pagination {
    let operation: String
    let maxResults: Int?
    let offset: Int

    /// `range` is the operation's documented MaxResults; a larger value is cut to `clampAbove`
    /// where AWS documents that instead of a refusal (DescribeVolumes: "only 500 items are returned").
    init(_ p: Parameters, operation: String, range: ClosedRange<Int>, clampAbove: Int? = nil) throws(AWSError) {
        self.operation = operation
        var max = try p.int("MaxResults")
        if let n = max {
            if let clamp = clampAbove, n > clamp { max = clamp }
            guard range.contains(max!) else {
                throw .invalidParameterValue("Value ( \(n) ) for parameter maxResults is invalid. Expecting a value between \(range.lowerBound) and \(range.upperBound).")
            }
        }
        maxResults = max
        offset = try p.string("NextToken").map { (token) throws(AWSError) -> Int in try Self.offset(of: token, operation: operation) } ?? 0
    }

    static let invalidToken = AWSError("InvalidPaginationToken", "The specified pagination token is not valid or is expired.")

    static func token(operation: String, offset: Int) -> String {
        Data("\(operation):\(offset)".utf8).base64EncodedString()
    }

    static func offset(of token: String, operation: String) throws(AWSError) -> Int {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix(operation + ":"), let n = Int(text.dropFirst(operation.count + 1)), n >= 0 else { throw invalidToken }
        return n
    }

    /// This page of `items` and the token for the next, nil on the last page.
    func page<T>(_ items: [T]) throws(AWSError) -> (items: [T], nextToken: String?) {
        guard offset <= items.count else { throw Self.invalidToken }
        guard let maxResults else { return (Array(items[offset...]), nil) }
        let end = min(items.count, offset + maxResults)
        return (Array(items[offset..<end]), end < items.count ? Self.token(operation: operation, offset: end) : nil)
    }

    /// `NextToken` as the answer's last member, when there is a next page.
    static func member(_ token: String?) -> [(String, JSONValue)] {
        token.map { [("NextToken", JSONValue.string($0))] } ?? []
    }

    /// The pagination parameters, for each operation's spec.
    static func parameters(_ range: String) -> [ParameterSpec] {
        [ParameterSpec("MaxResults", .integer, help: "items per page, \(range)"),
         ParameterSpec("NextToken", .string, help: "from the previous page")]
    }
}
