@testable import Estate

/// An estate with one ACTIVE stream, for Kinesis tests.
func activeStream(_ name: String = "s", shards: Int, seed: UInt64 = 7) throws -> (Estate, KinesisStream) {
    let estate = Estate(seed: seed)
    let stream = try estate.kinesis.createStream(name: name, shardCount: shards)
    estate.advance(by: .seconds(30))
    guard stream.status == .active else { throw AWSError("Test", "stream not active") }
    return (estate, stream)
}

extension Estate {
    /// Runs one command line through the command language, as `cloudtop run` does.
    func run(_ line: String) -> Result<JSONValue, AWSError> {
        CommandRunner(estate: self).run(line)!.result
    }

    func ok(_ line: String) throws -> JSONValue {
        try run(line).get()
    }

    func errorCode(_ line: String) -> String? {
        if case let .failure(e) = run(line) { return e.code }
        return nil
    }
}

func errorCode<T>(_ body: () throws(AWSError) -> T) -> String? {
    do { _ = try body(); return nil } catch { return error.code }
}
