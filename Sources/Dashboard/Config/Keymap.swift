import Estate
import Terminal
import Yams

/// Which action each key triggers, per scope; loaded from `keys.yaml` over the defaults.
public struct Keymap: Sendable {
    /// Keys per action, in the order they were written (the first is shown in hints).
    public private(set) var keys: [Action: [Key]]
    /// Keys that show each view: the registry's number unless `keys.yaml` rebinds `view-<name>`.
    public private(set) var viewKeys: [ViewID: [Key]]

    public init(keys: [Action: [Key]], viewKeys: [ViewID: [Key]] = Keymap.registryViewKeys) {
        self.keys = keys
        self.viewKeys = viewKeys
    }

    /// Each registered view on its own key.
    public static var registryViewKeys: [ViewID: [Key]] {
        Dictionary(uniqueKeysWithValues: ViewRegistry.all.map { ($0.id, [Key.character($0.key)]) })
    }

    /// The view a key shows, if it is bound to one.
    public func view(for key: Key) -> ViewID? {
        ViewRegistry.all.first { viewKeys[$0.id]?.contains(key) == true }?.id
    }

    /// The keys of a view, for help.
    public func viewHints(_ id: ViewID) -> String {
        (viewKeys[id] ?? []).map(KeyName.describe).joined(separator: " ")
    }

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
        var viewKeys = base.viewKeys
        var lines: [String: Int] = [:]
        let viewNames = Dictionary(uniqueKeysWithValues: ViewRegistry.all.map { (ViewRegistry.actionName($0.id), $0.id) })
        if let root = try reader.root(text) {
            let allowed = Action.allCases.map(\.rawValue) + ViewRegistry.all.map { ViewRegistry.actionName($0.id) }
            for (name, keyNode, value) in try reader.mapping(root, what: "keys.yaml", allowed: allowed) {
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
                if let view = viewNames[name] { viewKeys[view] = bound } else { keys[Action(rawValue: name)!] = bound }
                lines[name] = keyNode.mark?.line
            }
        }
        let map = Keymap(keys: keys, viewKeys: viewKeys)
        if let conflict = map.namedConflicts().first {
            let line = lines[conflict.1] ?? lines[conflict.0]
            throw ConfigError(file: file, line: line, message: "key '\(KeyName.describe(conflict.2))' is bound to both \(conflict.0) and \(conflict.1)")
        }
        return map
    }

    /// Every conflict by binding name, views included: a view's key works everywhere, so it may
    /// share a key with nothing.
    func namedConflicts() -> [(String, String, Key)] {
        var found = conflicts().map { ($0.0.rawValue, $0.1.rawValue, $0.2) }
        let views = ViewRegistry.all.map(\.id)
        for (i, view) in views.enumerated() {
            let name = ViewRegistry.actionName(view)
            for key in viewKeys[view] ?? [] {
                for other in views[(i + 1)...] where (viewKeys[other] ?? []).contains(key) {
                    found.append((name, ViewRegistry.actionName(other), key))
                }
                for action in Action.allCases where (keys[action] ?? []).contains(key) {
                    found.append((name, action.rawValue, key))
                }
            }
        }
        return found
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
