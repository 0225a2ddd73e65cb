/// The resources of a template as a DAG: who waits for whom.
///
/// Creation follows `order` (each resource after everything it depends on, ties in template
/// order) and may run any resource whose dependencies are done in parallel; deletion runs the
/// same graph backwards. A cycle is refused with the resources that form it.
public struct DependencyGraph: Sendable {
    /// Logical id → the logical ids it depends on.
    public let dependencies: [String: [String]]
    /// Every resource, dependencies first; ties keep template order.
    public let order: [String]

    static let empty = DependencyGraph(dependencies: [:], order: [])

    private init(dependencies: [String: [String]], order: [String]) {
        self.dependencies = dependencies
        self.order = order
    }

    public init(_ template: StackTemplate) throws(AWSError) {
        var dependencies: [String: [String]] = [:]
        for resource in template.resources {
            dependencies[resource.logicalID] = TemplateReferences.dependencies(of: resource, in: template)
        }
        self.dependencies = dependencies
        let names = template.resources.map(\.logicalID)
        var done = Set<String>()
        var order: [String] = []
        var progressed = true
        while progressed && order.count < names.count {
            progressed = false
            for name in names where !done.contains(name) && dependencies[name, default: []].allSatisfy(done.contains) {
                order.append(name)
                done.insert(name)
                progressed = true
            }
        }
        if order.count < names.count {
            let cycle = Self.resourcesOnCycles(names.filter { !done.contains($0) }, dependencies)
            throw StackError.validation("Circular dependency between resources: [\(cycle.joined(separator: ", "))]")
        }
        self.order = order
    }

    /// Those of `remaining` that can reach themselves, i.e. sit on a cycle rather than behind one.
    private static func resourcesOnCycles(_ remaining: [String], _ dependencies: [String: [String]]) -> [String] {
        remaining.filter { start in
            var stack = dependencies[start, default: []]
            var seen = Set<String>()
            while let next = stack.popLast() {
                if next == start { return true }
                guard seen.insert(next).inserted else { continue }
                stack += dependencies[next, default: []]
            }
            return false
        }
    }
}
