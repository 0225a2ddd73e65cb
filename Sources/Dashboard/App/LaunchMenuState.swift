import Estate
import Terminal

/// The launch menu (`l`): an instance type typed with completion, then count, name, zone and workload.
public struct LaunchMenuState {
    public var form: Form
    /// Set when Enter was pressed with something wrong; the menu stays open.
    public var error: String?

    static let typeLabel = "Instance type"
    static let countLabel = "Count"
    static let nameLabel = "Name tag"
    static let zoneLabel = "Availability zone"
    static let workloadLabel = "Workload"
    static let workloads = ["random", "steady", "bursty", "daily"]

    public init(theme: Theme, defaultType: String = "t3.micro", defaultZone: String = EC2Service.defaultZone) {
        var typeField = TextField(text: "", placeholder: "type to search, e.g. c7g.large",
                                  completions: { InstanceTypeCatalog.completions(for: $0) })
        typeField.style = theme["input"]
        form = Form([
            Form.Entry(Self.typeLabel, .text(typeField)),
            Form.Entry(Self.countLabel, .number(NumberField(value: 1, range: 1...100))),
            Form.Entry(Self.nameLabel, .text(TextField(text: "", placeholder: "optional"))),
            Form.Entry(Self.zoneLabel, .pick(PickList(options: DefaultVPC.zones, selected: DefaultVPC.zones.firstIndex(of: defaultZone) ?? 0))),
            Form.Entry(Self.workloadLabel, .pick(PickList(options: Self.workloads))),
        ])
        form.focus = 0
    }

    public var typedType: String { form.value(of: Self.typeLabel) ?? "" }

    /// The typed type's specs and price, or why it is not a type, shown as you type.
    public var preview: Result<InstanceTypeSpec, InstanceTypeLookupError>? {
        let typed = typedType.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        return InstanceTypeCatalog.lookup(typed)
    }

    /// The command Enter runs, or the reason it cannot run yet.
    public func command() -> Result<String, StatusMessageError> {
        switch preview {
        case nil: return .failure(StatusMessageError("Type an instance type first, e.g. c7g.large"))
        case let .failure(error)?: return .failure(StatusMessageError(error.message))
        case let .success(spec)?:
            if let error = form.currentError { return .failure(StatusMessageError(error)) }
            var line = "ec2 run-instances --instance-type \(spec.name.name) --count \(form.value(of: Self.countLabel) ?? "1")"
            line += " --placement AvailabilityZone=\(form.value(of: Self.zoneLabel) ?? EC2Service.defaultZone)"
            let name = (form.value(of: Self.nameLabel) ?? "").trimmingCharacters(in: .whitespaces)
            if !name.isEmpty {
                // JSON rather than shorthand, so a name with commas or brackets survives intact.
                let tags: JSONValue = [["ResourceType": "instance", "Tags": [["Key": "Name", "Value": .string(name)]]]]
                line += " --tag-specifications " + ShellQuote.quote(tags.serialized())
            }
            let workload = form.value(of: Self.workloadLabel) ?? "random"
            if workload != "random" { line += " --workload \(workload)" }
            return .success(line)
        }
    }
}

public struct StatusMessageError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Quotes a word for the command language's shell-like tokenizer.
enum ShellQuote {
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import Foundation
