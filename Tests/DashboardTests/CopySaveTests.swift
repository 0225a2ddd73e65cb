@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// `c` copies through the terminal's clipboard (OSC 52); `Ctrl-S` saves to the working folder.
@Suite struct CopySaveTests {
    typealias F = DashboardFixtures

    static func tempFolder() throws -> String {
        let path = NSTemporaryDirectory() + "cloudtop-save-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func cCopiesTheSelectedIDThroughTheBackendAfterTheFrame() throws {
        let d = F.dashboard()
        d.estate.pause()
        let backend = ScriptedBackend(size: Size(width: 120, height: 40),
                                      script: [.key(.character("2")), .key(.down), .key(.character("c")), nil, nil])
        DashboardLoop(dashboard: d, backend: backend).run()
        let id = try #require(F.ec2(d).selectedInstance?.instanceID)
        #expect(backend.screen.clipboard == [id])
        #expect(d.clipboard.isEmpty, "handed over, not kept")
        #expect(backend.screen.lines.joined().contains("Copied \(id) to the clipboard."))
    }

    @Test func cInAPageCopiesTheWholeText() throws {
        let d = F.dashboard()
        F.press(d, .character("2"), .down, .character("y"), .character("c"))
        guard case let .page(page) = d.state.overlay else { Issue.record("no page"); return }
        #expect(d.takeClipboard() == [page.jsonLines.joined(separator: "\n") + "\n"])
    }

    @Test func cInATailCopiesTheNewestLineWhole() throws {
        let d = F.dashboard()
        F.press(d, .character("3"), .character("t"))
        d.estate.advance(by: .seconds(2))
        _ = F.screen(d, width: 60, height: 20)
        F.press(d, .character("c"))
        let tail = try #require(F.streams(d).tail)
        let copied = try #require(d.takeClipboard().first)
        #expect(copied == tail.log.lines.last!.plainText)
        #expect(copied.count > 60, "the whole line, not the 60 columns shown")
    }

    @Test func ctrlSSavesTheWholeTableNotJustTheRowsOnScreen() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = F.dashboard()
        d.saveFolder = folder
        F.press(d, .character("2"))
        _ = F.screen(d, width: 100, height: 10)
        F.press(d, .ctrl("s"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(name.hasPrefix("cloudtop-ec2-") && name.hasSuffix(".txt"))
        #expect(d.state.message?.text.contains(name) == true)
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        let ids = d.estate.ec2.instances.map(\.instanceID)
        #expect(ids.count > 6, "more instances than a 10-row screen shows")
        for id in ids { #expect(text.contains(id), "\(id) missing from the saved table") }
        F.press(d, .ctrl("s"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains(name.replacingOccurrences(of: ".txt", with: "-2.txt")))
    }

    @Test func ctrlSSavesAJSONPageAsJSON() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = try StacksViewTests.dashboardWithStack()
        d.saveFolder = folder
        F.press(d, .character("8"), .character("y"), .ctrl("s"))
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        #expect(name.hasPrefix("cloudtop-stack-") && name.hasSuffix(".json"))
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        let json = try JSONParser.parse(text)
        #expect(json["Stacks"]?.arrayValue?.isEmpty == false)
    }

    @Test func ctrlSSavesTheTail() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = F.dashboard()
        d.saveFolder = folder
        F.press(d, .character("3"), .character("t"))
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        F.press(d, .ctrl("s"))
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        #expect(name.hasPrefix("cloudtop-tail-clickstream-"))
        let lines = try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == F.streams(d).tail!.log.lines.count)
    }
}
