@testable import Estate
import Testing

/// How long CloudFront keeps an origin's answer, from its `Cache-Control`: `max-age` (or
/// `s-maxage`) clamped to the behaviour's minimum and maximum TTL; `no-store`, `no-cache` or
/// `private` keep it only for the minimum TTL; no directive leaves it to the default TTL.
/// Directive names are case-insensitive in HTTP, and one field may be split over several lines.
@Suite struct CacheControlTTLTests {
    static let behavior: CacheBehavior = {
        var behavior = CacheBehavior(pathPattern: "*", targetOriginId: "site")
        behavior.minTTLSeconds = 10
        behavior.defaultTTLSeconds = 3_600
        behavior.maxTTLSeconds = 86_400
        return behavior
    }()

    static func ttl(_ controls: String...) -> Int64 {
        behavior.ttlSeconds(for: EdgeResponse(status: 200, headers: EdgeHeaders(controls.map { ("Cache-Control", $0) })))
    }

    @Test func noCacheControlGivesTheDefaultTTL() {
        #expect(Self.behavior.ttlSeconds(for: EdgeResponse(status: 200)) == 3_600)
        #expect(Self.ttl("public") == 3_600)
    }

    @Test func maxAgeIsClampedToTheBehavioursRange() {
        #expect(Self.ttl("max-age=300") == 300)
        #expect(Self.ttl("max-age=1") == 10)
        #expect(Self.ttl("max-age=999999999") == 86_400)
        #expect(Self.ttl("public, s-maxage=120") == 120)
    }

    @Test func directivesAreReadCaseInsensitivelyAndTrimmed() {
        #expect(Self.ttl("Public,  Max-Age=600 ") == 600)
        #expect(Self.ttl("NO-STORE") == 10)
    }

    @Test func refusalsKeepOnlyForTheMinimumTTL() {
        #expect(Self.ttl("no-store") == 10)
        #expect(Self.ttl("private, max-age=600") == 10)
        #expect(Self.ttl("max-age=600, no-cache") == 10)
    }

    @Test func aFieldSplitOverLinesIsReadAsOne() {
        #expect(Self.ttl("public", "max-age=900") == 900)
        #expect(Self.ttl("max-age=900", "no-store") == 10)
    }

    @Test func aMaxAgeThatIsNotANumberIsIgnored() {
        #expect(Self.ttl("max-age=soon") == 3_600)
        #expect(Self.ttl("max-age=, max-age=42") == 42)
    }

    /// Values beyond ASCII are read by characters; the answer does not depend on which reading ran.
    @Test func nonASCIIValuesAreReadTheSameWay() {
        #expect(Self.ttl("max-age=700, x-note=café") == 700)
        #expect(Self.ttl("x-note=café, private") == 10)
    }
}
