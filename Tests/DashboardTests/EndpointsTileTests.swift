@testable import Dashboard
import Estate
import Terminal
import Testing

/// With `--listen` the Overview says where the endpoints are and how many requests a second the
/// AWS one answers; without it there is no such tile.
@Suite struct EndpointsTileTests {
    typealias F = DashboardFixtures

    /// Stands for the endpoint's own request event, which lives in the endpoint's module.
    struct Request: ServiceEvent {
        var service: String { "kinesis" }
        var name: String { "APICall" }
        var resourceID: String? { "PutRecord" }
        var summary: String { "HTTP 200" }
        var detail: JSONValue { .null }
    }

    static func listening(_ d: Dashboard) -> EndpointActivity {
        let activity = EndpointActivity(aws: "http://127.0.0.1:4566", postgres: "127.0.0.1:5439", bus: d.estate.bus) { $0.event is Request }
        d.endpoints = activity
        return activity
    }

    static func send(_ d: Dashboard, _ count: Int) {
        for _ in 0..<count { d.estate.bus.publish(Request()) }
    }

    @Test func withoutListenTheOverviewHasNoEndpointsTile() {
        let screen = F.screen(F.dashboard())
        #expect(!screen.contains { $0.contains("Endpoints") || $0.contains("4566") })
    }

    @Test func theTileShowsBothEndpointsAndTheRequestsOfTheLastWallSecond() {
        let d = F.dashboard()
        let activity = Self.listening(d)
        activity.tick(wallSecond: 100)
        Self.send(d, 3)
        activity.tick(wallSecond: 101)  // second 100 closes with 3
        Self.send(d, 5)
        activity.tick(wallSecond: 102)  // second 101 closes with 5
        Self.send(d, 2)                 // still counting second 102
        let screen = F.screen(d)
        #expect(screen.contains { $0.contains("┌ Endpoints") })
        #expect(screen.contains { $0.contains("AWS         http://127.0.0.1:4566") })
        #expect(screen.contains { $0.contains("PostgreSQL  127.0.0.1:5439") })
        #expect(screen.contains { $0.contains("requests    5/s ") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("answered    10 since start") })
        #expect(activity.perSecond.values == [3, 5])

        // An idle stretch closes every skipped second with nothing: 2, then 0, 0.
        activity.tick(wallSecond: 105)
        #expect(activity.perSecond.values == [3, 5, 2, 0, 0])
        #expect(F.screen(d).contains { $0.contains("requests    0/s ") })
        Golden.check(F.screen(d), name: "overview-listen-120x40")
    }

    /// Events that are not requests (the simulation's own) are not counted.
    @Test func onlyRequestsCount() {
        let d = F.dashboard()
        let activity = Self.listening(d)
        activity.tick(wallSecond: 0)
        d.estate.advance(by: .seconds(30))
        activity.tick(wallSecond: 1)
        #expect(activity.total == 0)
        #expect(activity.perSecond.values == [0])
    }

    /// A closed second changes the Overview even when no event and no virtual second moved.
    @Test func aClosedSecondRedrawsTheOverviewWhenNothingElseMoved() {
        let d = F.dashboard()
        let activity = Self.listening(d)
        activity.tick(wallSecond: 0)
        Self.send(d, 4)
        _ = F.screen(d)
        activity.tick(wallSecond: 1)
        d.needsRedraw = false
        d.refresh()
        #expect(d.needsRedraw)
        #expect(F.screen(d).contains { $0.contains("requests    4/s ") })
    }

    @Test func renderingTheTileChangesNothing() {
        let d = F.dashboard()
        let activity = Self.listening(d)
        activity.tick(wallSecond: 0)
        Self.send(d, 7)
        activity.tick(wallSecond: 1)
        d.refresh()
        RenderPurityTests.expectPure(d, "overview with --listen")
    }
}
