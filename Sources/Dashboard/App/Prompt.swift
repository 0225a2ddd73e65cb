import Foundation
import Estate
import Terminal

/// A one-line question a view asks before it runs a command: a template file to deploy, say.
///
/// The view describes the question and the command as values (`Effect.prompt`); the host owns
/// the field, so typing works the same as in the palette, and runs the command through the
/// command runner like any other.
public struct PromptRequest: Equatable, Sendable {
    public var title: String
    public var placeholder: String
    /// The command run with the answer: `{}` becomes the answer, quoted as one word, and
    /// `{stem}` its file name without folders or extension (a stack name from a template file).
    public var command: String
    public var completion: Completion

    public enum Completion: Equatable, Sendable {
        case none
        /// Paths: folders, and files ending in one of these extensions.
        case files(extensions: [String])
    }

    public init(title: String, placeholder: String, command: String, completion: Completion) {
        self.title = title
        self.placeholder = placeholder
        self.command = command
        self.completion = completion
    }

    /// The command line for an answer, or why the answer cannot be used.
    public func commandLine(for answer: String) -> Result<String, StatusMessageError> {
        let text = answer.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(StatusMessageError("Type a path first; Tab completes.")) }
        var line = command.replacingOccurrences(of: "{}", with: ShellQuote.quote(text))
        if line.contains("{stem}") {
            let stem = Self.stackName(fromPath: text)
            guard !stem.isEmpty else { return .failure(StatusMessageError("Cannot make a stack name from \(text): the file name needs a letter")) }
            line = line.replacingOccurrences(of: "{stem}", with: stem)
        }
        return .success(line)
    }

    /// `Config/stacks/web-fleet.yaml` → `web-fleet`: a stack name must start with a letter and
    /// hold only letters, digits and hyphens, so anything else becomes a hyphen.
    static func stackName(fromPath path: String) -> String {
        let file = (path as NSString).lastPathComponent
        let stem = (file as NSString).deletingPathExtension
        let mapped = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return String(mapped.drop { !($0.isASCII && $0.isLetter) }.prefix(128))
    }

    func completions() -> (@Sendable (String) -> [String])? {
        switch completion {
        case .none: return nil
        case let .files(extensions): return { FileCompletion.candidates(for: $0, extensions: extensions) }
        }
    }
}

/// The prompt as it is being answered.
public struct PromptState {
    public let request: PromptRequest
    public var input: TextField
    /// Set when Enter was pressed with an answer that cannot be used; the prompt stays open.
    public var error: String?

    init(_ request: PromptRequest, theme: Theme) {
        self.request = request
        input = TextField(text: "", placeholder: request.placeholder, completions: request.completions())
        input.style = theme["input"]
    }
}

/// Path completion for a prompt: the entries of the folder typed so far that start with what
/// follows its last slash, folders with a trailing slash so Tab can go on into them.
enum FileCompletion {
    static func candidates(for typed: String, extensions: [String], fileManager: FileManager = .default) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let partial = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let listed = folder.isEmpty ? "." : folder
        guard let names = try? fileManager.contentsOfDirectory(atPath: listed) else { return [] }
        var out: [String] = []
        for name in names.sorted() where name.hasPrefix(partial) && (partial.hasPrefix(".") || !name.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out.append(folder + name + "/")
            } else if extensions.isEmpty || extensions.contains(where: { name.hasSuffix($0) }) {
                out.append(folder + name)
            }
        }
        return out
    }
}

extension Dashboard {
    func openPrompt(_ request: PromptRequest) {
        state.overlay = .prompt(PromptState(request, theme: theme))
    }

    /// Enter runs the command with the answer and closes the prompt if it succeeded; a failure
    /// keeps it open with the reason, so a mistyped path can be fixed.
    func handlePrompt(_ key: Key, _ p: inout PromptState) {
        defer { if case .prompt = state.overlay { state.overlay = .prompt(p) } }
        switch key {
        case .escape:
            state.overlay = .none
            state.message = StatusMessage(text: "Cancelled.", isError: false)
        case .enter:
            switch p.request.commandLine(for: p.input.text) {
            case let .failure(error): p.error = error.message
            case let .success(line):
                if let outcome = runAndReport(line), outcome.isFailure {
                    p.error = state.message?.text
                } else {
                    state.overlay = .none
                }
            }
        default:
            p.error = nil
            _ = p.input.handle(key)
        }
    }
}

extension Overlays {
    static func renderPrompt(_ p: PromptState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.modal(title: p.request.title + " — Enter runs, Tab completes, Esc cancels",
                                 size: Size(width: min(area.width, 90), height: 7), theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let body = inner.inset(horizontal: 1, vertical: 0)
        var field = p.input
        field.candidateStyle = theme["completion"]
        field.render(into: &buffer, area: Rect(x: body.x, y: body.y, width: body.width, height: min(2, body.height)))
        guard body.height > 3 else { return }
        let note: Line
        if let error = p.error {
            note = Line(error, style: theme["error"])
        } else if case .success(let line) = p.request.commandLine(for: p.input.text) {
            note = Line([Span("runs ", style: theme["dim"]), Span(line, style: theme["accent"])])
        } else {
            note = Line(p.request.placeholder, style: theme["dim"])
        }
        _ = buffer.write(note.truncated(to: body.width), at: Point(x: body.x, y: body.y + 3), maxWidth: body.width)
    }
}
