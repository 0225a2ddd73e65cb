/// The `stacks:` section of `estate.yaml`: templates in `Config/stacks/` deployed when the estate
/// is first built, each as a stack named after its file, through the same `CreateStack` the
/// command language runs, so the user watches the estate form in the Stacks view.
///
/// ```yaml
/// stacks:
///   - streams            # Config/stacks/streams.yaml, as stack "streams"
/// ```
///
/// The default estate lists its instances, streams and warehouse here; what the simulation
/// attaches to them (CPU profiles, producers, consumers, loaders) is in each resource's
/// `Metadata.cloudtop` (see `SimulationMetadata`).
public struct StackEntry: Sendable, Equatable {
    public var template: String
    public var line: Int?
}

extension EstateConfig {
    static func stackEntries(_ node: Yams.Node, reader: YAMLReader) throws(ConfigError) -> [StackEntry] {
        var out: [StackEntry] = []
        for item in try reader.sequence(node, what: "stacks") {
            let name = try reader.string(item, what: "a template name")
            guard DefaultStacks.files[name] != nil else {
                let known = DefaultStacks.files.keys.sorted()
                throw reader.fail(item, "no template stacks/\(name).yaml (templates: \(known.joined(separator: ", ")))\(Suggest.didYouMean(name, in: known))")
            }
            guard !out.contains(where: { $0.template == name }) else { throw reader.fail(item, "stack '\(name)' is listed twice") }
            out.append(StackEntry(template: name, line: item.mark?.line))
        }
        return out
    }

    /// The names (`Metadata.cloudtop.name`) of the distributions the listed templates create,
    /// which `edge: traffic:` may name.
    static func stackDistributionNames(_ entries: [StackEntry]) -> [String] {
        entries.flatMap { entry -> [String] in
            guard let body = DefaultStacks.files[entry.template], let template = try? StackTemplate(body: body) else { return [] }
            return template.resources.filter { $0.type == CloudFrontDistributionProvisioner().resourceType }
                .compactMap { $0.simulation?["name"].flatMap(TemplateScalar.text) }
        }
    }
}

extension EstateBuilder {
    /// Runs the clock until each named stream is ACTIVE, while stacks may still be creating it,
    /// for what reads them from the start (a job's source).
    static func waitForStreams(_ names: [String], in estate: Estate) {
        func ready() -> Bool { names.allSatisfy { estate.kinesis.stream(named: $0)?.status == .active } }
        while !ready(), estate.stacks.stacks.contains(where: { $0.status.hasSuffix("_IN_PROGRESS") }), let due = estate.scheduler.nextDue {
            estate.advance(to: due)
        }
    }

    /// Starts creating each listed stack; the warmup that follows lets them form.
    static func buildStacks(_ entries: [StackEntry], into estate: Estate, file: String) throws(ConfigError) {
        for entry in entries {
            guard let body = DefaultStacks.files[entry.template] else { continue }
            do {
                try estate.stacks.createStack(name: entry.template, body: body)
            } catch {
                throw ConfigError(file: file, line: entry.line, message: "\(error.code): \(error.message)")
            }
        }
    }
}

import Yams
