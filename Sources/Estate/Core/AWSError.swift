/// A failed operation, as AWS reports it: an error code and a message for people.
///
/// The codes are AWS's own (`InvalidInstanceID.NotFound`, `ResourceNotFoundException`, …) so that
/// scripts written against AWS can branch on them. Errors from the command language itself, before
/// any operation runs, use `ParamValidation` like the AWS CLI's parameter validation.
public struct AWSError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The JSON line `cloudtop run` prints for a failure.
    public var json: JSONValue {
        ["Error": ["Code": .string(code), "Message": .string(message)]]
    }

    public var description: String { "\(code): \(message)" }

    public static func paramValidation(_ message: String) -> AWSError { AWSError("ParamValidation", message) }
    public static func validation(_ message: String) -> AWSError { AWSError("ValidationException", message) }
    public static func invalidParameterValue(_ message: String) -> AWSError { AWSError("InvalidParameterValue", message) }
}
