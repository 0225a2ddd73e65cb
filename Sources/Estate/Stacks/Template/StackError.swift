/// CloudFormation's errors: it answers every bad request with `ValidationError` and AWS's wording.
enum StackError {
    /// `Template format error: …`, the prefix CloudFormation puts on every template problem.
    static func format(_ message: String) -> AWSError {
        AWSError("ValidationError", "Template format error: \(message)")
    }

    static func validation(_ message: String) -> AWSError { AWSError("ValidationError", message) }

    static func stackNotFound(_ name: String) -> AWSError {
        AWSError("ValidationError", "Stack with id \(name) does not exist")
    }

    static func alreadyExists(_ name: String) -> AWSError {
        AWSError("AlreadyExistsException", "Stack [\(name)] already exists")
    }
}
