@testable import Estate
import Testing

/// The default estate's website as a template (Config/stacks/website.yaml): five Lambda@Edge
/// functions, a version of each, and a CloudFront distribution with three behaviours whose TTLs,
/// cache keys and function associations come from the template; the traffic waits for the
/// distribution to be Deployed. Expected values are the template's, written out by hand.
@Suite struct WebsiteStackTests {
    static func defaultEstate(runner: any EdgeCodeRunner = NoRuntimes()) throws -> Estate {
        let config = try EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        return try EstateBuilder.build(config, file: "estate.yaml", edgeCodeRunner: runner)
    }

    /// (event type, function, version) of each association, in trigger order.
    static func associations(_ behavior: CacheBehavior) -> [String] {
        behavior.associations.map { "\($0.eventType.rawValue):\($0.functionName):\($0.version.map(String.init) ?? "-")" }
    }

    @Test func theDefaultEstateListsTheWebsiteStack() throws {
        let config = try EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        #expect(config.stacks.map(\.template).contains("website"))
        // The distribution and its functions are the stack's; estate.yaml keeps the estate-wide settings.
        #expect(config.edge?.functions.isEmpty == true && config.edge?.distributions.isEmpty == true)
        #expect(config.edge?.traffic?.distribution == "website" && config.edge?.sessionSecret != nil)
    }

