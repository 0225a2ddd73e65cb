/// An instance-type name explained in words, term by term, for the CLI and the launch menu.
///
/// The same letter means different things by position (series `g` is GPU, attribute `g` is
/// Graviton; series `i` is storage, attribute `i` is Intel), which is exactly what confuses people,
/// so every term is explained where it stands rather than looked up letter by letter.
public struct InstanceTypeExplanation: Sendable {
    /// One line, e.g. "compute optimised, generation 7, AWS Graviton processor (Arm), large".
    public let summary: String
    /// Each part of the name with its meaning, in name order.
    public let terms: [(term: String, meaning: String)]

    public init(_ name: InstanceTypeName) {
        var terms: [(term: String, meaning: String)] = []
        let series = Self.seriesMeaning(name)
        terms.append((name.series, series))
        if let generation = name.generation {
            terms.append((String(generation), Self.generationMeaning(name, generation)))
        }
        for letter in name.capabilities {
            terms.append((String(letter), Self.capabilityMeaning(letter, series: name.series)))
        }
        if let variant = name.variant { terms.append((variant, Self.variantMeaning(variant))) }
        terms.append((name.size, Self.sizeMeaning(name.size)))
        self.terms = terms
        let parts = [series] + (name.generation.map { ["generation \($0)"] } ?? [])
            + name.capabilities.map { Self.capabilityMeaning($0, series: name.series) }
            + (name.variant.map { [Self.variantMeaning($0)] } ?? []) + [name.size]
        summary = parts.joined(separator: ", ")
    }

    // MARK: - Series

    static let seriesMeanings: [String: String] = [
        "t": "burstable general purpose", "m": "general purpose", "c": "compute optimised",
        "r": "memory optimised", "x": "extra-high memory", "u": "high memory (whole-host memory in TiB)",
        "z": "high frequency, memory optimised", "i": "storage optimised (NVMe SSD)",
        "im": "storage optimised, more memory per TB", "is": "storage optimised, more TB per vCPU",
        "d": "dense HDD storage", "h": "HDD storage, throughput optimised", "p": "GPU accelerated (training, HPC)",
        "g": "GPU accelerated (graphics, inference)", "gr": "GPU accelerated, graphics with extra memory",
        "inf": "AWS Inferentia machine-learning inference", "trn": "AWS Trainium machine-learning training",
        "dl": "deep-learning accelerator", "f": "FPGA accelerated", "vt": "video transcoding accelerator",
        "hpc": "high performance computing", "mac": "macOS on Apple Mac hardware",
        "a": "general purpose on AWS Graviton (first generation, Arm)",
        "cc": "cluster compute (previous generation)", "cg": "cluster GPU (previous generation)",
        "cr": "memory-optimised cluster (previous generation)", "hi": "high I/O SSD (previous generation)",
        "hs": "high storage HDD (previous generation)",
    ]

    static func seriesMeaning(_ name: InstanceTypeName) -> String {
        seriesMeanings[name.series] ?? "series '\(name.series)' (not one this simulator knows)"
    }

    static func generationMeaning(_ name: InstanceTypeName, _ generation: Int) -> String {
        if name.series == "u", name.family.hasPrefix("u-") { return "generation 1 of the u-<N>tb1 hosts" }
        if name.series == "mac" { return "Mac generation \(generation) (\(generation == 1 ? "Intel" : "Apple silicon"))" }
        return "generation \(generation) (higher is newer)"
    }

    // MARK: - Capabilities

    static func capabilityMeaning(_ letter: Character, series: String) -> String {
        switch letter {
        case "g": "AWS Graviton processor (Arm)"
        case "a": "AMD processor"
        case "i": "Intel processor"
        case "d": "local NVMe instance store"
        case "n": "network optimised"
        case "e": extraMeaning(series: series)
        case "b": "EBS optimised (higher block-storage bandwidth)"
        case "z": "high frequency"
        case "q": "Qualcomm accelerator"
        case "f": "fractional GPU (a slice of one GPU)"
        case "h": "HPE scale-up server host"
        case "s": "smaller configuration of the family"
        default: "capability '\(letter)'"
        }
    }

    /// `e` is extra storage on storage series and extra memory elsewhere.
    private static func extraMeaning(series: String) -> String {
        switch series {
        case "i", "im", "is", "d", "h": "extra storage"
        case "p", "g", "gr": "extra memory (GPU memory)"
        default: "extra memory or storage"
        }
    }

    // MARK: - Variant and size

    static func variantMeaning(_ variant: String) -> String {
        if variant == "flex" { return "flex: most of the performance at a lower price, without sustained full CPU" }
        if variant.hasSuffix("tb"), let tib = Int(variant.dropLast(2)) { return "\(tib) TiB memory" }
        if variant.hasPrefix("gb") { return "NVIDIA Grace Blackwell \(variant.uppercased()) superchips" }
        if variant.first == "b", variant.dropFirst().allSatisfy(\.isNumber) { return "NVIDIA \(variant.uppercased()) GPUs" }
        if variant.first == "m", let model = variant.dropFirst().first, model.isNumber {
            let rest = variant.dropFirst(2)
            let chip = rest.isEmpty ? "" : " " + rest.prefix(1).uppercased() + rest.dropFirst()
            return "Apple M\(model)\(chip) chip"
        }
        return "variant '\(variant)'"
    }

    static func sizeMeaning(_ size: String) -> String {
        switch size {
        case "nano", "micro", "small", "medium": return "\(size): a fraction of a core's worth, for light loads"
        case "large": return "large = 2 vCPUs typically"
        case "xlarge": return "xlarge = 4 vCPUs typically"
        case "metal": return "bare metal: the whole host, no hypervisor"
        default: break
        }
        let n = InstanceTypeSize.multiplier(size) ?? 0
        if size.hasPrefix("metal-") { return "bare metal sized like \(n)xlarge (\(4 * n) vCPUs typically)" }
        return "\(n) × xlarge = \(4 * n) vCPUs typically"
    }
}
