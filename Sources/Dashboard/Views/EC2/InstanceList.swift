import Estate

/// The instances in display order, as positions into EC2's own array.
///
/// EC2 keeps its instances in one array; the list shares it and holds only the order. Copying
/// 10,000 `Instance` values into a sorted array, as a new model did for every change, retained
/// each of their fields: about two thirds of a re-sorted frame. A row on screen copies its one
/// instance when it is drawn.
public struct InstanceList: RandomAccessCollection {
    private let all: [Instance]
    private let order: [Int]

    public init(_ all: [Instance] = [], order: [Int] = []) {
        self.all = all
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(position: Int) -> Instance { all[order[position]] }
}
