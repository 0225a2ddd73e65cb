/// The `Filters` of EC2's Describe operations: each a name and values, all filters must match and
/// any one value of a filter may (AWS's "AND across filters, OR within one"), values with `*` and
/// `?` wildcards. A filter name the simulation does not answer is refused rather than ignored, so
/// a script never mistakes an unfiltered answer for a filtered one.
struct EC2Filters {
    let filters: [(name: String, values: [String])]

    init(_ p: Parameters, supported: [String]) throws(AWSError) {
        var out: [(name: String, values: [String])] = []
        for filter in try p.objects("Filters") ?? [] {
            let name = try filter.requiredString("Name")
            guard supported.contains(name) else {
                throw .invalidParameterValue("The filter '\(name)' is invalid")
            }
            out.append((name, try filter.strings("Values") ?? []))
        }
        filters = out
    }

    /// Whether an item passes, given the values it has for each filter name.
    func accept(_ candidates: (String) -> [String]) -> Bool {
        filters.allSatisfy { filter in
            let have = candidates(filter.name)
            return filter.values.contains { pattern in have.contains { Glob.matches(pattern, $0) } }
        }
    }
}
