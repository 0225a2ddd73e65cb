@testable import Dashboard
import Estate
import Terminal
import Testing

@Suite struct EdgeViewTests {
    typealias F = DashboardFixtures

    /// The default estate with a few requests of each kind sent through its distribution.
    static func dashboardWithRequests() -> Dashboard {
        let d = F.dashboard(edgeTraffic: false)
        let runner = CommandRunner(estate: d.estate)
        for line in ["edge request GET /docs", "edge request GET /healthz", "edge request GET /account/orders",
                     "edge request GET /docs", "edge request GET '/api/items?id=7'", "edge request GET /nope.html"] {
            _ = runner.run(line)
            d.estate.advance(by: .milliseconds(250))
        }
        return d
    }

    static func edge(_ d: Dashboard) -> EdgeView { d.focused(EdgeView.self)! }

    @Test(arguments: [(120, 40), (80, 24)] as [(Int, Int)])
    func screen(size: (Int, Int)) {
        let d = Self.dashboardWithRequests()
        F.press(d, .character("5"))
        Golden.check(F.screen(d, width: size.0, height: size.1), name: "edge-\(size.0)x\(size.1)")
    }

    @Test func theScreenNameAndKeyOpenIt() {
        #expect(ViewRegistry.named("edge") == .edge)
        #expect(ViewRegistry.registration(.edge)?.key == "5")
        let d = F.dashboard()
        F.press(d, .character("5"))
        #expect(d.state.view == .edge)
    }

    /// Each request is one row: method, the URI and what a function rewrote it to, the status,
    /// the cache result and the functions that ran.
    @Test func theLogShowsRewritesResultsAndFunctions() {
        let d = Self.dashboardWithRequests()
        F.press(d, .character("5"))
        _ = F.screen(d)
        let rows = Self.edge(d).model.requests
        #expect(rows.map(\.uri) == ["/docs", "/healthz", "/account/orders", "/docs", "/api/items?id=7", "/nope.html"])
        // docs-index rewrites the folder for the origin on a miss; on the hit no origin trigger runs.
        #expect(rows[0].rewrittenUri == "/docs/index.html" && rows[0].resultType == "Miss" && rows[0].status == 200)
        #expect(rows[0].functions == ["VReq:edge-router", "OReq:docs-index", "VRes:security-headers"])
        #expect(rows[3].rewrittenUri == nil && rows[3].resultType == "Hit")
        #expect(rows[3].functions == ["VReq:edge-router", "VRes:security-headers"])
        // /healthz is answered at the edge; /account without a session is sent to /login.
        #expect(rows[1].status == 200 && rows[1].resultType == "LambdaGeneratedResponse" && rows[1].functions == ["VReq:edge-router"])
        #expect(rows[2].status == 302 && rows[2].functions == ["VReq:account-gate"])
        #expect(rows[5].status == 404)
        let text = F.text(d, width: 160, height: 40)
        #expect(text.contains("GET /docs → /docs/index.html"))
        #expect(text.contains("Generated"))
    }

    /// The trace pane tells the selected request's story in trigger order.
    @Test func theTracePaneShowsTheSelectedRequest() {
        let d = Self.dashboardWithRequests()
        F.press(d, .character("5"))
        _ = F.screen(d)
        // The newest is selected while following; five up is the first /docs, a miss.
        F.press(d, .up, .up, .up, .up, .up)
        let text = F.text(d, width: 160, height: 50)
        let lines = text.split(separator: "\n").map(String.init)
        let order = ["viewer-request  edge-router:1", "origin-request  docs-index:1", "viewer-response security-headers:1"]
            .map { step in lines.firstIndex { $0.contains(step) } }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "the three steps in trigger order")
        // Rule costs by hand: 400 µs base, 50 per rule's conditions (at least one), 40 per action run.
        #expect(text.contains("edge-router:1      0.64 ms"))      // 4 rules, one action
        #expect(text.contains("docs-index:1       0.49 ms"))      // 1 rule, one action, then stop
        #expect(text.contains("security-headers:1 0.65 ms"))      // 1 rule, five actions
        #expect(text.contains("Origin    GET /docs/index.html"))
        #expect(text.contains("Response  200 OK"))
        #expect(text.contains("strict-transport-security: max-age=63072000"))
        #expect(text.contains("x-cache: Miss from cloudfront"))
    }

    /// Following keeps the newest selected; a move picks an older one and keeps it as requests arrive.
    @Test func followingAndPausing() {
        let d = Self.dashboardWithRequests()
        F.press(d, .character("5"))
        _ = F.screen(d)
        #expect(Self.edge(d).following)
        F.press(d, .up)
        let picked = Self.edge(d).selectedId
        #expect(!Self.edge(d).following && picked == Self.edge(d).model.requests[4].requestId)
        _ = CommandRunner(estate: d.estate).run("edge request GET /blog")
        d.estate.advance(by: .seconds(1))
        _ = F.screen(d)
        #expect(Self.edge(d).selectedId == picked, "the picked request stays selected")
        #expect(F.text(d).contains("paused, f follows"))
        F.press(d, .character("f"))
        _ = F.screen(d)
        #expect(Self.edge(d).following && Self.edge(d).model.selected?.viewerRequest.uri == "/blog")
    }

    @Test func theFilterKeepsMatchingRequests() {
        let d = Self.dashboardWithRequests()
        F.press(d, .character("5"), .character("/"))
        F.type(d, "docs-index")
        _ = F.screen(d)
        // docs-index runs at origin-request: on the /docs miss and the /nope.html miss, not on the hit.
        #expect(Self.edge(d).model.requests.map(\.uri) == ["/docs", "/nope.html"])
        #expect(F.text(d).contains("Requests (2 of 6, filter /docs-index"))
    }

    /// Functions are listed in the order a request meets their triggers, with rates and durations.
    @Test func functionsByTriggerWithRatesAndPercentiles() {
        let d = Self.dashboardWithRequests()
        d.estate.advance(by: .seconds(2))
        F.press(d, .character("5"))
        _ = F.screen(d)
        let functions = Self.edge(d).model.functions
        #expect(functions.map(\.eventType) == functions.map(\.eventType).sorted())
        let router = functions.first { $0.functionName == "edge-router" && $0.eventType == .viewerRequest }!
        // Five requests went through the default and API behaviours' edge-router; /healthz answered early.
        #expect(router.invocations == 5)
        #expect(router.invocationsPerSecondHistory.reduce(0, +) == 5)
        #expect(abs(router.durationP50Milliseconds - 0.64) < 0.01)
        let text = F.text(d)
        #expect(text.contains("Functions by trigger"))
        #expect(text.contains("website"))
    }

    @Test func theOverviewHasAnEdgeTile() {
        let d = Self.dashboardWithRequests()
        let text = F.text(d)
        #expect(text.contains("┌ Edge"))
        #expect(text.contains("website"))
        #expect(text.contains("req/s"))
    }

    @Test func helpListsTheEdgeKeys() {
        let d = F.dashboard()
        F.press(d, .character("5"), .character("?"))
        let text = F.text(d, width: 160, height: 60)
        #expect(text.contains("follow new requests on/off"))
        #expect(text.contains("Edge"))
    }
}
