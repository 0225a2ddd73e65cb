/// `d` and `y` in the Edge view: the distribution that served the selected request (GetDistribution
/// takes its name as well as its id); `c` copies the request's id, the row's own.
extension EdgeView: Inspectable {
    public var inspection: Inspection? {
        guard let i = table.selected, model.requests.indices.contains(i) else { return nil }
        let name = model.requests[i].distribution
        return Inspection(kind: "Distribution", id: name, command: "cloudfront get-distribution --id \(name)")
    }

    public var copyText: String? {
        guard let i = table.selected, model.requests.indices.contains(i) else { return nil }
        return model.requests[i].requestId
    }
}
