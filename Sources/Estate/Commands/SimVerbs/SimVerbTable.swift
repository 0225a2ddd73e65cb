/// Every simulator verb, in one list: the parser, the palette's completion, help and validation
/// all read it. Adding a verb is one `SimVerbSpec` here (or in its service's list) plus the code
/// that runs its `SimCommand`.
public enum SimVerbTable {
    public static let all: [SimVerbSpec] = clockVerbs + KinesisSimVerb.specs + JobSimVerb.specs
        + WarehouseSimVerb.specs

    /// The clock: `sim advance 90s`, `sim speed 10`, `sim pause`, `sim resume`.
    static let clockVerbs: [SimVerbSpec] = [
        SimVerbSpec(["advance"], arguments: [SimArgumentSpec("DURATION", .duration, missing: "one duration, e.g. 90s, 5m, 1h30m")],
                    help: "advance virtual time") { a throws(CommandError) in .advance(a.duration(at: 0)) },
        SimVerbSpec(["speed"], arguments: [SimArgumentSpec("SPEED", .number(SimSpeed.minimum...SimSpeed.maximum, allowsTimesSuffix: true),
                                                           missing: "one factor, e.g. 10")],
                    help: "virtual seconds per wall-clock second") { a throws(CommandError) in .speed(a.number(at: 0)) },
        SimVerbSpec(["pause"], help: "stop the clock") { _ throws(CommandError) in .pause },
        SimVerbSpec(["resume"], help: "start the clock again") { _ throws(CommandError) in .resume },
        SimVerbSpec(["help"], help: "list the simulator's verbs with their options and defaults") { _ throws(CommandError) in .help },
    ]

    /// The first words after `sim`, in table order.
    public static let verbs: [String] = {
        var seen: [String] = []
        for spec in all where !seen.contains(spec.words[0]) { seen.append(spec.words[0]) }
        return seen
    }()

    /// The second words of a two-word verb (`start`, `stop`, … after `producer`).
    public static func actions(of noun: String) -> [String] {
        all.filter { $0.words.count == 2 && $0.words[0] == noun }.map { $0.words[1] }
    }

    public static func spec(_ words: [String]) -> SimVerbSpec? {
        all.first { $0.words == Array(words.prefix($0.words.count)) }
    }

    /// One line per verb: its usage and what it does.
    public static var helpLines: [String] { all.map { "\($0.usage)  — \($0.help)" } }
}
