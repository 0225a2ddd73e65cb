import ArgumentParser
import Estate
import Foundation

/// `cloudtop instance-type NAME… [--json]`: parse, explain and describe instance types.
///
/// The quickest way to learn what `x2iedn.32xlarge` means or to check a name before launching it;
/// a bad name fails with exit status 1 and a "did you mean", as scripts expect, after the good
/// names have been printed.
struct InstanceTypeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance-type",
        abstract: "Explain and describe EC2 instance types.",
        discussion: """
            Each NAME is parsed by EC2's naming scheme (series, generation, capability letters, \
            variant, size), explained term by term and described with its vCPUs, memory, \
            architectures, network performance and a simulated hourly price. The prices are made \
            up by cloudtop's price model, not AWS's list prices. Specs marked "estimated" were \
            derived from the name because no data for the type was available.

            With --json, prints a JSON array with one describe-instance-types item per name.
            Exits with status 1 if any name is malformed or unknown.
            """
    )

    @Argument(help: "Instance-type names, such as c4.large or m7i-flex.2xlarge.")
    var names: [String]

    @Flag(help: "Print a JSON array of describe-instance-types items instead of text.")
    var json = false

    func validate() throws {
        if names.isEmpty { throw ValidationError("Give at least one instance-type name, such as c4.large.") }
    }

    func run() throws {
        var specs: [InstanceTypeSpec] = []
        var failed = false
        var blocks: [String] = []
        for name in names {
            switch InstanceTypeCatalog.lookup(name) {
            case let .success(spec):
                specs.append(spec)
                if !json { blocks.append(InstanceTypeText.describe(spec)) }
            case let .failure(error):
                failed = true
                if !json, !blocks.isEmpty { print(blocks.joined(separator: "\n")); blocks = [] }
                FileHandle.standardError.write(Data((InstanceTypeText.errorLine(error) + "\n").utf8))
            }
        }
        if json {
            print(JSONValue.array(specs.map(\.instanceTypeInfo)).serialized())
        } else if !blocks.isEmpty {
            print(blocks.joined(separator: "\n"))
        }
        if failed { throw ExitCode(1) }
    }
}

/// The plain-text rendering of `instance-type`, kept apart from argument handling.
enum InstanceTypeText {
    /// `cloudtop: invalid instance type 'c4.larg': did you mean 'c4.large'?`
    static func errorLine(_ error: InstanceTypeLookupError) -> String {
        let tail = error.suggestion.map { "did you mean '\($0)'?" } ?? error.detail
        return "cloudtop: invalid instance type '\(error.name)': \(tail)"
    }

    /// A name, its one-line summary, the explanation table, the specs and the simulated price.
    static func describe(_ spec: InstanceTypeSpec) -> String {
        let explanation = spec.explanation
        var lines = [spec.name.name + (spec.isEstimated ? "  (estimated: specs derived from the name)" : "")]
        lines.append("  " + explanation.summary)
        let width = explanation.terms.map(\.term.count).max() ?? 0
        for (term, meaning) in explanation.terms {
            lines.append("    " + term.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + meaning)
        }
        lines.append("  vCPUs            \(spec.vCPUs)")
        lines.append("  memory           \(gibText(spec.memoryMiB)) GiB (\(spec.memoryMiB) MiB)")
        lines.append("  architectures    \(spec.architectures.joined(separator: ", "))")
        lines.append("  network          \(spec.networkPerformance)")
        lines.append("  bare metal       \(spec.bareMetal ? "yes" : "no")")
        lines.append("  generation       \(spec.currentGeneration ? "current" : "previous")")
        var price = "  price            $\(priceText(spec.hourlyPriceUSD))/hour on demand (simulated, not an AWS price)"
        if spec.name.series == "mac" { price += "; Mac hosts bill at least \(PriceModel.macMinimumBillingHours) h" }
        lines.append(price)
        return lines.joined(separator: "\n") + "\n"
    }

    /// GiB without a pointless ".0" (`8`, `3.75`, `0.5`).
    static func gibText(_ memoryMiB: Int) -> String {
        memoryMiB % 1024 == 0 ? String(memoryMiB / 1024) : String(Double(memoryMiB) / 1024)
    }

    /// Four decimals below a dollar, two above, as price lists print them.
    static func priceText(_ usd: Double) -> String {
        String(format: usd < 1 ? "%.4f" : "%.2f", usd)
    }
}
