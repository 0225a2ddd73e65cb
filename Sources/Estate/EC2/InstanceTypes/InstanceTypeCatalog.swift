/// Every instance type the simulated EC2 knows, with lookup, suggestions and completion.
///
/// The catalog is moto's 1,263 types plus the names only botocore's enum has (estimated), so a
/// type the real API accepts launches here too. It is parsed from one generated string at first
/// use because a literal of 1,300 structs would slow every build of the package.
public enum InstanceTypeCatalog {
    /// Every type, sorted by name as in the generated data.
    public static let all: [InstanceTypeSpec] = instanceTypeCatalogData
        .split(separator: "\n")
        .compactMap(InstanceTypeSpec.init(catalogLine:))

    static let byName: [String: InstanceTypeSpec] = Dictionary(
        all.map { ($0.name.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Full names per family, smallest size first.
    static let namesByFamily: [String: [String]] = Dictionary(grouping: all, by: \.name.family)
        .mapValues { specs in
            specs.sorted { InstanceTypeSize.precedes($0.name.size, $1.name.size) }.map(\.name.name)
        }

    /// Every family (`c4`, `c7i-flex`, `u-6tb1`), sorted.
    public static var families: [String] { sortedFamilies }
    private static let sortedFamilies: [String] = namesByFamily.keys.sorted()

    /// The type called `name`, or nil; constant time.
    public static func spec(named name: String) -> InstanceTypeSpec? { byName[name] }

    /// The named type, or an error saying whether the name is malformed or simply unknown, with a
    /// "did you mean" when a catalog name is close.
    public static func lookup(_ name: String) -> Result<InstanceTypeSpec, InstanceTypeLookupError> {
        if let spec = byName[name] { return .success(spec) }
        let reason: InstanceTypeLookupError.Reason
        do throws(InstanceTypeNameError) {
            let parsed = try InstanceTypeName.parse(name)
            reason = namesByFamily[parsed.family] == nil ? .unknownFamily(parsed.family) : .unknownSize(parsed)
        } catch {
            reason = .malformed(error)
        }
        return .failure(InstanceTypeLookupError(name: name, reason: reason, suggestion: InstanceTypeSuggestion.best(for: name)))
    }

    /// Completions for text typed so far: families (with their dot) until a dot is typed, then the
    /// family's full names in natural size order.
    ///
    /// `c7` gives `c7a.`, `c7g.`, … `c7i-flex.`; `c7g.` gives `c7g.medium` … `c7g.metal`.
    public static func completions(for prefix: String) -> [String] {
        let text = prefix.lowercased()
        guard let dot = text.firstIndex(of: ".") else {
            return sortedFamilies.filter { $0.hasPrefix(text) }.map { $0 + "." }
        }
        let names = namesByFamily[String(text[..<dot])] ?? []
        return names.filter { $0.hasPrefix(text) }
    }

    /// The family's full names, smallest size first; empty for an unknown family.
    public static func names(inFamily family: String) -> [String] { namesByFamily[family] ?? [] }
}