    @Test func afterFiveMinutesTheWebsiteStackIsCompleteAndItsDistributionDeployed() throws {
        let estate = try Self.defaultEstate()
        estate.advance(to: .zero + .minutes(5))
        let stack = try #require(estate.stacks.stack("website"))
        #expect(stack.status == StackStatus.createComplete, "\(stack.statusReason ?? "")")
        let resources = stack.resourcesByID.values.sorted { $0.logicalID < $1.logicalID }
        #expect(resources.map(\.logicalID) == ["AccountGate", "AccountGateVersion", "Distribution", "DocsIndex", "DocsIndexVersion",
                                               "EdgeRouter", "EdgeRouterVersion", "SecurityHeaders", "SecurityHeadersJs",
                                               "SecurityHeadersJsVersion", "SecurityHeadersVersion"])
        #expect(resources.allSatisfy { $0.status == StackStatus.createComplete })
        let distribution = try #require(estate.edge.distribution(named: "website"))
        #expect(distribution.status == "Deployed")
        #expect(stack.resource("Distribution")?.physicalID == distribution.id)
        // The functions carry the template's names; each has its version 1.
        for name in ["account-gate", "docs-index", "edge-router", "security-headers", "security-headers-js"] {
            let function = try #require(estate.edge.function(named: name), "\(name)")
            #expect(function.versions.map(\.number) == [1], "\(name)")
        }
        // Rule functions run their file from Config/edge, the Node.js handler its inline code.
        #expect(estate.edge.function(named: "edge-router")?.latest.runtime == .rules)
        #expect(estate.edge.function(named: "security-headers-js")?.latest.runtime == .nodejs20)
    }

    @Test func theBehavioursHaveTheTemplatesTTLsCacheKeysAndFunctions() throws {
        let estate = try Self.defaultEstate()
        StackFixtures.settle(estate, "website")
        let d = try #require(estate.edge.distribution(named: "website"))
        #expect(d.behaviors.map(\.pathPattern) == ["/account/*", "/api/*"])
        let account = d.behaviors[0], api = d.behaviors[1], site = d.defaultBehavior
        #expect([account.targetOriginId, api.targetOriginId, site.targetOriginId] == ["site", "api", "site"])
        #expect([account.minTTLSeconds, account.defaultTTLSeconds, account.maxTTLSeconds] == [0, 0, 0])
        #expect([api.minTTLSeconds, api.defaultTTLSeconds, api.maxTTLSeconds] == [0, 5, 60])
        #expect([site.minTTLSeconds, site.defaultTTLSeconds, site.maxTTLSeconds] == [0, 3600, 86_400])
        #expect(account.cacheKeyCookies == ["session"] && account.cacheKeyHeaders.isEmpty && account.queryStrings == .none)
        #expect(api.cacheKeyCookies.isEmpty && api.cacheKeyHeaders == ["x-device-type"] && api.queryStrings == .all)
        #expect(site.cacheKeyCookies.isEmpty && site.cacheKeyHeaders == ["x-device-type"] && site.queryStrings == .none)
        // Without Node.js the account pages get the rule function's version (the template's fallback).
        #expect(Self.associations(account) == ["viewer-request:account-gate:1", "viewer-response:security-headers:1"])
        #expect(Self.associations(api) == ["viewer-request:edge-router:1", "viewer-response:security-headers:1"])
        #expect(Self.associations(site) == ["viewer-request:edge-router:1", "origin-request:docs-index:1", "viewer-response:security-headers:1"])
        // The origins simulate what the distribution's Metadata says.
        guard case let .staticSite(pages)? = d.origin("site")?.kind, case let .api(behaviour)? = d.origin("api")?.kind else {
            Issue.record("origins: \(d.origins.map(\.id))")
            return
        }
        #expect(pages.cacheControl == "max-age=300")
        #expect(pages.pages.contains("/products/page-40/index.html") && !pages.pages.contains("/products/page-41/index.html"))
        #expect(behaviour.latencyP50Milliseconds == 40 && behaviour.latencyP99Milliseconds == 400 && behaviour.errorRate == 0.01)
    }

    @Test func withNodeTheHandlersVersionGuardsTheAccountPages() throws {
        let estate = try Self.defaultEstate(runner: ScriptedRunner { _ in .result("{}", coldStart: false) })
        StackFixtures.settle(estate, "website")
        let d = try #require(estate.edge.distribution(named: "website"))
        #expect(Self.associations(d.behaviors[0]) == ["viewer-request:account-gate:1", "viewer-response:security-headers-js:1"])
    }

    /// The associations `get-distribution` reports are the version ARNs the stack's versions are (`!Ref`).
    @Test func theDistributionReferencesTheStacksVersionARNs() throws {
        let estate = try Self.defaultEstate()
        StackFixtures.settle(estate, "website")
        let stack = try #require(estate.stacks.stack("website"))
        let id = try #require(stack.resource("Distribution")?.physicalID)
        let config = try #require(try estate.execute(OperationRequest(service: "cloudfront", operation: "GetDistribution",
                                                                       parameters: ["Id": .string(id)])).get()["Distribution"]?["DistributionConfig"])
        func arns(_ behavior: JSONValue?) -> [String] {
            (behavior?["LambdaFunctionAssociations"]?["Items"]?.arrayValue ?? []).compactMap { $0["LambdaFunctionARN"]?.stringValue }
        }
        func version(_ logicalID: String) -> String { stack.resource(logicalID)?.physicalID ?? "?" }
        #expect(version("EdgeRouterVersion") == "arn:aws:lambda:us-east-1:123456789012:function:edge-router:1")
        #expect(arns(config["DefaultCacheBehavior"]) == [version("EdgeRouterVersion"), version("DocsIndexVersion"), version("SecurityHeadersVersion")])
        let behaviors = config["CacheBehaviors"]?["Items"]?.arrayValue ?? []
        #expect(arns(behaviors.first) == [version("AccountGateVersion"), version("SecurityHeadersVersion")])
        #expect(behaviors.first?["ForwardedValues"]?["Cookies"] == ["Forward": "whitelist", "WhitelistedNames": ["Quantity": 1, "Items": ["session"]]])
        #expect(config["Comment"] == "website")
    }

    /// Nothing is sent or counted until the distribution is Deployed; then one request every five
    /// seconds, each with its real-time log record on edge-logs, which the edge-status job indexes.
    @Test func trafficStartsOnceTheDistributionIsDeployed() throws {
        let estate = try Self.defaultEstate()
        let traffic = try #require(estate.edge.traffic)
        var deployedAt: SimInstant?
        for _ in 0..<600 where deployedAt == nil {
            #expect(traffic.sent == 0 && traffic.logRecordsPut == 0 && traffic.logRecordsFailed == 0, "at \(estate.now)")
            estate.advance(by: .seconds(1))
            if estate.edge.distribution(named: "website")?.status == "Deployed" { deployedAt = estate.now }
        }
        let deployed = try #require(deployedAt)
        // Created right after the warmup's first moments, then the deployment time.
        #expect(deployed <= .zero + .seconds(5) + EdgeService.deploymentTime)
        estate.advance(to: deployed + .seconds(60))
        // 0.2 requests a second for 60 s (the first second may fall either side of the deployment).
        #expect((11...12).contains(traffic.sent), "\(traffic.sent)")
        #expect(traffic.logRecordsPut == traffic.sent && traffic.logRecordsFailed == 0)
        let records = estate.kinesis.stream(named: "edge-logs")?.shards.reduce(0) { $0 + $1.records.count }
        #expect(records == traffic.sent)
        #expect(estate.edge.distributionRows.first?.requests == traffic.sent)
        estate.advance(to: .zero + .minutes(6))
        #expect((estate.search.index(named: "edge-requests")?.documentCount ?? 0) > 0, "the edge-status job indexes the log records")
    }

    /// The rule functions stand in for the template's handlers: no drift on a fresh stack.
    @Test func aFreshWebsiteStackHasNoDrift() throws {
        let estate = try Self.defaultEstate()
        StackFixtures.settle(estate, "website")
        let reply = try CommandRunner(estate: estate).run("cloudformation detect-stack-drift --stack-name website")!.result.get()
        let id = try #require(reply["StackDriftDetectionId"]?.stringValue)
        let status = try CommandRunner(estate: estate).run("cloudformation describe-stack-drift-detection-status --stack-drift-detection-id \(id)")!.result.get()
        #expect(status["StackDriftStatus"] == "IN_SYNC", "\(status.serialized())")
    }

    @Test func trafficNamingNoDistributionIsAConfigErrorAtItsLine() {
        let yaml = "name: x\nstacks: [website]\nedge:\n  traffic: { distribution: websit, rate: 1 }\n"
        #expect(throws: ConfigError(file: "estate.yaml", line: 4, message: "traffic needs distribution: one of website (did you mean 'website'?)")) {
            _ = try EstateConfig.parse(yaml, file: "estate.yaml")
        }
        // Without the stack the name means nothing.
        #expect(throws: ConfigError.self) { _ = try EstateConfig.parse("name: x\nedge:\n  traffic: { distribution: website }\n", file: "estate.yaml") }
    }
}

