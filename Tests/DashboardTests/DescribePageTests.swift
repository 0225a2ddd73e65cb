@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// `d` and `y` on any selected row: a readable page and the AWS JSON, searchable, Esc closes.
@Suite struct DescribePageTests {
    typealias F = DashboardFixtures

    static func page(_ d: Dashboard) -> DescribePage? {
        if case let .page(p) = d.state.overlay { return p }
        return nil
    }

    /// The reply the AWS CLI line gives, four-space indented as the AWS CLI prints JSON.
    static func cliReply(_ d: Dashboard, _ line: String) -> [String] {
        CommandRunner(estate: d.estate, readOnly: true).run(line)!.json.pretty(indent: 4)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func anInstanceDescribedThenAsJSONThenClosed() throws {
        let d = F.dashboard()
        F.press(d, .character("2"), .down, .character("d"))
        let id = try #require(F.ec2(d).selectedInstance?.instanceID)
        let page = try #require(Self.page(d))
        #expect(page.inspection.kind == "Instance" && page.inspection.id == id)
        #expect(page.inspection.command == "ec2 describe-instances --instance-ids \(id)")
        let text = F.text(d)
        #expect(text.contains("Instance \(id) — describe"))
        // The description starts inside the reservation's one instance, names aligned.
        #expect(page.describeLines.contains { $0.hasPrefix("InstanceId:") && $0.hasSuffix(" " + id) })
        #expect(page.describeLines.contains { $0.hasPrefix("State:") })
        F.press(d, .character("y"))
        let json = try #require(Self.page(d))
        #expect(json.mode == .json)
        #expect(json.jsonLines == Self.cliReply(d, "ec2 describe-instances --instance-ids \(id)"))
        #expect(json.jsonLines.prefix(2) == ["{", "    \"Reservations\": ["])
        #expect(F.text(d).contains("    \"Reservations\": ["))
        F.press(d, .escape)
        guard case .none = d.state.overlay else { Issue.record("Esc left the page open"); return }
    }

    /// Each view's row, and the AWS field that names it in the reply.
    static let rows: [(keys: [Key], kind: String, field: @Sendable (JSONValue) -> String?)] = [
        ([.character("2"), .down, .enter], "Instance", { $0["Reservations"]?.arrayValue?.first?["Instances"]?.arrayValue?.first?["InstanceId"]?.stringValue }),
        ([.character("3"), .down], "Stream", { $0["StreamDescription"]?["StreamName"]?.stringValue }),
        ([.character("3"), .enter, .down, .down], "Shard", { $0["Shards"]?.arrayValue?.first?["ShardId"]?.stringValue }),
        ([.character("3"), .character("t")], "Stream", { $0["StreamDescription"]?["StreamName"]?.stringValue }),
        ([.character("4"), .left], "Cluster", { $0["Clusters"]?.arrayValue?.first?["ClusterIdentifier"]?.stringValue }),
        ([.character("4"), .down], "Table", { $0["TableName"]?.stringValue }),
        ([.character("4"), .character("e")] + "SELECT 1;".map { Key.character($0) } + [.enter, .escape, .right], "Statement", { $0["Id"]?.stringValue }),
        ([.character("5"), .up], "Distribution", { $0["Distribution"]?["DistributionConfig"]?["Comment"]?.stringValue ?? $0["Distribution"]?["Id"]?.stringValue }),
        ([.character("7"), .down], "Job", { $0["ApplicationDetail"]?["ApplicationName"]?.stringValue }),
        ([.character("8")], "Stack", { $0["Stacks"]?.arrayValue?.first?["StackName"]?.stringValue }),
        ([.character("8"), .enter, .down], "Resource", { $0["StackResources"]?.arrayValue?.first?["LogicalResourceId"]?.stringValue }),
    ]

    @Test(arguments: 0..<rows.count)
    func everyViewDescribesItsSelectedRow(row: Int) throws {
        let (keys, kind, field) = Self.rows[row]
        // The default estate runs no job and has no stack: those views get theirs.
        let d = keys.first == .character("7") ? JobsViewTests.dashboard() : keys.first == .character("8") ? try StacksViewTests.dashboardWithStack() : F.dashboard()
        // Two minutes: a stack's resources are created (DescribeStackResources lists only those started).
        d.estate.advance(by: .minutes(2))
        for key in keys { d.handle(.key(key)) }
        _ = F.screen(d)
        F.press(d, .character("y"))
        let page = try #require(Self.page(d), "no page for \(kind): \(d.state.message?.text ?? "")")
        #expect(page.inspection.kind == kind)
        let json = try JSONParser.parse(page.jsonLines.joined(separator: "\n"))
        #expect(json["__type"] == nil && json["Code"] == nil, "\(kind): \(page.jsonLines.prefix(3))")
        let named = try #require(field(json), "\(kind): the reply has no field naming it: \(page.jsonLines.prefix(8))")
        if kind == "Distribution" {
            // GetDistribution answers with the id; the row names the distribution.
            #expect(!named.isEmpty)
        } else {
            #expect(named == page.inspection.id, "\(kind)")
        }
        F.press(d, .character("d"))
        #expect(Self.page(d)?.mode == .describe)
        #expect(F.text(d).contains("\(kind) \(page.inspection.id) — describe"))
    }

    @Test func searchLightsMatchesAndMovesBetweenThem() throws {
        let d = F.dashboard()
        F.press(d, .character("2"), .down, .character("y"))
        F.press(d, .character("/"))
        F.type(d, "name")
        F.press(d, .enter)
        let page = try #require(Self.page(d))
        let expected = page.jsonLines.indices.filter { page.jsonLines[$0].lowercased().contains("name") }
        #expect(expected.count >= 3)
        #expect(page.matches == expected)
        _ = F.screen(d, width: 120, height: 12)
        #expect(Self.page(d)!.top == expected[0])
        F.press(d, .character("n"))
        _ = F.screen(d, width: 120, height: 12)
        #expect(Self.page(d)!.top == expected[1])
        F.press(d, .character("N"))
        _ = F.screen(d, width: 120, height: 12)
        #expect(Self.page(d)!.top == expected[0])
        // The match is drawn in the selection's style.
        d.arrange(for: Size(width: 120, height: 12))
        var buffer = Buffer(width: 120, height: 12)
        d.render(into: &buffer)
        let row = buffer.lines.firstIndex { $0.contains(page.jsonLines[expected[0]].trimmingCharacters(in: .whitespaces)) }!
        let column = Array(buffer.lines[row]).firstIndex { $0 == "N" || $0 == "n" }!
        let lit = (column..<120).contains { buffer[$0, row].style == d.theme["selection"] }
        #expect(lit, "a match is lit on row \(row): \(buffer.lines[row])")
    }

    @Test func inTheStacksViewDDescribesAndNDeploys() throws {
        let d = try StacksViewTests.dashboardWithStack()
        F.press(d, .character("8"), .character("d"))
        #expect(Self.page(d)?.inspection.kind == "Stack")
        F.press(d, .escape, .character("n"))
        guard case .prompt = d.state.overlay else { Issue.record("n opened no deploy prompt"); return }
    }

    @Test func nothingToDescribeSaysSo() {
        let d = F.dashboard()
        F.press(d, .character("d"))
        guard case .none = d.state.overlay else { Issue.record("the Overview opened a page"); return }
        #expect(d.state.message?.text == "Nothing selected to describe here.")
    }

    @Test func helpListsTheNewKeysAndTheKeymapHasNoConflicts() {
        #expect(Keymap.defaults.conflicts().isEmpty)
        #expect(Keymap.defaults.namedConflicts().isEmpty)
        let d = F.dashboard()
        F.press(d, .character("?"))
        let text = F.text(d, width: 200, height: 80)
        for action in [Action.describe, .json, .copy, .save, .nextMatch, .previousMatch, .wrap, .timestamps, .prettyJSON, .clearTail] {
            #expect(text.contains(action.help), "help lacks \(action.rawValue)")
        }
    }

    /// The readable form, by hand: wrappers dropped, names aligned, tags as Key=Value.
    @Test func descriptionTextByHand() throws {
        let json = try JSONParser.parse(#"{"Things":[{"Id":"x-1","LongerName":2,"Tags":[{"Key":"Name","Value":"web"}],"Empty":[],"Sub":{"A":null}}]}"#)
        #expect(DescribeText.lines(json) == [
            "Id:          x-1",
            "LongerName:  2",
            "Tags:",
            "  Name=web",
            "Empty:       []",
            "Sub:",
            "  A:  <none>",
        ])
    }
}
