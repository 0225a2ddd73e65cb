@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// The Stacks view: stacks with their status, one stack's tree forming live, its events newest
/// first, outputs and parameters, drift marked, and deploying a template file from a prompt.
@Suite struct StacksViewTests {
    typealias F = DashboardFixtures

    /// A stream and two instances that wait for it, so the tree has depth and forms in steps.
    static let template = """
    Description: a stream and the two servers that write to it
    Parameters:
      Size:
        Type: String
        Default: c4.large
    Resources:
      Feed:
        Type: AWS::Kinesis::Stream
        Properties: {Name: feed, ShardCount: 1}
      WriterA:
        Type: AWS::EC2::Instance
        Properties:
          InstanceType: !Ref Size
          Tags: [{Key: Stream, Value: !Ref Feed}]
      WriterB:
        Type: AWS::EC2::Instance
        Properties:
          InstanceType: !Ref Size
          Tags: [{Key: StreamArn, Value: !GetAtt Feed.Arn}]
    Outputs:
      FeedArn:
        Value: !GetAtt Feed.Arn
        Export: {Name: feed-arn}
    """

    /// The default estate, without its own stacks, with this stack created just now.
    static func dashboardWithStack() throws -> Dashboard {
        let d = F.dashboard(defaultStacks: false)
        try d.estate.stacks.createStack(name: "writers", body: template)
        return d
    }

    static func view(_ d: Dashboard) -> StacksView { d.focused(StacksView.self)! }

    @Test func keyEightAndTheScreenNameOpenTheView() throws {
        #expect(ViewRegistry.named("stacks") == .stacks)
        let d = try Self.dashboardWithStack()
        F.press(d, .character("8"))
        #expect(d.state.view == .stacks)
        #expect(F.screen(d)[1].contains("8 Stacks"))
    }

    @Test func listShowsEachStackWithItsStatusColouredByState() throws {
        let d = try Self.dashboardWithStack()
        F.press(d, .character("8"))
        d.estate.advance(by: .seconds(2))
        let forming = F.text(d)
        #expect(forming.contains("writers") && forming.contains("CREATE_IN_PROGRESS"))
        d.estate.advance(by: .minutes(2))
        Golden.check(F.screen(d), name: "stacks-120x40")
        Golden.check(F.screen(d, width: 80, height: 24), name: "stacks-80x24")
        // Statuses are drawn in the theme's colour for their state (the events, where no
        // selection covers them, show it plainly).
        F.press(d, .enter)
        let lines = F.screen(d)
        let row = try #require(lines.lastIndex { $0.contains("writers") && $0.contains("CREATE_COMPLETE") })
        let column = try #require(lines[row].range(of: "CREATE_COMPLETE")).lowerBound.utf16Offset(in: lines[row])
        d.arrange(for: Size(width: 120, height: 40))
        var buffer = Buffer(width: 120, height: 40)
        d.render(into: &buffer)
        #expect(buffer[column, row].style.foreground == d.theme["ok"].foreground)
        #expect(d.theme["ok"].foreground != d.theme["warning"].foreground)
        #expect(StacksModel.role("ROLLBACK_COMPLETE") == "error")
        #expect(StacksModel.role("CREATE_IN_PROGRESS") == "warning")
        #expect(StacksModel.role("CREATE_COMPLETE") == "ok")
    }

    @Test func theTreeFillsInLiveInDependencyOrder() throws {
        let d = try Self.dashboardWithStack()
        F.press(d, .character("8"), .enter)
        #expect(Self.view(d).openStack == "writers")
        d.estate.advance(by: .seconds(1))
        let early = F.screen(d)
        // The stream is forming; the writers wait for it and are already in the tree as pending.
        let feed = try #require(early.firstIndex { $0.contains("Feed") && $0.contains("AWS::Kinesis::Stream") })
        let a = try #require(early.firstIndex { $0.contains("└─ WriterA") })
        let b = try #require(early.firstIndex { $0.contains("└─ WriterB") })
        #expect(feed < a && a < b)
        #expect(early[feed].contains("CREATE_IN_PROGRESS"))
        #expect(early[a].contains("PENDING") && early[b].contains("PENDING"))
        Golden.check(early, name: "stacks-forming-120x40")
        d.estate.advance(by: .minutes(2))
        let done = F.screen(d)
        #expect(done.first { $0.contains("└─ WriterA") }?.contains("CREATE_COMPLETE") == true)
        Golden.check(done, name: "stacks-detail-120x40")
        Golden.check(F.screen(d, width: 80, height: 24), name: "stacks-detail-80x24")
    }

