/// How big each benchmark runs: the issues' sizes for figures people read, or `--quick` sizes
/// that put the whole table on screen in seconds (for a test of the table, not for figures).
struct BenchSizes {
    var runs = 5
    var instances = 10_000
    var frames = 200
    var records = 5_000_000
    var readRecords = 2_000_000
    var tailFrames = 100
    var edgeRequests = 20_000
    var jobRecords = 100_000
    var documents = 20_000
    var queries = 200
    var orders = 100_000
    var customers = 5_000
    var copyRows = 100_000
    var loaderSeconds: Int64 = 600
    var estateCostSeconds: Int64 = 3600
    var advanceMinutes = 24 * 60
    var pipelineSeconds = 60
    var recordMemoryRecords = 1_000_000
    var tuiSeconds = 20.0
    var tuiSettle = 2.0
    var wireRequests = 2_000
    var wireSeconds = 10.0

    static let quick = BenchSizes(
        runs: 1, instances: 200, frames: 10, records: 40_000, readRecords: 20_000, tailFrames: 5, edgeRequests: 400,
        jobRecords: 2_000, documents: 500, queries: 10, orders: 2_000, customers: 200, copyRows: 1_000, loaderSeconds: 60,
        estateCostSeconds: 10, advanceMinutes: 1, pipelineSeconds: 1, recordMemoryRecords: 8_000, tuiSeconds: 0.5, tuiSettle: 0.3,
        wireRequests: 50, wireSeconds: 1)
}
