@testable import Estate
import Testing

/// The simulator's verbs parse like every other command, and one table drives parsing,
/// completion and help.
@Suite struct SimVerbTableTests {
    let parser = CommandParser(operations: [])

    func parse(_ line: String) throws -> Command? { try parser.parse(line) }

    func error(_ line: String) -> CommandError? {
        do { _ = try parser.parse(line); return nil } catch { return error }
    }

    @Test func optionsTakeTheirValueAfterAnEqualsSignOrAsTheNextWord() throws {
        let spaced = try parse("sim producer start p --stream s --rate 5 --keys 10 --hot-key-share 0.5 --template orders")
        let joined = try parse("sim producer start p --stream=s --rate=5 --keys=10 --hot-key-share=0.5 --template=orders")
        #expect(spaced == joined)
        guard case let .sim(.kinesis(.startProducer(settings)))? = joined else { Issue.record("not a producer start"); return }
        #expect(settings.streamName == "s" && settings.recordsPerSecond == 5 && settings.template == .orders)
        #expect(settings.keys == KeyDistribution(keyCount: 10, hotKeyShare: 0.5))
        #expect(try parse("sim consumer start app --stream=s --workers=3 --initial-position=latest")
                == .sim(.kinesis(.startConsumer(name: "app", stream: "s", workers: 3, initialPosition: "LATEST"))))
    }

    @Test func defaultsComeFromTheTable() throws {
        guard case let .sim(.kinesis(.startProducer(settings)))? = try parse("sim producer start p --stream s") else {
            Issue.record("not a producer start"); return
        }
        let spec = try #require(SimVerbTable.spec(["producer", "start"]))
        #expect(settings.recordsPerSecond == Double(spec.option("--rate")!.defaultValue!))
        #expect(settings.keys.keyCount == Int(spec.option("--keys")!.defaultValue!))
        #expect(settings.template.rawValue == spec.option("--template")!.defaultValue)
    }

    @Test func aRepeatedOptionIsAnError() throws {
        let line = "sim producer start p --stream s --rate 5 --rate=6"
        let e = try #require(error(line))
        #expect(e.message.contains("given twice"))
        #expect(e.token == "--rate")
        #expect(e.column == line.range(of: "--rate=6").map { line.distance(from: line.startIndex, to: $0.lowerBound) })
    }

    @Test func theFirstUnknownOptionInTheLineIsNamed() throws {
        let unknown = ["--zeta", "--alpha", "--mu", "--beta", "--omega", "--gamma", "--kappa", "--delta"]
        let line = "sim producer start p --stream s " + unknown.map { "\($0) 1" }.joined(separator: " ")
        // With eight unknown options, naming the first by luck of hashing would be rare.
        let e = try #require(error(line))
        #expect(e.token == "--zeta", "\(e.message)")
        #expect(e.message.contains("Unknown option '--zeta'"))
    }

    @Test func theFirstBadWordInTheLineIsNamed() throws {
        // A bad value before an unknown option: the bad value is reported.
        let e = try #require(error("sim consumer start app --stream s --workers many --colour red"))
        #expect(e.token == "many")
        let late = try #require(error("sim consumer start app --colour red --workers many"))
        #expect(late.token == "--colour")
    }

    @Test(arguments: [
        ("sim producer start p", "--stream"),
        ("sim producer start --stream s", "producer name"),
        ("sim producer stop", "producer name"),
        ("sim consumer kill-worker app", "worker id"),
        ("sim producer start p --stream", "needs a value"),
        ("sim producer start p --stream s --keys 1.5", "whole number"),
        ("sim producer start p --stream s --hot-key-share 2", "from 0 to 1"),
        ("sim producer start p --stream s --template poems", "clickstream or orders"),
        ("sim producer list extra", "takes no value"),
        ("sim producer strat", "did you mean 'start'"),
        ("sim consumr list", "did you mean 'consumer'"),
    ] as [(String, String)])
    func badLinesSayWhatIsWrong(line: String, fragment: String) throws {
        let e = try #require(error(line))
        #expect(e.message.contains(fragment), "\(e.message)")
    }

    /// Every verb in the table parses from its own usage (required values filled in), and help
    /// lists it: the parser and the help read the same entries.
    @Test func everyVerbInTheTableParsesAndHasHelp() throws {
        func sample(_ kind: SimValueKind) -> String {
            switch kind {
            case .text: return "x"
            case .duration: return "90s"
            case let .number(range, _): return SimValueKind.trim(range.upperBound)
            case let .wholeNumber(range): return String(range.lowerBound)
            case let .choice(values): return values[0]
            }
        }
        for spec in SimVerbTable.all {
            var words = ["sim"] + spec.words
            for argument in spec.arguments { words.append(sample(argument.kind)) }
            for option in spec.options where option.required { words += [option.name, "x"] }
            #expect(throws: Never.self, "\(words)") { try parser.parse(words.joined(separator: " ")) }
            #expect(SimVerbTable.helpLines.contains { $0.hasPrefix(spec.usage) })
            #expect(SimCommand.verbs.contains(spec.words[0]))
        }
    }

    @Test func simHelpListsEveryVerbFromTheTable() throws {
        let estate = Fixtures.emptyEstate()
        let verbs = Fixtures.run(estate, "sim help")[0]["Verbs"]?.arrayValue ?? []
        let lines = verbs.compactMap(\.stringValue)
        #expect(lines.count == SimVerbTable.all.count)
        for spec in SimVerbTable.all { #expect(lines.contains { $0.hasPrefix(spec.usage) }, "\(spec.usage)") }
        #expect(lines.contains { $0.contains("--rate RATE (default 100)") })
    }

    @Test func completionReadsTheTable() {
        #expect(SimVerbTable.completions(after: [], current: "") == SimVerbTable.verbs)
        #expect(SimVerbTable.completions(after: ["producer"], current: "st") == ["start", "stop"])
        #expect(SimVerbTable.completions(after: ["producer", "start", "p", "--stream", "s"], current: "--r") == ["--rate"])
        #expect(SimVerbTable.completions(after: ["producer", "start", "p", "--template"], current: "o") == ["orders"])
        #expect(SimVerbTable.completions(after: ["consumer", "start", "a", "--stream"], current: "cl", values: ["--stream": ["clickstream"]]) == ["clickstream"])
        let offered = SimVerbTable.completions(after: ["consumer", "start", "a"], current: "--")
        #expect(offered == SimVerbTable.spec(["consumer", "start"])!.options.map(\.name))
        // What completion offers, the parser accepts.
        for option in offered { #expect(error("sim consumer start a --stream s \(option == "--stream" ? "" : "\(option) 2")")?.message.contains("Unknown option") != true) }
    }
}
