/// A seeded stream of realistic viewers for one distribution, in virtual time: pages, the API,
/// account pages with valid, expired, forged or missing sessions, health checks, bots and scanners.
public final class EdgeTraffic {
    public struct Settings: Sendable, Equatable {
        public var distribution: String
        public var requestsPerSecond: Double
        /// Kinesis stream for CloudFront real-time log records, if any.
        public var logStream: String?
        public init(distribution: String, requestsPerSecond: Double, logStream: String? = nil) {
            self.distribution = distribution
            self.requestsPerSecond = requestsPerSecond
            self.logStream = logStream
        }
    }

    public let settings: Settings
    public internal(set) var sent = 0
    public internal(set) var logRecordsPut = 0
    public internal(set) var logRecordsFailed = 0
    var random: SeededRandom
    var carry = 0.0
    /// The site's pages, read from the distribution when the traffic starts flowing.
    var pages: [String] = ["/index.html"]
    /// Whether the distribution has been Deployed since the traffic started: until then (a stack
    /// may still be creating it) nothing is sent and nothing counted.
    public internal(set) var isFlowing = false
    var task: Scheduler.TaskID?

    init(settings: Settings, random: SeededRandom) {
        self.settings = settings
        self.random = random
    }

    /// Starts sending to `distribution`, from its static sites' pages.
    func flow(to distribution: Distribution) {
        var found: [String] = []
        for origin in distribution.origins {
            if case let .staticSite(site) = origin.kind { found += site.pages.sorted().filter { !$0.hasPrefix("/account") } }
        }
        if !found.isEmpty { pages = found }
        isFlowing = true
    }

    static let userAgents: [(String, Double)] = [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", 0.35),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", 0.25),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", 0.15),
        ("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/604.1", 0.1),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", 0.1),
        ("curl/8.5.0", 0.05),
    ]
    static let botAgents = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"]
    static let scannerPaths = ["/wp-login.php", "/.env", "/admin.php", "/phpmyadmin/index.php", "/.git/config", "/cgi-bin/test.cgi"]
    static let countries: [(String, Double)] = [("US", 0.4), ("DE", 0.12), ("GB", 0.1), ("JP", 0.1), ("IN", 0.1), ("BR", 0.08), ("FR", 0.1)]

    private func pick<T>(_ weighted: [(T, Double)]) -> T {
        var x = random.unit()
        for (value, weight) in weighted {
            if x < weight { return value }
            x -= weight
        }
        return weighted.last!.0
    }

    /// The next viewer request; sessions are signed with `sessions` relative to `now`.
    func nextRequest(sessions: SessionSigner, now: SimInstant) -> EdgeRequest {
        var headers = EdgeHeaders()
        var method = "GET"
        var uri: String
        var query = ""
        var agent = pick(Self.userAgents)
        let roll = random.unit()
        switch roll {
        case ..<0.45: uri = pages[random.int(in: 0...(pages.count - 1))]
        case ..<0.55: uri = ["/docs", "/docs/", "/blog", "/"][random.int(in: 0...3)]
        case ..<0.65:
            uri = "/api/items"
            query = "id=\(random.int(in: 1...200))"
            if random.unit() < 0.2 { method = "POST" }
        case ..<0.77:
            uri = ["/account/", "/account/orders", "/account/settings"][random.int(in: 0...2)]
            let user = "user\(random.int(in: 1...500))"
            let kind = random.unit()
            if kind < 0.6 {
                headers.add("Cookie", "session=\(sessions.sign(user: user, expires: now + .hours(2)))")
            } else if kind < 0.8 {
                headers.add("Cookie", "session=\(sessions.sign(user: user, expires: now - .minutes(5)))")
            } else if kind < 0.9 {
                let real = sessions.sign(user: user, expires: now + .hours(2))
                headers.add("Cookie", "session=\(real.dropLast(4))beef")
            }
        case ..<0.82: uri = "/healthz"; agent = "ELB-HealthChecker/2.0"
        case ..<0.88: uri = "/missing-\(random.int(in: 1...50)).html"
        case ..<0.93: uri = Self.scannerPaths[random.int(in: 0...(Self.scannerPaths.count - 1))]; agent = "Mozilla/5.0 zgrab/0.x"
        default: uri = pages[random.int(in: 0...(pages.count - 1))]; agent = Self.botAgents[random.int(in: 0...1)]
        }
        headers.add("User-Agent", agent)
        headers.add("Accept", uri.hasPrefix("/api/") ? "application/json" : "text/html,*/*")
        headers.add("CloudFront-Viewer-Country", pick(Self.countries))
        let ip = "\(random.unit() < 0.5 ? "203.0.113" : "198.51.100").\(random.int(in: 1...254))"
        return EdgeRequest(clientIp: ip, method: method, uri: uri, querystring: query, headers: headers)
    }

    var json: JSONValue {
        .object([
            ("Distribution", .string(settings.distribution)), ("RequestsPerSecond", .double(settings.requestsPerSecond)),
            ("LogStream", settings.logStream.map(JSONValue.string) ?? .null), ("Sent", .int(Int64(sent))),
            ("LogRecordsPut", .int(Int64(logRecordsPut))), ("LogRecordsFailed", .int(Int64(logRecordsFailed))),
        ])
    }
}

extension EdgeService {
    /// Starts the traffic generator (replacing any running one); requests are served each virtual
    /// second once the distribution is Deployed. With `waiting`, the distribution may not exist
    /// yet (a stack is creating it): the generator waits for it, sending and counting nothing.
    public func startTraffic(_ settings: EdgeTraffic.Settings, waiting: Bool = false) throws(AWSError) {
        guard waiting || distribution(named: settings.distribution) != nil else { throw noSuchDistribution(settings.distribution) }
        guard settings.requestsPerSecond > 0, settings.requestsPerSecond <= 10_000 else {
            throw AWSError("InvalidArgument", "The traffic rate must be between 0 and 10000 requests per second.")
        }
        stopTraffic()
        let generator = EdgeTraffic(settings: settings, random: trafficRandom.fork(settings.distribution))
        traffic = generator
        scheduleTraffic(generator)
    }

    public func stopTraffic() {
        if let task = traffic?.task { scheduler.cancel(task) }
        traffic = nil
    }

    private func scheduleTraffic(_ generator: EdgeTraffic) {
        generator.task = scheduler.schedule(after: .seconds(1)) { [weak self, weak generator] in
            guard let self, let generator, self.traffic === generator else { return }
            guard let distribution = self.distribution(named: generator.settings.distribution),
                  generator.isFlowing || distribution.status == "Deployed" else {
                // Not there or not yet deployed: wait; a distribution gone after it flowed ends the traffic.
                if !generator.isFlowing { self.scheduleTraffic(generator) }
                return
            }
            if !generator.isFlowing { generator.flow(to: distribution) }
            // A disabled distribution accepts no requests: its viewers send nothing meanwhile.
            generator.carry += distribution.isEnabled ? generator.settings.requestsPerSecond : 0
            let count = Int(generator.carry)
            generator.carry -= Double(count)
            for _ in 0..<count {
                let request = generator.nextRequest(sessions: self.sessions, now: self.scheduler.now)
                _ = self.serve(distribution, request, detailedTrace: false)
                generator.sent += 1
            }
            self.scheduleTraffic(generator)
        }
    }
}
