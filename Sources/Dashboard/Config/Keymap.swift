import Estate
import Terminal
import Yams

/// Which action each key triggers, per scope; loaded from `keys.yaml` over the defaults.
public struct Keymap: Sendable {
    /// Keys per action, in the order they were written (the first is shown in hints).
    public private(set) var keys: [Action: [Key]]

    public init(keys: [Action: [Key]]) { self.keys = keys }

    /// The bindings in the built-in `keys.yaml`.
    public static let defaults: Keymap = {
        // The built-in file is part of the binary; a mistake in it is a programming error.
        try! Keymap.load(DashboardDefaults.keysYAML, file: "(built-in keys.yaml)", over: Keymap(keys: [:]))
    }()

    /// The action a key triggers where `scope` is active (global bindings apply everywhere).
    public func action(for key: Key, in scope: Action.Scope) -> Action? {
        let candidates = keys.filter { $0.value.contains(key) }.map(\.key)
        return candidates.first { $0.scope == scope } ?? candidates.first { $0.scope == .global }
    }

    /// The first key of an action, for footers and help (`?`).
    public func hint(_ action: Action) -> String {
        keys[action]?.first.map(KeyName.describe) ?? "—"
    }

    public func allHints(_ action: Action) -> String {
        (keys[action] ?? []).map(KeyName.describe).joined(separator: " ")
    }

    /// Reads `keys.yaml`: actions rebound there replace their defaults; others keep them.
    /// Conflicts between actions that can be active together are errors naming the line.
    public static func load(_ text: String, file: String, over base: Keymap = .defaults) throws(ConfigError) -> Keymap {
        let reader = YAMLReader(file: file)
        var keys = base.keys
        var lines: [Action: Int] = [:]
        if let root = try reader.root(text) {
            for (name, keyNode, value) in try reader.mapping(root, what: "keys.yaml", allowed: Action.allCases.map(\.rawValue)) {
                let action = Action(rawValue: name)!
                let nodes: [Node]
                if case .sequence = value { nodes = try reader.sequence(value, what: name) } else { nodes = [value] }
                var bound: [Key] = []
                for node in nodes {
                    let text = try reader.string(node, what: "a key for \(name)")
                    guard let key = KeyName.parse(text) else {
                        throw reader.fail(node, "unknown key '\(text)' for \(name); use a character, enter, esc, tab, shift-tab, up, pgup, home, f1, ctrl-c, space…")
                    }
                    bound.append(key)
                }
                keys[action] = bound
                lines[action] = keyNode.mark?.line
            }
        }
        let map = Keymap(keys: keys)
        if let conflict = map.conflicts().first {
            let line = lines[conflict.1] ?? lines[conflict.0]
            throw ConfigError(file: file, line: line, message: "key '\(KeyName.describe(conflict.2))' is bound to both \(conflict.0.rawValue) and \(conflict.1.rawValue)")
        }
        return map
    }

    /// Pairs of actions sharing a key while both can be active: same scope, or one of them global.
    public func conflicts() -> [(Action, Action, Key)] {
        var found: [(Action, Action, Key)] = []
        let actions = Action.allCases
        for (i, a) in actions.enumerated() {
            for b in actions[(i + 1)...] where a.scope == b.scope || a.scope == .global || b.scope == .global {
                for key in keys[a] ?? [] where (keys[b] ?? []).contains(key) {
                    found.append((a, b, key))
                }
            }
        }
        return found
    }
}
