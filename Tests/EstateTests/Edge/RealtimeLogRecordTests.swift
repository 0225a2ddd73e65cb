@testable import Estate
import Testing

/// The CloudFront real-time log record the traffic puts on its log stream: tab-separated fields in
/// CloudFront's order (timestamp, c-ip, time-taken, sc-status, cs-method, cs-uri-stem,
/// x-edge-result-type, x-edge-request-id, cs-user-agent, c-country). The timestamp is Unix
/// seconds and time-taken seconds, both with exactly three decimals; a field with no value is `-`.
@Suite struct RealtimeLogRecordTests {
    static func exchange(atMilliseconds ms: Int64, takenMilliseconds: Double, headers: [(String, String)]) -> EdgeExchange {
        var exchange = EdgeExchange(requestId: "ABCDEFGHIJ0123456789==", distributionId: "E1", distributionName: "website",
                                    at: SimInstant(milliseconds: ms),
                                    viewerRequest: EdgeRequest(clientIp: "198.51.100.7", method: "GET", uri: "/docs/index.html",
                                                               headers: EdgeHeaders(headers)))
        exchange.response = EdgeResponse(status: 304)
        exchange.resultType = "Hit"
        exchange.timeTakenMilliseconds = takenMilliseconds
        return exchange
    }

    @Test func fieldsComeInCloudFrontsOrder() {
        let record = Self.exchange(atMilliseconds: 5_007, takenMilliseconds: 12.5,
                                   headers: [("User-Agent", "curl/8.5.0"), ("CloudFront-Viewer-Country", "DE")]).realtimeLogRecord
        let epoch = SimCalendar.epochUnixSeconds
        #expect(record.split(separator: "\t", omittingEmptySubsequences: false) == [
            "\(epoch + 5).007", "198.51.100.7", "0.013", "304", "GET", "/docs/index.html", "Hit", "ABCDEFGHIJ0123456789==", "curl/8.5.0", "DE",
        ])
    }

    @Test func decimalsArePaddedToThreeDigits() {
        let fields = { (ms: Int64, taken: Double) in
            Self.exchange(atMilliseconds: ms, takenMilliseconds: taken, headers: []).realtimeLogRecord.split(separator: "\t").map(String.init)
        }
        let epoch = SimCalendar.epochUnixSeconds
        #expect(fields(60_000, 1_000)[0] == "\(epoch + 60).000")
        #expect(fields(60_000, 1_000)[2] == "1.000")
        #expect(fields(60_040, 40)[0] == "\(epoch + 60).040")
        #expect(fields(60_040, 40)[2] == "0.040")
        #expect(fields(60_900, 2_345.4)[2] == "2.345")
    }

    @Test func missingAgentAndCountryAreDashes() {
        let fields = Self.exchange(atMilliseconds: 0, takenMilliseconds: 1, headers: []).realtimeLogRecord.split(separator: "\t")
        #expect(fields.count == 10)
        #expect(fields[8] == "-")
        #expect(fields[9] == "-")
    }
}
