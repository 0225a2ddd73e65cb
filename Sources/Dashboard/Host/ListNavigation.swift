extension Action {
    /// How far a list's selection moves for a navigation key: one row for ↑/↓, a page of
    /// `pageRows` for PgUp/PgDn, all the way for Home/End; nil for every other action.
    ///
    /// Every list view reads its moves here, so a key means the same in each of them.
    func listMove(pageRows: Int) -> Int? {
        switch self {
        case .up: -1
        case .down: 1
        case .pageUp: -max(1, pageRows)
        case .pageDown: max(1, pageRows)
        case .top: Int.min / 2
        case .bottom: Int.max / 2
        default: nil
        }
    }
}
