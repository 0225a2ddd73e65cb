import Foundation
import Testing
@testable import Estate

/// `stacks:` in estate.yaml deploys templates from Config/stacks when the estate is first built;
/// the default estate lists its own (see DefaultEstateStacksTests).
struct StacksAtStartTests {
    static let stacksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config/stacks")

    @Test func embeddedTemplatesMatchConfigStacks() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.stacksFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.map { String($0.dropLast(5)) } == DefaultStacks.files.keys.sorted())
        for name in names {
            let text = try String(contentsOf: Self.stacksFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(DefaultStacks.files[String(name.dropLast(5))] == text, "run python3 scripts/embed_config.py")
        }
    }

    @Test func listedTemplatesFormDuringTheWarmup() throws {
        let estate = try EstateBuilder.build(yaml: "name: formed\nwarmup: 2m\nstacks:\n  - streams\n", file: "estate.yaml")
        let stack = try #require(estate.stacks.stack("streams"))
        #expect(stack.status == StackStatus.createComplete)
        // Created at time zero, through the same CreateStack the command language runs.
        #expect(stack.creationTime == .zero)
        #expect(estate.kinesis.stream(named: "clickstream")?.status == .active)
        #expect(estate.kinesis.stream(named: "orders")?.retentionHours == 48)
        #expect(estate.stacks.stacks.map(\.stackName) == ["streams"])
    }

    /// What a user would list to watch the whole estate form: every template completes within
    /// five virtual minutes, side by side in one estate.
    @Test func everyConfigTemplateFormsAtFirstStart() throws {
        let names = DefaultStacks.files.keys.sorted()
        let yaml = "name: all\nwarmup: 5m\nstacks:\n" + names.map { "  - \($0)\n" }.joined()
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml")
        #expect(estate.stacks.stacks.map(\.stackName) == names)
        for stack in estate.stacks.stacks {
            #expect(stack.status == StackStatus.createComplete, "\(stack.stackName): \(stack.status) \(stack.statusReason ?? "")")
        }
        // edge.yaml's distribution and website.yaml's.
        #expect(estate.edge.distributions.count == 2 && estate.warehouse.clusters.count == 1 && estate.jobs.applications.count == 1)
        #expect(estate.edge.distributions.allSatisfy { $0.status == "Deployed" })
    }

    @Test func anUnknownTemplateIsAnErrorAtItsLine() {
        #expect(throws: ConfigError(file: "estate.yaml", line: 3,
                                    message: "no template stacks/strems.yaml (templates: edge, fleet, seed-pipeline, streams, warehouse, web-fleet, website) (did you mean 'streams'?)")) {
            _ = try EstateConfig.parse("name: x\nstacks:\n  - strems\n", file: "estate.yaml")
        }
    }

    @Test func aTemplateListedTwiceIsAnError() throws {
        do {
            _ = try EstateConfig.parse("stacks: [streams, streams]\n", file: "estate.yaml")
            Issue.record("accepted a template listed twice")
        } catch {
            #expect(error.message == "stack 'streams' is listed twice")
        }
    }

    /// A job entry may leave its job READY (`start: false`); a misspelt key or a value other
    /// than true/false is an error at its line.
    @Test func aJobEntryCanLeaveItsJobReady() throws {
        let config = try EstateConfig.parse("jobs:\n  - edge-status\n  - { name: sessionizer, start: false }\n", file: "estate.yaml")
        #expect(config.jobs.map(\.name) == ["edge-status", "sessionizer"])
        #expect(config.jobs.map(\.start) == [true, false])
        do {
            _ = try EstateConfig.parse("jobs:\n  - edge-status\n  - { name: sessionizer, strat: false }\n", file: "estate.yaml")
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("unknown key 'strat'") && error.message.contains("did you mean 'start'"))
        }
        do {
            _ = try EstateConfig.parse("jobs:\n  - { name: sessionizer, start: later }\n", file: "estate.yaml")
            Issue.record("accepted start: later")
        } catch {
            #expect(error.line == 2)
            #expect(error.message == "start must be true or false, not 'later'")
        }
    }
}
