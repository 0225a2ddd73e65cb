/// The Kinesis part of the state dump: streams as `StreamDescription`s, producers and applications.
extension KinesisService {
    public func dump() -> JSONValue {
        [
            "Streams": .array(streams.map { KinesisJSON.description($0, shards: $0.listedShards, hasMore: false) }),
            "Producers": .array(producers.map(\.json)),
            "ConsumerApplications": .array(consumerApplications.map(\.json)),
        ]
    }
}
