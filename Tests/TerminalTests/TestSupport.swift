import Testing
@testable import Terminal

/// Renders into a fresh blank buffer of the given size, for golden-text assertions.
func render(width: Int, height: Int, _ draw: (inout Buffer, Rect) -> Void) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    draw(&buffer, buffer.area)
    return buffer
}

/// Diff changes as `x,y:symbol` strings, which compare and print readably.
func describe(_ changes: [(Point, Cell)]) -> [String] {
    changes.map { "\($0.0.x),\($0.0.y):\($0.1.symbol)" }
}

/// Checks the invariants every buffer must keep whatever was written into it: each line is
/// exactly as wide as the buffer, and every continuation cell follows a wide character.
func expectWellFormed(_ buffer: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(buffer.lines.count == buffer.size.height, sourceLocation: sourceLocation)
    for (y, line) in buffer.lines.enumerated() {
        #expect(line.displayWidth == buffer.size.width, "row \(y): \(line)", sourceLocation: sourceLocation)
    }
    for y in 0..<buffer.size.height {
        for x in 0..<buffer.size.width where buffer[x, y].isContinuation {
            #expect(x > 0 && TextWidth.of(buffer[x - 1, y].symbol) == 2, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
        }
    }
}

/// A reference box, so that a row closure can count how often it is called.
final class Counter {
    var count = 0
}

/// Instance types as the launch menu would offer them, for completion tests.
let instanceTypes = ["t3.micro", "t3.medium", "t3.large", "m5.large", "c5.xlarge"]

@Sendable func completeInstanceType(_ text: String) -> [String] {
    instanceTypes.filter { $0.hasPrefix(text) }
}
