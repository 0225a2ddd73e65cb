import Testing
@testable import Terminal

struct RendererTests {
    @Test func secondFrameDrawsOnlyChanges() {
        let backend = MemoryBackend(width: 10, height: 3)
        let renderer = Renderer(backend: backend)
        renderer.draw { buffer, _ in buffer.write("cpu 42%", at: Point(x: 0, y: 1)) }
        #expect(backend.cellsDrawnInLastFlush == 30)
        renderer.draw { buffer, _ in buffer.write("cpu 43%", at: Point(x: 0, y: 1)) }
        #expect(backend.cellsDrawnInLastFlush == 1)
        renderer.draw { buffer, _ in buffer.write("cpu 43%", at: Point(x: 0, y: 1)) }
        #expect(backend.cellsDrawnPerFlush == [30, 1, 0])
        #expect(backend.lines == ["          ", "cpu 43%   ", "          "])
    }

    @Test func wideCharactersSurviveTheRoundTrip() {
        let backend = MemoryBackend(width: 6, height: 1)
        let renderer = Renderer(backend: backend)
        renderer.draw { buffer, _ in buffer.write("ab日cd", at: Point(x: 0, y: 0)) }
        renderer.draw { buffer, _ in buffer.write("日本x", at: Point(x: 0, y: 0)) }
        #expect(backend.lines == ["日本x "])
        #expect(backend.buffer == renderer.previous)
    }

    @Test func resizeAndInvalidateRedrawEverything() {
        let backend = MemoryBackend(width: 4, height: 2)
        let renderer = Renderer(backend: backend)
        renderer.draw { buffer, _ in buffer.write("ab", at: Point(x: 0, y: 0)) }
        backend.resize(to: Size(width: 5, height: 2))
        #expect(backend.readEvent(timeoutMilliseconds: 0) == .resize(Size(width: 5, height: 2)))
        renderer.draw { buffer, _ in buffer.write("ab", at: Point(x: 0, y: 0)) }
        #expect(backend.cellsDrawnInLastFlush == 10)
        renderer.invalidate()
        renderer.draw { buffer, _ in buffer.write("ab", at: Point(x: 0, y: 0)) }
        #expect(backend.cellsDrawnPerFlush == [8, 10, 10])
        #expect(backend.clearCount == 3)
        #expect(backend.lines == ["ab   ", "     "])
    }

    @Test func scriptedInputIsReadInOrder() {
        let backend = MemoryBackend(width: 1, height: 1)
        backend.type("ls")
        backend.enqueue(keys: [.enter])
        backend.enqueue(.click(Point(x: 0, y: 0)))
        var events: [InputEvent] = []
        while let event = backend.readEvent(timeoutMilliseconds: 10) { events.append(event) }
        #expect(events == [.key(.character("l")), .key(.character("s")), .key(.enter), .click(Point(x: 0, y: 0))])
        #expect(backend.pendingEvents == 0)
    }
}
