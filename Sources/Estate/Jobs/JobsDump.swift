/// The Jobs part of the state dump: each application as DescribeApplication shows it, plus its
/// run (positions, watermark, checkpoint, late records, savepoints) and what the in-service sinks hold.
extension JobsService {
    public func dump() -> JSONValue {
        let now = scheduler.now
        return [
            "Applications": .array(applications.map { app in
                var run: [(String, JSONValue)] = [
                    ("Restarts", .int(Int64(app.restarts))),
                    ("Savepoints", .array(app.snapshots.map { .string($0.name) })),
                ]
                if app.runtime != nil {
                    run.append(("RecordsRead", .int(Int64(app.recordsRead))))
                    run.append(("Watermark", app.watermark.map { .string(SimCalendar.iso8601($0)) } ?? .null))
                    run.append(("MillisBehindLatest", .int(app.millisBehindLatest)))
                    run.append(("BufferedRecords", .int(Int64(app.bufferedRecords))))
                    run.append(("LastCheckpointId", app.lastCheckpoint(now: now).map { .int(Int64($0.id)) } ?? .null))
                    run.append(("LateRecords", .object(app.lateRecordCounts.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })))
                    run.append(("Shards", .array(app.shardPositions.map {
                        ["ShardId": .string($0.shardID), "SequenceNumber": $0.sequenceNumber.map(JSONValue.string) ?? .null, "Finished": .bool($0.finished)]
                    })))
                }
                guard case var .object(pairs) = detail(app) else { return .null }
                pairs.append(("Run", .object(run)))
                return .object(pairs)
            }),
            "Objects": .array(objectStore.objects.sorted { ($0.bucket, $0.key) < ($1.bucket, $1.key) }.map {
                ["Bucket": .string($0.bucket), "Key": .string($0.key), "Size": .int(Int64($0.size))]
            }),
            "Tables": .object(tableStore.tables.keys.sorted().map { ($0, ["RowCount": .int(Int64(tableStore.rows(of: $0).count))]) }),
        ]
    }
}