    @Test func eventsAreNewestFirstWithOutputsAndParameters() throws {
        let d = try Self.dashboardWithStack()
        F.press(d, .character("8"), .enter)
        d.estate.advance(by: .minutes(2))
        let text = F.text(d, width: 200, height: 50)
        let detail = try #require(Self.view(d).detail)
        #expect(detail.events.first?.status == "CREATE_COMPLETE" && detail.events.first?.logicalID == "writers")
        #expect(zip(detail.events, detail.events.dropFirst()).allSatisfy { $0.timestamp >= $1.timestamp })
        let newest = try #require(text.range(of: "writers            CREATE_COMPLETE"))
        let oldest = try #require(text.range(of: "User Initiated", options: .backwards))
        #expect(newest.lowerBound < oldest.lowerBound)
        #expect(text.contains("FeedArn  ⇢ export feed-arn"))
        #expect(text.contains("    arn:aws:kinesis:us-east-1:123456789012:stream/feed"))
        #expect(text.contains("Size c4.large"))
    }

    @Test func driftIsMarkedWithExpectedAndActualValues() throws {
        let d = try Self.dashboardWithStack()
        d.estate.advance(by: .minutes(2))
        let id = try #require(d.estate.stacks.stack("writers")?.resource("WriterA")?.physicalID)
        F.press(d, .character("8"), .enter)
        _ = try d.estate.execute(OperationRequest(service: "ec2", operation: "StopInstances", parameters: ["InstanceIds": [.string(id)]])).get()
        d.estate.advance(by: .minutes(1))
        F.press(d, .character("D"))
        let lines = F.screen(d)
        let row = try #require(lines.firstIndex { $0.contains("└─ WriterA") })
        #expect(lines[row].contains("MODIFIED"))
        #expect(lines[row + 1].contains("≠ /State") && lines[row + 1].contains("expected running") && lines[row + 1].contains("actual stopped"))
        #expect(lines.first { $0.contains("└─ WriterB") }?.contains("IN_SYNC") == true)
        #expect(lines.contains { $0.contains("drift DRIFTED") })
        Golden.check(lines, name: "stacks-drift-120x40")
    }

    @Test func deletingAsksFirstThenDeletes() throws {
        let d = try Self.dashboardWithStack()
        d.estate.advance(by: .minutes(2))
        F.press(d, .character("8"), .character("X"))
        guard case let .confirm(c) = d.state.overlay else { Issue.record("no confirmation"); return }
        #expect(c.command == "cloudformation delete-stack --stack-name writers")
        F.press(d, .character("y"))
        #expect(d.estate.stacks.stack("writers")?.status == "DELETE_IN_PROGRESS")
    }

    // MARK: - Deploying from the view

    /// A folder with two templates, a note and a sub-folder, for completion.
    static func templateFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-stacks-view-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
        try template.write(to: folder.appendingPathComponent("writers-a.yaml"), atomically: true, encoding: .utf8)
        try "{}".write(to: folder.appendingPathComponent("other.json"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("writers-notes.txt"), atomically: true, encoding: .utf8)
        return folder.path
    }

