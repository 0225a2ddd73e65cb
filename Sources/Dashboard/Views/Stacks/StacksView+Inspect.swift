/// `d`, `y` and `c` in the Stacks view: the selected stack, or in an open stack the resource
/// under the selection (a drift line belongs to the resource above it).
extension StacksView: Inspectable {
    public var inspection: Inspection? {
        guard let stack = selectedStackName else { return nil }
        if openStack != nil, let detail, let i = treeTable.selected, detail.lines.indices.contains(i) {
            let index: Int
            switch detail.lines[i] {
            case let .resource(r): index = r
            case let .difference(r, _): index = r
            }
            let logical = detail.resources[index].logicalID
            return Inspection(kind: "Resource", id: logical,
                              command: "cloudformation describe-stack-resources --stack-name \(stack) --logical-resource-id \(logical)")
        }
        return Inspection(kind: "Stack", id: stack, command: "cloudformation describe-stacks --stack-name \(stack)")
    }
}
