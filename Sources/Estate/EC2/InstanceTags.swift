/// `CreateTags` and `DeleteTags` on instances: how a tag changes after launch (a stack's in-place
/// update of `Tags` uses them too).
extension EC2Service {
    func createTagsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("Resources") ?? []
        let tags = try tagPairs(p, valueRequired: true)
        guard !ids.isEmpty else { throw .invalidParameterValue("The request must contain the parameter resourceIdSet") }
        guard !tags.isEmpty else { throw .invalidParameterValue("The request must contain the parameter tagSet") }
        if let reserved = tags.first(where: { $0.key.lowercased().hasPrefix("aws:") }) {
            throw .invalidParameterValue("Value (\(reserved.key)) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use")
        }
        try checkExist(ids)
        for id in ids {
            guard let i = indexByID[id] else { continue }
            for tag in tags {
                if let existing = instances[i].tags.firstIndex(where: { $0.key == tag.key }) {
                    instances[i].tags[existing].value = tag.value ?? ""
                } else {
                    instances[i].tags.append((tag.key, tag.value ?? ""))
                }
            }
            bus.publish(EC2Event(instanceID: id, kind: .tagsChanged))
        }
        return [:]
    }

    func deleteTagsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("Resources") ?? []
        guard !ids.isEmpty else { throw .invalidParameterValue("The request must contain the parameter resourceIdSet") }
        let tags = try tagPairs(p, valueRequired: false)
        try checkExist(ids)
        for id in ids {
            guard let i = indexByID[id] else { continue }
            // No Tags deletes every tag; a tag without a value deletes the key whatever its value.
            instances[i].tags.removeAll { tag in
                tags.isEmpty || tags.contains { $0.key == tag.key && ($0.value == nil || $0.value == tag.value) }
            }
            bus.publish(EC2Event(instanceID: id, kind: .tagsChanged))
        }
        return [:]
    }

    private func tagPairs(_ p: Parameters, valueRequired: Bool) throws(AWSError) -> [(key: String, value: String?)] {
        var out: [(key: String, value: String?)] = []
        for tag in try p.objects("Tags") ?? [] {
            let key = try tag.requiredString("Key")
            let value = try tag.string("Value")
            out.append((key, valueRequired ? (value ?? "") : value))
        }
        return out
    }
}
