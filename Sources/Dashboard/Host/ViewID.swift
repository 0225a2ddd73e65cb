/// A view's identity: its `--screen` name.
///
/// A name rather than an enum case, so a new view declares its own id in its own folder
/// (`extension ViewID { static let warehouse = ViewID("warehouse") }`) and nothing else has to
/// list it; `ViewRegistry` is the one list of the views that exist.
public struct ViewID: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }
}
