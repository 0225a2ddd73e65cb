/// A mistake in one value of a job file (an expression, a condition, an aggregate); the parser
/// adds the file and line.
public struct JobSpecError: Error, Equatable, Sendable, ExpressibleByStringInterpolation {
    public let message: String
    public init(_ message: String) { self.message = message }
    public init(stringLiteral value: String) { message = value }
    public init(stringInterpolation: DefaultStringInterpolation) { message = String(stringInterpolation: stringInterpolation) }
}
