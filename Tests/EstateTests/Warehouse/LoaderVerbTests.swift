@testable import Estate
import Testing

/// `sim loader start|stop|list`: a user's own Firehose-style loader, through the one table of sim
/// verbs, with errors that change nothing.
@Suite struct LoaderVerbTests {
    /// A stream fed at 20 records a second and a cluster with no loader and no tables.
    static let yaml = loaderEstateYAML(name: "loaders")

    static func estate() throws -> (Estate, CommandRunner) {
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 5)
        estate.advance(by: .minutes(2))
        let runner = CommandRunner(estate: estate)
        let create = runner.run("sql \"CREATE TABLE mine (order_id VARCHAR(20), customer_id VARCHAR(20), total DECIMAL(10,2), ts TIMESTAMP)\"")
        #expect(create?.isFailure == false)
        return (estate, runner)
    }

    static func rows(_ estate: Estate) -> Int { estate.warehouse.cluster("lab")!.database.tables["mine"]!.totalRows }

    @Test func startedLoaderDeliversEachBufferIntervalAndStopsWithItsBuffer() throws {
        let (estate, runner) = try Self.estate()
        #expect(estate.warehouse.loaders.isEmpty)
        let started = try #require(runner.run("sim loader start mine-loader --stream orders --table MINE --buffer-interval 60s"))
        #expect(!started.isFailure, "\(started.json)")
        #expect(started.json["LoaderName"] == "mine-loader" && started.json["Table"] == "mine" && started.json["ClusterIdentifier"] == "lab")
        #expect(started.json["BufferIntervalSeconds"] == 60 && started.json["Running"] == true)
        estate.advance(by: .seconds(59))
        #expect(Self.rows(estate) == 0, "Firehose delivers once the 60 s buffer interval is over")
        estate.advance(by: .seconds(2))
        // 20 records a second for 60 s, give or take the second the flush shares with the producer.
        #expect((1_180...1_220).contains(Self.rows(estate)), "\(Self.rows(estate))")
        estate.advance(by: .seconds(20))
        let beforeStop = Self.rows(estate)
        let listed = try #require(runner.run("sim loader list"))
        guard case let .array(loaders)? = listed.json["Loaders"] else { Issue.record("no list: \(listed.json)"); return }
        #expect(loaders.count == 1 && loaders[0]["LoaderName"] == "mine-loader")
        // Stopping delivers the ~20 s still buffered, then nothing more arrives.
        let stopped = try #require(runner.run("sim loader stop mine-loader"))
        #expect(stopped.json["Running"] == false)
        let afterStop = Self.rows(estate)
        #expect(afterStop >= beforeStop + 380, "the buffer of about 20 s at 20/s was delivered: \(beforeStop) → \(afterStop)")
        estate.advance(by: .seconds(120))
        #expect(Self.rows(estate) == afterStop)
        let again = try #require(runner.run("sim loader stop mine-loader"))
        #expect(again.result.failureCode == "ResourceNotFoundException")
    }

    /// Each bad line is refused with the word that is wrong, and no loader starts.
    @Test(arguments: [
        ("sim loader start x --stream nope --table mine", "ResourceNotFoundException", "nope"),
        ("sim loader start x --stream orders --table nope", "InvalidParameterValue", "nope"),
        ("sim loader start x --stream orders --table mine --cluster other", "ClusterNotFound", "other"),
        ("sim loader start x --table mine", "ParamValidation", "--stream"),
        ("sim loader start x --stream orders --table mine --buffer-interval 30s", "ParamValidation", "60s to 900s"),
        ("sim loader start x --stream orders --table mine --buffer-interval 1000s", "ParamValidation", "60s to 900s"),
        ("sim loader start x --stream orders --table mine --sample-one-in 0", "ParamValidation", "--sample-one-in"),
        ("sim loader start x --stream orders --table mine --bufer-records 5", "ParamValidation", "--buffer-records"),
        ("sim loader begin x", "ParamValidation", "start"),
    ] as [(String, String, String)])
    func badLinesChangeNothing(line: String, code: String, mentions: String) throws {
        let (estate, runner) = try Self.estate()
        let outcome = try #require(runner.run(line))
        #expect(outcome.result.failureCode == code, "\(outcome.json)")
        #expect(outcome.result.failureMessage.contains(mentions), "\(outcome.json)")
        #expect(estate.warehouse.loaders.isEmpty)
    }

    @Test func aSecondRunningLoaderOfTheSameNameIsRefused() throws {
        let (estate, runner) = try Self.estate()
        #expect(runner.run("sim loader start a --stream orders --table mine")?.isFailure == false)
        let second = try #require(runner.run("sim loader start a --stream orders --table mine"))
        #expect(second.result.failureCode == "ResourceInUseException")
        #expect(estate.warehouse.loaders.count == 1)
    }

    @Test func readOnlyListsButDoesNotStart() throws {
        let (estate, _) = try Self.estate()
        let runner = CommandRunner(estate: estate, readOnly: true)
        #expect(runner.run("sim loader list")?.isFailure == false)
        #expect(runner.run("sim loader start a --stream orders --table mine")?.result.failureCode == "ReadOnlyMode")
        #expect(estate.warehouse.loaders.isEmpty)
    }

    /// The table of verbs is what help and completion read.
    @Test func helpAndCompletionComeFromTheTable() {
        #expect(SimVerbTable.verbs.contains("loader"))
        #expect(SimVerbTable.actions(of: "loader") == ["start", "stop", "list"])
        #expect(SimVerbTable.helpLines.contains { $0.hasPrefix("sim loader start NAME --stream STREAM --table TABLE [--cluster CLUSTER]") })
        let options = SimVerbTable.completions(after: ["loader", "start", "x"], current: "--b")
        #expect(options == ["--buffer-interval", "--buffer-records"])
        let tables = SimVerbTable.completions(after: ["loader", "start", "x", "--table"], current: "o", values: ["--table": ["orders", "clicks"]])
        #expect(tables == ["orders"])
    }
}

extension Result where Success == JSONValue, Failure == AWSError {
    var failureCode: String? {
        if case let .failure(e) = self { return e.code }
        return nil
    }

    var failureMessage: String {
        if case let .failure(e) = self { return e.message }
        return ""
    }
}
