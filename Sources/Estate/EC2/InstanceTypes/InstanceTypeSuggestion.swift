/// "Did you mean" for instance-type names.
///
/// Typos in instance types are mostly a wrong case, a truncated size (`c7g.4xl`), a swapped pair
/// (`t3.mirco`) or a size the family lacks (`c4.metal`), so those are tried in that order before
/// a plain nearest-name search over the whole catalog.
enum InstanceTypeSuggestion {
    static func best(for input: String) -> String? {
        let text = input.lowercased()
        if text != input, InstanceTypeCatalog.spec(named: text) != nil { return text }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let family = parts[0]
        let names = InstanceTypeCatalog.names(inFamily: family)
        if !names.isEmpty {
            let size = parts.count > 1 ? parts[1] : ""
            if let hit = inFamily(names, family: family, size: size) { return hit }
        }
        return nearest(to: text)
    }

    /// The family's size that `size` abbreviates or nearly spells, else the nearest by size order.
    private static func inFamily(_ names: [String], family: String, size: String) -> String? {
        let sizes = names.map { String($0.dropFirst(family.count + 1)) }
        let pick = { (size: String) in family + "." + size }
        if !size.isEmpty, let hit = sizes.first(where: { $0.hasPrefix(size) }) { return pick(hit) }
        if !size.isEmpty {
            let scored = sizes.map { ($0, Suggest.distance(size, $0)) }
            if let (hit, distance) = scored.min(by: { $0.1 < $1.1 }), distance <= 2 { return pick(hit) }
        }
        guard InstanceTypeSize.isValid(size) else { return pick(sizes.contains("large") ? "large" : sizes[0]) }
        return pick(sizes.first(where: { !InstanceTypeSize.precedes($0, size) }) ?? sizes[sizes.count - 1])
    }

    /// The catalog name fewest edits away, if close enough to be a typo; ties go to the same size,
    /// then to a current generation, then to catalog order, so the answer is stable and useful.
    private static func nearest(to text: String) -> String? {
        let limit = max(2, text.count / 4)
        let size = text.split(separator: ".").last.map(String.init)
        var best: (name: String, score: Int)?
        for spec in InstanceTypeCatalog.all {
            let distance = Suggest.distance(text, spec.name.name)
            guard distance <= limit else { continue }
            let score = distance * 4 + (spec.name.size == size ? 0 : 2) + (spec.currentGeneration ? 0 : 1)
            if best == nil || score < best!.score { best = (spec.name.name, score) }
        }
        return best?.name
    }
}