    @Test func fileCompletionOffersFoldersAndTemplatesOnly() throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let extensions = [".yaml", ".yml", ".json", ".template"]
        #expect(FileCompletion.candidates(for: folder + "/", extensions: extensions) == [folder + "/more/", folder + "/other.json", folder + "/writers-a.yaml"])
        #expect(FileCompletion.candidates(for: folder + "/wr", extensions: extensions) == [folder + "/writers-a.yaml"])
        #expect(FileCompletion.candidates(for: folder + "/nothing", extensions: extensions).isEmpty)
        #expect(FileCompletion.candidates(for: "/no/such/folder/x", extensions: extensions).isEmpty)
    }

    @Test func thePaletteCompletesTemplateFilesToo() throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = F.dashboard(defaultStacks: false)
        let line = "cloudformation deploy --stack-name w --template-file " + folder + "/wr"
        #expect(d.completer().candidates(for: line) == ["cloudformation deploy --stack-name w --template-file " + folder + "/writers-a.yaml"])
    }

    @Test func stackNamesComeFromTheFileName() {
        #expect(PromptRequest.stackName(fromPath: "Config/stacks/web-fleet.yaml") == "web-fleet")
        #expect(PromptRequest.stackName(fromPath: "/tmp/my_pipeline.v2.json") == "my-pipeline-v2")
        #expect(PromptRequest.stackName(fromPath: "2024-report.yaml") == "report")
        #expect(PromptRequest.stackName(fromPath: "123.yaml") == "")
    }

    @Test func deployPromptCompletesAPathAndDeploysIt() throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = F.dashboard(defaultStacks: false)
        F.press(d, .character("8"), .character("n"))
        guard case .prompt = d.state.overlay else { Issue.record("d opened no prompt"); return }
        F.type(d, folder + "/wr")
        F.press(d, .tab)
        guard case let .prompt(p) = d.state.overlay else { Issue.record("the prompt closed"); return }
        #expect(p.input.text == folder + "/writers-a.yaml")
        #expect(F.text(d).contains("--stack-name writers-a"), "the prompt shows the command it will run")
        F.press(d, .enter)
        guard case .none = d.state.overlay else { Issue.record("the prompt stayed open: \(d.state.message?.text ?? "")"); return }
        #expect(d.estate.stacks.stack("writers-a")?.status == "CREATE_IN_PROGRESS")
        d.estate.advance(by: .minutes(2))
        #expect(d.estate.stacks.stack("writers-a")?.status == "CREATE_COMPLETE")
    }

    @Test func aMissingFileKeepsThePromptOpenWithTheReason() {
        let d = F.dashboard(defaultStacks: false)
        F.press(d, .character("8"), .character("n"))
        F.type(d, "/no/such/template.yaml")
        F.press(d, .enter)
        guard case let .prompt(p) = d.state.overlay else { Issue.record("the prompt closed"); return }
        #expect(p.error?.contains("No such file or directory") == true, "\(p.error ?? "nil")")
        #expect(d.estate.stacks.stacks.isEmpty)
        F.press(d, .escape)
        guard case .none = d.state.overlay else { Issue.record("Esc left the prompt open"); return }
    }

    @Test func promptScreen() throws {
        let d = F.dashboard(defaultStacks: false)
        F.press(d, .character("8"), .character("n"))
        F.type(d, "Config/stacks/web")
        Golden.check(F.screen(d), name: "stacks-prompt-120x40")
    }

    // MARK: - Overview, help, purity

    @Test func overviewHasAStacksTileOnceThereAreStacks() throws {
        #expect(!F.text(F.dashboard(defaultStacks: false)).contains("Stacks ─"), "no stacks, no tile")
        let d = try Self.dashboardWithStack()
        d.estate.advance(by: .minutes(2))
        let text = F.text(d)
        #expect(text.contains("Stacks"))
        #expect(text.split(separator: "\n").contains { $0.contains("writers") && $0.contains("CREATE_COMPLETE") && $0.contains("3/3 resources") })
    }

    @Test func helpListsTheStacksKeys() {
        let d = F.dashboard(defaultStacks: false)
        F.press(d, .character("?"))
        let text = F.text(d, width: 200, height: 60)
        #expect(text.contains("deploy a template file"))
        #expect(text.contains("detect drift of the stack"))
        #expect(text.contains("delete the stack (asks y/n)"))
        #expect(text.contains("Stacks"))
    }

    @Test(arguments: ["list", "forming", "detail", "drift", "prompt"])
    func renderingAStackScreenTwiceDrawsTheSameAndChangesNothing(_ screen: String) throws {
        let d = try Self.dashboardWithStack()
        F.press(d, .character("8"))
        switch screen {
        case "list": d.estate.advance(by: .seconds(3))
        case "forming": F.press(d, .enter); d.estate.advance(by: .seconds(3))
        case "detail": F.press(d, .enter); d.estate.advance(by: .minutes(2))
        case "drift":
            d.estate.advance(by: .minutes(2))
            let id = d.estate.stacks.stack("writers")!.resource("WriterB")!.physicalID!
            _ = d.estate.execute(OperationRequest(service: "ec2", operation: "StopInstances", parameters: ["InstanceIds": [.string(id)]]))
            d.estate.advance(by: .minutes(1))
            F.press(d, .enter, .character("D"), .down, .down)
        default: F.press(d, .character("n")); F.type(d, "Config/")
        }
        d.refresh()
        RenderPurityTests.expectPure(d, "\(screen)")
    }
}
