/// `AWS::S3::Bucket` through `CreateBucket`, `ListBuckets` and `DeleteBucket`.
///
/// `Ref` is the bucket name (generated in lower case as `<stack>-<logicalid>-<random>` when
/// `BucketName` is absent, since bucket names allow no capitals); `Fn::GetAtt` gives `Arn` and
/// the endpoint names AWS documents. A bucket exists as soon as `CreateBucket` answers, so it is
/// ready at once; deleting a bucket that still holds objects fails, as it does in AWS.
struct S3BucketProvisioner: ResourceProvisioner {
    let resourceType = "AWS::S3::Bucket"
    /// S3 publishes nothing: creating and deleting a bucket finish within the operation.
    let attributes: [String] = ["Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"]
    let stateEvents: Set<String> = []

    func replacement(for property: String) -> UpdateRequirement {
        property == "BucketName" ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let name = properties["BucketName"].flatMap(TemplateScalar.text) ?? context.generatedName(limit: 63).lowercased()
        _ = try context.run("s3api", "CreateBucket", ["Bucket": .string(name)])
        return name
    }

    /// The estate's buckets keep no configuration (versioning, encryption, tags), so every other
    /// property is accepted and recorded without a call.
    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {}

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard exists(physicalID, context) else { return }
        _ = try context.run("s3api", "DeleteBucket", ["Bucket": .string(physicalID)])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        let present = exists(physicalID, context)
        if desired == nil { return present ? .inProgress : .gone }
        return present ? .ready : .gone
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        let region = context.region
        switch name {
        case "Arn": return .string("arn:aws:s3:::\(physicalID)")
        case "DomainName": return .string("\(physicalID).s3.amazonaws.com")
        case "DualStackDomainName": return .string("\(physicalID).s3.dualstack.\(region).amazonaws.com")
        case "RegionalDomainName": return .string("\(physicalID).s3.\(region).amazonaws.com")
        case "WebsiteURL": return .string("http://\(physicalID).s3-website-\(region).amazonaws.com")
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard exists(physicalID, context) else { return nil }
        return .object((expected.objectValue ?? []).map { key, value in key == "BucketName" ? (key, .string(physicalID)) : (key, value) })
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func exists(_ name: String, _ context: ProvisioningContext) -> Bool {
        guard case let .success(reply) = context.execute(OperationRequest(service: "s3api", operation: "ListBuckets", parameters: [:])) else { return false }
        return (reply["Buckets"]?.arrayValue ?? []).contains { $0["Name"]?.stringValue == name }
    }
}
