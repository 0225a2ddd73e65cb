/// The members of a `DistributionConfig` the estate answers with one fixed value and does not
/// model: alternate domain names, logging, certificates, geo restrictions, signed URLs and the like.
///
/// `get-distribution-config` answers each of them, and the CLI's edit cycle sends that answer
/// back whole with `update-distribution`; so each is taken when it carries the value answered,
/// and refused, naming the member, when it asks for something the estate cannot do. The answer
/// and the check read the same table.
struct CloudFrontFixedMember: Sendable {
    let name: String
    let shape: ParameterShape
    let value: JSONValue
    /// What the estate does not simulate, for the refusal.
    let what: String

    static func names() -> ParameterShape { .structure([("Quantity", .integer), ("Items", .list(.string))]) }
    /// A `{Quantity, Items}` list whose items the estate never has, so any item is refused.
    static func none(_ item: ParameterShape) -> ParameterShape { .structure([("Quantity", .integer), ("Items", .list(item))]) }

    static let distribution: [CloudFrontFixedMember] = [
        .init(name: "Aliases", shape: names(), value: ["Quantity": 0], what: "alternate domain names (CNAMEs)"),
        .init(name: "DefaultRootObject", shape: .string, value: "index.html", what: "another default root object"),
        // The item in AWS's own shape, so a real origin group is refused as not simulated rather
        // than as a member the command does not know.
        .init(name: "OriginGroups", shape: none(.structure([
            ("Id", .string),
            ("FailoverCriteria", .structure([("StatusCodes", .structure([("Quantity", .integer), ("Items", .list(.integer))]))])),
            ("Members", .structure([("Quantity", .integer), ("Items", .list(.structure([("OriginId", .string)])))])),
            ("SelectionCriteria", .string),
        ])), value: ["Quantity": 0], what: "origin groups (failover)"),
        .init(name: "CustomErrorResponses", shape: none(.structure([("ErrorCode", .integer), ("ResponsePagePath", .string),
                                                                     ("ResponseCode", .string), ("ErrorCachingMinTTL", .integer)])),
              value: ["Quantity": 0], what: "custom error responses"),
        .init(name: "Logging", shape: .structure([("Enabled", .boolean), ("IncludeCookies", .boolean), ("Bucket", .string), ("Prefix", .string)]),
              value: ["Enabled": false, "IncludeCookies": false, "Bucket": "", "Prefix": ""], what: "standard logging to a bucket"),
        .init(name: "PriceClass", shape: .string, value: "PriceClass_All", what: "price classes (one edge location serves everything)"),
        .init(name: "ViewerCertificate", shape: .structure([("CloudFrontDefaultCertificate", .boolean), ("SSLSupportMethod", .string),
                                                            ("MinimumProtocolVersion", .string), ("CertificateSource", .string),
                                                            ("ACMCertificateArn", .string), ("IAMCertificateId", .string), ("Certificate", .string)]),
              value: ["CloudFrontDefaultCertificate": true, "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"],
              what: "certificates other than CloudFront's default"),
        .init(name: "Restrictions", shape: .structure([("GeoRestriction", .structure([("RestrictionType", .string), ("Quantity", .integer),
                                                                                       ("Items", .list(.string))]))]),
              value: ["GeoRestriction": ["RestrictionType": "none", "Quantity": 0]], what: "geographic restrictions"),
        .init(name: "WebACLId", shape: .string, value: "", what: "AWS WAF"),
        .init(name: "HttpVersion", shape: .string, value: "http2", what: "HTTP versions"),
        .init(name: "IsIPV6Enabled", shape: .boolean, value: true, what: "turning IPv6 off"),
        .init(name: "Staging", shape: .boolean, value: false, what: "staging distributions"),
    ]

    static let behavior: [CloudFrontFixedMember] = [
        .init(name: "TrustedSigners", shape: .structure([("Enabled", .boolean), ("Quantity", .integer), ("Items", .list(.string))]),
              value: ["Enabled": false, "Quantity": 0], what: "signed URLs and cookies"),
        .init(name: "TrustedKeyGroups", shape: .structure([("Enabled", .boolean), ("Quantity", .integer), ("Items", .list(.string))]),
              value: ["Enabled": false, "Quantity": 0], what: "signed URLs and cookies"),
        .init(name: "SmoothStreaming", shape: .boolean, value: false, what: "Microsoft Smooth Streaming"),
        .init(name: "Compress", shape: .boolean, value: true, what: "turning compression off"),
        .init(name: "FieldLevelEncryptionId", shape: .string, value: "", what: "field-level encryption"),
    ]

    static let origin: [CloudFrontFixedMember] = [
        .init(name: "CustomHeaders", shape: none(.structure([("HeaderName", .string), ("HeaderValue", .string)])), value: ["Quantity": 0],
              what: "custom origin headers"),
        .init(name: "ConnectionAttempts", shape: .integer, value: 3, what: "other connection attempts"),
        .init(name: "ConnectionTimeout", shape: .integer, value: 10, what: "other connection timeouts"),
    ]

    static let customOrigin: [CloudFrontFixedMember] = [
        .init(name: "OriginSslProtocols", shape: names(), value: ["Quantity": 1, "Items": ["TLSv1.2"]], what: "other origin TLS protocols"),
        .init(name: "OriginReadTimeout", shape: .integer, value: 30, what: "other origin read timeouts"),
        .init(name: "OriginKeepaliveTimeout", shape: .integer, value: 5, what: "other origin keep-alive timeouts"),
    ]

    /// The shapes for a request: every fixed member may be sent.
    static func shapes(_ members: [CloudFrontFixedMember]) -> [(member: String, shape: ParameterShape)] {
        members.map { ($0.name, $0.shape) }
    }

    /// The members as answered.
    static func answer(_ members: [CloudFrontFixedMember]) -> [(String, JSONValue)] {
        members.map { ($0.name, $0.value) }
    }

    /// Refuses a member of `given` that asks for another value than the one answered.
    static func check(_ members: [CloudFrontFixedMember], in given: Parameters, at place: String) throws(AWSError) {
        for member in members {
            guard let value = given.value[member.name], value != .null, !same(value, member.value) else { continue }
            throw AWSError("InvalidArgument", "\(place)\(member.name): the estate does not simulate \(member.what); "
                           + "only the value get-distribution-config answers (\(member.value.serialized())) is taken.")
        }
    }

    /// Equal as CloudFront reads them: members in any order, and an empty `Items` the same as none.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)):
            func meaningful(_ pairs: [(String, JSONValue)]) -> [String: JSONValue] {
                var kept: [String: JSONValue] = [:]
                for (key, value) in pairs where !(key == "Items" && value.arrayValue?.isEmpty == true) { kept[key] = value }
                return kept
            }
            let (mx, my) = (meaningful(x), meaningful(y))
            return mx.count == my.count && mx.allSatisfy { key, value in my[key].map { same(value, $0) } ?? false }
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy(same)
        default:
            // A number or flag may come as text from the command line.
            return a == b || (scalar(a) != nil && scalar(a) == scalar(b))
        }
    }

    private static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .bool(b): return String(b)
        default: return nil
        }
    }
}
