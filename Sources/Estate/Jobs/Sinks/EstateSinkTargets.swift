import GRDB

/// The rolling-object sink writing into the estate's S3: each committed part is an S3 object
/// (`s3api list-objects-v2` and Spectrum see it). A bucket that does not exist yet is created on
/// the first part, as the application's deployment would have provisioned it. The Jobs service
/// keeps its own list too, for its dump.
final class S3ObjectTarget: ObjectSinkTarget {
    private unowned let s3: S3Service
    private let listing: JobObjectStore

    init(s3: S3Service, listing: JobObjectStore) {
        self.s3 = s3
        self.listing = listing
    }

    func putObject(bucket: String, key: String, body: String, at now: SimInstant) {
        if s3.bucket(bucket) == nil { try? s3.createBucket(bucket) }
        _ = try? s3.putObject(bucket: bucket, key: key, body: Array(body.utf8), contentType: "application/x-ndjson")
        listing.putObject(bucket: bucket, key: key, body: body, at: now)
    }
}

/// The table sink writing into a warehouse table: rows go, in one transaction per checkpoint,
/// into the first cluster (by identifier) that has a table of that name, their keys matched to
/// columns as `COPY … FORMAT JSON 'auto'` matches them. Without such a table the rows stay in
/// the Jobs service's own table store, so a job never loses output for want of a cluster.
final class WarehouseTableTarget: TableSinkTarget {
    private unowned let warehouse: WarehouseService
    private let fallback: JobTableStore
    /// Rows the warehouse refused (a value that does not fit its column).
    private(set) var rejected = 0

    init(warehouse: WarehouseService, fallback: JobTableStore) {
        self.warehouse = warehouse
        self.fallback = fallback
    }

    func insert(table: String, rows: [JSONValue], at now: SimInstant) {
        let name = table.lowercased()
        guard let cluster = warehouse.clusters.first(where: { $0.database.tables[name] != nil }),
              let state = cluster.database.tables[name] else {
            fallback.insert(table: table, rows: rows, at: now)
            return
        }
        let columns = state.definition.columns.filter { $0.identity == nil }
        var options = WarehouseDatabase.TransferOptions()
        options.format = "JSON"
        var values: [[DatabaseValue]] = []
        for row in rows {
            switch LoadRowParser.parse(row.serialized(), columns: columns, options: options) {
            case let .success(v): values.append(v)
            case .failure: rejected += 1
            }
        }
        cluster.database.session.now = now
        do {
            try cluster.database.bulkLoad(table: name, columns: columns.map(\.name), rows: values)
        } catch {
            rejected += values.count
        }
    }
}
