/// A simulated on-demand hourly price in USD for any instance type. These are not AWS prices.
///
/// No price list is available offline, so the simulator makes one up from the name and the specs,
/// calibrated so familiar types land near their real us-east-1 Linux list prices (c4.large ≈ $0.10,
/// m5.large ≈ $0.096, t3.micro ≈ $0.0104, r6g.large ≈ $0.1008, c7g.large ≈ $0.0725,
/// p4d.24xlarge ≈ $32.77) and the rest keep sensible proportions. The recipe:
///
/// 1. base = vCPUs × the series' per-vCPU rate + GiB × the series' per-GiB rate
///    (burstable `t` is priced by memory alone, as its list prices are);
/// 2. × a series multiplier: accelerators (p, g, gr, inf, trn, dl, f, vt) are priced from their
///    CPU and memory with a large multiplier standing in for the GPUs or chips; storage series pay
///    for their disks; HPC is discounted; Mac hosts carry a premium (and AWS bills them for at
///    least 24 hours, which the simulator only notes);
/// 3. × processor: Graviton (`g` attribute, or series `a`) −20 %, AMD −10 %;
/// 4. × capabilities: d +13 %, n +22 %, e +5 %, z +50 %, b +15 %;
/// 5. × generation: old families (previous generation and numbered 4 or lower, like c4) cost 20 %
///    more for the same size; generation 7 and up carry a 5 % launch premium;
/// 6. rounded to 4 decimal places.
public enum PriceModel {
    /// Per-vCPU and per-GiB hourly rates by series; unknown series use their first letter's, then `m`'s.
    static let rates: [String: (vCPU: Double, gib: Double)] = [
        "t": (0, 0.0104), "m": (0.0325, 0.0039), "c": (0.0325, 0.005), "r": (0.0325, 0.00381),
        "x": (0.0325, 0.0045), "u": (0.0325, 0.005), "z": (0.0325, 0.00381), "a": (0.0325, 0.005),
        "i": (0.0325, 0.00381), "im": (0.0325, 0.00381), "is": (0.0325, 0.00381), "d": (0.0325, 0.00381),
        "h": (0.0325, 0.0039), "hpc": (0.0325, 0.005), "mac": (0.0325, 0.0039),
    ]

    /// What each series pays on top of its CPU and memory (accelerators, disks, Mac hardware).
    static let seriesMultipliers: [String: Double] = [
        "p": 3.8, "g": 3.0, "gr": 3.0, "inf": 2.5, "trn": 3.5, "dl": 2.2, "f": 3.0, "vt": 1.4,
        "i": 1.3, "im": 1.3, "is": 1.3, "d": 2.2, "h": 1.2, "z": 1.5, "hpc": 0.6, "mac": 2.5,
        "cg": 3.0,
    ]

    static let capabilityMultipliers: [Character: Double] = [
        "g": 0.8, "a": 0.9, "d": 1.13, "n": 1.22, "e": 1.05, "z": 1.5, "b": 1.15,
    ]

    /// Mac hosts are billed for at least this many hours per allocation.
    public static let macMinimumBillingHours = 24

    /// The simulated hourly price of `name` with these specs, in USD, rounded to 4 decimals.
    public static func hourlyPriceUSD(
        name: InstanceTypeName, vCPUs: Int, memoryMiB: Int, currentGeneration: Bool
    ) -> Double {
        let series = name.series
        let rate = rates[series] ?? rates[String(series.prefix(1))] ?? rates["m"]!
        var price = Double(vCPUs) * rate.vCPU + Double(memoryMiB) / 1024 * rate.gib
        price *= seriesMultipliers[series] ?? 1
        if series == "a" { price *= 0.8 }
        // Sorted, not a Set's order: floating-point products depend on their order, and a Set's
        // order changes from one process to the next, so the price's last digit could too.
        for letter in Set(name.capabilities).sorted() { price *= capabilityMultipliers[letter] ?? 1 }
        price *= generationMultiplier(name.generation, series: series, currentGeneration: currentGeneration)
        return (price * 10_000).rounded() / 10_000
    }

    /// Neither signal alone says "old": x2 is recent despite its number, and moto flags m5 as
    /// previous generation though it sells at today's rates, so old means both. u and mac number
    /// their generations their own way and are left alone.
    static func generationMultiplier(_ generation: Int?, series: String, currentGeneration: Bool) -> Double {
        guard let generation, series != "u", series != "mac" else { return 1 }
        if !currentGeneration, generation <= 4 { return 1.2 }
        return generation >= 7 ? 1.05 : 1
    }
}
