import Estate

/// What `d`, `y` and `c` act on in a view: the selected row, named the way AWS names it, and the
/// AWS CLI line whose reply describes it.
///
/// The JSON page runs `command` through the command runner, so it shows exactly what the same
/// line prints in the palette or `cloudtop run` (the estate's own encoder, the one the endpoint
/// also answers with); the description page is drawn from that same reply.
public struct Inspection: Equatable, Sendable {
    /// `Instance`, `Stream`, `Shard`, `Stack`: what the page's title calls it.
    public var kind: String
    /// The row's AWS identifier: what `c` copies.
    public var id: String
    /// The read-only command whose reply is the row's JSON, e.g. `ec2 describe-instances --instance-ids i-…`.
    public var command: String
    /// Where the resource sits in the reply, for the readable page: keys to follow, a list's
    /// first item taken on the way (`Reservations`, `Instances` for an instance). Wrappers of
    /// one key or one item are dropped anyway.
    public var focus: [String]

    public init(kind: String, id: String, command: String, focus: [String] = []) {
        self.kind = kind
        self.id = id
        self.command = command
        self.focus = focus
    }
}

/// A view whose rows can be looked inside. Views that are not inspectable (the Overview) have
/// nothing for `d`, `y` or `c`, and the footer says so.
public protocol Inspectable {
    /// The selected row, or nil when nothing is selected.
    var inspection: Inspection? { get }
    /// Whether `inspection` is not nil, without building it: the footer asks on every frame.
    var canInspect: Bool { get }
    /// Whole text for `c` where the view shows text rather than rows (a tail's newest line on
    /// screen); nil to copy the inspection's ID.
    var copyText: String? { get }
    /// The view's content as text for `Ctrl-S` when it is not a table drawn in full (a tail);
    /// nil to save the view drawn with every row, and a name for the file.
    var saveText: (name: String, text: String)? { get }
}

extension Inspectable {
    public var canInspect: Bool { inspection != nil }
    public var copyText: String? { nil }
    public var saveText: (name: String, text: String)? { nil }
}
