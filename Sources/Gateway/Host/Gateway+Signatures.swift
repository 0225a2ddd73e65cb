import Estate

extension Gateway {
    /// With signature checking on, the error for a request whose SigV4 signature is missing,
    /// names an unknown key or does not match, in the protocol's own shape and with the code
    /// that service uses (AWS's common errors): EC2 says `AuthFailure`, the other Query services
    /// and S3 `SignatureDoesNotMatch`, JSON services `InvalidSignatureException`. Nil: go on.
    func signatureRefusal(_ proto: any WireProtocol, _ request: WireRequest, requestID: String) -> WireResponse? {
        guard let verifier, let failure = verifier.check(request, isS3: proto is S3RestProtocol) else { return nil }
        let error = Self.signatureError(failure, style: Self.style(of: proto))
        return proto.encode(error, operation: nil, request: request, requestID: requestID)
    }

    enum ProtocolStyle { case json, ec2, query, s3 }

    static func style(of proto: any WireProtocol) -> ProtocolStyle {
        switch proto {
        case is JSONProtocol: return .json
        case is EC2QueryProtocol: return .ec2
        case is S3RestProtocol: return .s3
        case is RestJSONProtocol: return .json
        default: return .query
        }
    }

    static let mismatchMessage = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    static func signatureError(_ failure: SigV4Verifier.Failure, style: ProtocolStyle) -> AWSError {
        switch (failure, style) {
        case (_, .ec2):
            return AWSError("AuthFailure", "AWS was not able to validate the provided access credentials")
        case (.missing, .json):
            return AWSError("MissingAuthenticationTokenException", "Missing Authentication Token")
        case (.missing, .s3):
            return AWSError("AccessDenied", "Access Denied")
        case (.missing, .query):
            return AWSError("MissingAuthenticationToken", "Request is missing Authentication Token")
        case (.unknownKey, .json):
            return AWSError("UnrecognizedClientException", "The security token included in the request is invalid.")
        case (.unknownKey, .s3):
            return AWSError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
        case (.unknownKey, .query):
            return AWSError("InvalidClientTokenId", "The security token included in the request is invalid.")
        case (.mismatch, .json):
            return AWSError("InvalidSignatureException", mismatchMessage)
        case (.mismatch, _):
            return AWSError("SignatureDoesNotMatch", mismatchMessage)
        }
    }
}
