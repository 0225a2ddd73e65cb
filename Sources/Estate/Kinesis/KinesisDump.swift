/// The Kinesis part of the state dump: streams as `StreamDescription`s, producers and applications.
extension KinesisService {
    public func dump() -> JSONValue {
        [
            "Streams": .array(streams.map(dumpJSON)),
            "Producers": .array(producers.map(\.json)),
            "ConsumerApplications": .array(consumerApplications.map(\.json)),
        ]
    }

    /// A stream's `StreamDescription`, with its tags (in key order) when it has any.
    private func dumpJSON(_ stream: KinesisStream) -> JSONValue {
        let description = KinesisJSON.description(stream, shards: stream.listedShards, hasMore: false)
        guard !stream.tags.isEmpty, case let .object(pairs) = description else { return description }
        return .object(pairs + [("Tags", .array(stream.tags.keys.sorted().map { ["Key": .string($0), "Value": .string(stream.tags[$0]!)] }))])
    }
}
