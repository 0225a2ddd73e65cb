/// One parsed line of the command language: an AWS operation or a simulator verb.
public enum Command: Equatable, Sendable {
    case operation(OperationRequest)
    case sim(SimCommand)
    /// `edge request …`, `edge sign-session …` (see `EdgeVerb`).
    case edge(EdgeVerb)
    /// `search INDEX 'QUERY-JSON'` (see `SearchVerb`).
    case search(SearchVerb)
    /// `sql "STATEMENT" [--cluster ID]` (see `SQLVerb`).
    case sql(SQLVerb)
    /// `s3 mb|ls|cp|rm …` (see `S3Verb`).
    case s3(S3Verb)
}

/// The simulator's own verbs: `sim advance 90s`, `sim speed 10`, `sim pause`, `sim resume`.
public enum SimCommand: Equatable, Sendable {
    case advance(SimDuration)
    case speed(Double)
    case pause
    case resume
    /// `sim help`: every verb's usage, from `SimVerbTable`.
    case help
    /// `sim producer …` and `sim consumer …`: stream traffic (see `KinesisSimVerb`).
    case kinesis(KinesisSimVerb)
    /// `sim job …`: stream job failures and rescaling (see `JobSimVerb`).
    case job(JobSimVerb)
    /// `sim loader …` and `sim query …`: the warehouse (see `WarehouseSimVerb`).
    case warehouse(WarehouseSimVerb)

    /// The first words after `sim`, from `SimVerbTable`.
    public static var verbs: [String] { SimVerbTable.verbs }
}

/// A line that is not a valid command, with the word that is wrong.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// The offending word, when there is one.
    public let token: String?
    /// Column of that word in the line (0-based).
    public let column: Int?

    public init(_ message: String, token: String? = nil, column: Int? = nil) {
        self.message = message
        self.token = token
        self.column = column
    }

    public var description: String {
        if let column { return "\(message) (at column \(column + 1))" }
        return message
    }

    public var awsError: AWSError { .paramValidation(description) }
}
