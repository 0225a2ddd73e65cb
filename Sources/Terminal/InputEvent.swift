/// A key as the app sees it, independent of how the backend decoded it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end, insert
    case function(Int)
    /// Ctrl plus a letter, lower-cased (`ctrl("c")`).
    case ctrl(Character)
}

/// What the user or the terminal did.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// A mouse click (button 1) at a cell.
    case click(Point)
    /// Mouse wheel: negative scrolls up, positive down.
    case scroll(Int, at: Point)
    case resize(Size)
}
