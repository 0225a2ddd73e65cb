import Estate

/// One of the AWS wire protocols: how a request names its operation and carries its parameters,
/// and how answers and errors are written back, so that an SDK parses them as it would AWS's.
///
/// A protocol only translates: the operation itself is run by `Estate.execute`, the same code the
/// command language and the palette use.
protocol WireProtocol: Sendable {
    /// The operation a request asks for, in the estate's terms, or the error AWS would answer.
    func decode(_ request: WireRequest) -> Result<OperationRequest, AWSError>
    func encode(_ value: JSONValue, for operation: OperationRequest, request: WireRequest, requestID: String) -> WireResponse
    /// `operation` is nil when the request could not be read far enough to name one.
    func encode(_ error: AWSError, operation: String?, request: WireRequest, requestID: String) -> WireResponse
}

/// The HTTP status AWS answers an error code with; most client errors are 400.
enum ErrorStatus {
    static func of(_ code: String) -> Int {
        switch code {
        case "InternalFailure", "InternalError", "InternalServerError", "InternalServerException": return 500
        case "ServiceUnavailable", "ServiceUnavailableException", "Unavailable": return 503
        case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "IncompleteSignature",
             "InvalidSignatureException", "SignatureDoesNotMatch", "MissingAuthenticationToken",
             "InvalidClientTokenId", "InvalidAccessKeyId", "MissingAuthenticationTokenException": return 403
        case "AuthFailure": return 401
        case "NoSuchBucket", "NoSuchKey", "NotFoundException": return 404
        case "NoSuchUpload", "NoSuchVersion": return 404
        case "InvalidRange", "InvalidPartNumber": return 416
        case "BucketAlreadyOwnedByYou", "BucketAlreadyExists", "BucketNotEmpty": return 409
        case "NotImplemented": return 501
        case "PreconditionFailed": return 412
        default: return 400
        }
    }
}
