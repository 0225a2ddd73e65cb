@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

@Suite struct ConfigFilesTests {
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config")

    @Test func builtInCopiesMatchTheShippedFiles() throws {
        #expect(try String(contentsOf: Self.configDirectory.appendingPathComponent("keys.yaml"), encoding: .utf8) == DashboardDefaults.keysYAML)
        #expect(try String(contentsOf: Self.configDirectory.appendingPathComponent("theme.yaml"), encoding: .utf8) == DashboardDefaults.themeYAML)
        #expect(try String(contentsOf: Self.configDirectory.appendingPathComponent("dashboard.yaml"), encoding: .utf8) == DashboardDefaults.dashboardYAML)
    }

    /// The pane keys are global, so they may share a key with nothing in any view.
    @Test func paneKeysConflictWithNothing() throws {
        #expect(Keymap.defaults.action(for: .character("|"), in: .ec2) == .splitSideBySide)
        #expect(Keymap.defaults.action(for: .character("_"), in: .tail) == .splitStacked)
        #expect(Keymap.defaults.action(for: .character("z"), in: .stacks) == .zoom)
        #expect(throws: ConfigError.self) { try Keymap.load("zoom: l\n", file: "keys.yaml") }
    }

    @Test func everyActionHasADefaultKeyAndNoneConflict() {
        for action in Action.allCases { #expect(Keymap.defaults.keys[action]?.isEmpty == false, "\(action)") }
        #expect(Keymap.defaults.conflicts().isEmpty)
    }

    @Test func everyRoleHasAStyle() {
        for role in Theme.roles { #expect(Theme.defaults.styles[role] != nil, "\(role)") }
    }

    @Test func rebindingReplacesTheDefault() throws {
        let keymap = try Keymap.load("quit: ctrl-q\nlaunch: [n, f2]\n", file: "keys.yaml")
        #expect(keymap.action(for: .ctrl("q"), in: .global) == .quit)
        #expect(keymap.action(for: .character("q"), in: .global) == nil)
        #expect(keymap.action(for: .function(2), in: .ec2) == .launch)
        #expect(keymap.action(for: .character("l"), in: .ec2) == nil)
    }

    @Test(arguments: [
        ("quit: s\n", 1, "key 's' is bound to both quit and stop"),
        ("help: x\n", 1, "key 'x' is bound to both help and toggle-hex"),
        ("launch: ctrl-\n", 1, "unknown key 'ctrl-'"),
        ("lunch: l\n", 1, "unknown key 'lunch' in keys.yaml (did you mean 'launch'?)"),
        ("up: [up, {a: b}]\n", 1, "must be a single value"),
    ] as [(String, Int, String)])
    func keyMistakesNameTheLine(yaml: String, line: Int, fragment: String) {
        do {
            _ = try Keymap.load(yaml, file: "keys.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    /// Each registered view brings its own `view-<name>` binding, defaulting to its number.
    @Test func viewKeysComeFromTheRegistryAndCanBeRebound() throws {
        for registration in ViewRegistry.all {
            #expect(Keymap.defaults.view(for: .character(registration.key)) == registration.id)
        }
        let keymap = try Keymap.load("view-events: \"9\"\n", file: "keys.yaml")
        #expect(keymap.view(for: .character("9")) == .events)
        #expect(keymap.view(for: .character("6")) == nil)
        do {
            _ = try Keymap.load("view-ec2: q\n", file: "keys.yaml")
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message.contains("bound to both view-ec2 and quit"), "\(error.message)")
        }
        do {
            _ = try Keymap.load("view-billing: \"4\"\n", file: "keys.yaml")
            Issue.record("a view that does not exist was accepted")
        } catch {
            #expect(error.message.contains("view-billing"), "\(error.message)")
        }
    }

    @Test func viewScopedKeysMayShareAcrossViews() throws {
        // `t` tails in Streams; binding it to terminate in EC2 is fine since both are never active together.
        let keymap = try Keymap.load("terminate: t\n", file: "keys.yaml")
        #expect(keymap.action(for: .character("t"), in: .ec2) == .terminate)
        #expect(keymap.action(for: .character("t"), in: .streams) == .tail)
    }

    @Test func themeRolesParse() throws {
        let theme = try Theme.load("selection: black on bright-cyan bold\nstate.running: 34\n", file: "theme.yaml")
        #expect(theme["selection"] == Style(foreground: .black, background: .brightCyan, attributes: .bold))
        #expect(theme["state.running"].foreground == .indexed(34))
        #expect(Theme.defaults.monochrome["state.running"].foreground == .default)
    }

    @Test(arguments: [
        ("selection: purple\n", "unknown colour or attribute 'purple'"),
        ("selektion: red\n", "did you mean 'selection'"),
        ("header: red on\n", "'on' needs a background"),
    ])
    func themeMistakesNameTheLine(yaml: String, fragment: String) {
        #expect { try Theme.load(yaml, file: "theme.yaml") } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.line == 1 && e.message.contains(fragment)
        }
    }
}