/// The edge's `Metadata.cloudtop` in any template: checked before anything is created.
@Suite struct EdgeMetadataTests {
    static func function(_ metadata: String, runtime: String = "nodejs20.x") -> String {
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Metadata:
              cloudtop: \(metadata)
            Properties:
              FunctionName: fn
              Runtime: \(runtime)
              Handler: index.handler
              Role: arn:aws:iam::123456789012:role/r
              Code: { ZipFile: "exports.handler = async (e) => e.Records[0].cf.request;" }
          FnVersion:
            Type: AWS::Lambda::Version
            Properties: { FunctionName: !Ref Fn }
        """
    }

    static func deploy(_ body: String) throws -> Estate {
        let estate = Estate(name: "t", seed: 11, edgeCodeRunner: NoRuntimes())
        try estate.stacks.createStack(name: "s", body: body)
        StackFixtures.settle(estate, "s")
        return estate
    }

    @Test func aRuleFileRunsInPlaceOfTheHandler() throws {
        let estate = try Self.deploy(Self.function("{ rules: edge/docs-index.yaml }"))
        #expect(StackFixtures.status(estate, "s") == StackStatus.createComplete)
        let function = try #require(estate.edge.function(named: "fn"))
        #expect(function.latest.runtime == .rules && function.version(1)?.body.runtime == .rules)
        #expect(function.description == "/docs → /docs/index.html for the origin", "the file's description, the template giving none")
    }

    @Test(arguments: [
        ("{ rules: edge/nope.yaml }", "no rule-function file edge/nope.yaml"),
        ("{ rules: edge/security-headers-js.yaml }", "edge/security-headers-js.yaml is a nodejs20.x function; give its code as Code.ZipFile"),
        ("{ workload: steady }", "unknown key 'workload' for AWS::Lambda::Function (keys: rules)"),
    ])
    func aBadRuleFileFailsTheResourceWithItsReason(metadata: String, reason: String) throws {
        let estate = try Self.deploy(Self.function(metadata))
        #expect(StackFixtures.status(estate, "s") == StackStatus.rollbackComplete)
        let failed = StackFixtures.events(estate, "s").first { $0.logicalID == "Fn" && $0.status == StackStatus.createFailed }
        #expect(failed?.reason?.contains(reason) == true, "\(failed?.reason ?? "no failure")")
        #expect(estate.edge.function(named: "fn") == nil)
    }

    @Test func aBadOriginFailsTheDistributionBeforeItIsCreated() throws {
        let body = """
        Resources:
          D:
            Type: AWS::CloudFront::Distribution
            Metadata:
              cloudtop:
                origins: [{ id: site, api: { latency-p50: 400ms, latency-p99: 40ms } }]
            Properties:
              DistributionConfig:
                Enabled: true
                Origins: [{ Id: site, DomainName: site.example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]
                DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: allow-all, ForwardedValues: { QueryString: false } }
        """
        let estate = try Self.deploy(body)
        let failed = StackFixtures.events(estate, "s").first { $0.logicalID == "D" && $0.status == StackStatus.createFailed }
        #expect(failed?.reason?.contains("api latency needs 0 < latency-p50 ≤ latency-p99") == true, "\(failed?.reason ?? "no failure")")
        #expect(estate.edge.distributions.isEmpty)
    }
}

/// `create-distribution` with the legacy cache settings (`ForwardedValues`) and the
/// simulation-only `SimulatedOrigins`, as the website's stack sends them.
@Suite struct CloudFrontCreateSettingsTests {
    static func create(_ estate: Estate, cookies: JSONValue) -> Result<JSONValue, AWSError> {
        let config: JSONValue = [
            "CallerReference": "keys",
            "Origins": ["Quantity": 1, "Items": [["Id": "s", "DomainName": "s.s3.amazonaws.com", "S3OriginConfig": ["OriginAccessIdentity": ""]]]],
            "DefaultCacheBehavior": ["TargetOriginId": "s", "ViewerProtocolPolicy": "allow-all", "ForwardedValues": [
                "QueryString": true, "QueryStringCacheKeys": ["Quantity": 1, "Items": ["id"]],
                "Headers": ["Quantity": 1, "Items": ["X-Device-Type"]], "Cookies": cookies,
            ]],
        ]
        return estate.execute(OperationRequest(service: "cloudfront", operation: "CreateDistribution", parameters: [
            "DistributionConfig": config, "SimulatedOrigins": [["Id": "s", "StaticSite": ["Sections": ["shop"], "PagesPerSection": 2]]],
        ]))
    }

    @Test func forwardedValuesFormTheCacheKeyAndTheDistributionDeploys() throws {
        let estate = Estate(name: "t", seed: 3, edgeCodeRunner: NoRuntimes())
        let reply = try Self.create(estate, cookies: ["Forward": "all"]).get()
        #expect(reply["Distribution"]?["Status"] == "InProgress")
        let d = try #require(estate.edge.distribution(named: "keys"))
        #expect(d.defaultBehavior.queryStrings == .only(["id"]))
        #expect(d.defaultBehavior.cacheKeyHeaders == ["x-device-type"] && d.defaultBehavior.cacheKeyCookies == ["*"])
        guard case let .staticSite(site)? = d.origin("s")?.kind else { Issue.record("not a static site"); return }
        #expect(site.pages.contains("/shop/page-2/index.html") && !site.pages.contains("/shop/page-3/index.html"))
        estate.advance(by: EdgeService.deploymentTime)
        #expect(d.status == "Deployed")
    }

    @Test func anUnknownCookieForwardIsRefusedAndNothingCreated() {
        let estate = Estate(name: "t", seed: 3, edgeCodeRunner: NoRuntimes())
        let reply = Self.create(estate, cookies: ["Forward": "some"])
        #expect(reply == .failure(AWSError("InvalidArgument", "Cookies Forward must be none, whitelist or all, not some.")))
        #expect(estate.edge.distributions.isEmpty)
    }
}
