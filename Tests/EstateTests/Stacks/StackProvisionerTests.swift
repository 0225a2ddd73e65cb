import Testing
@testable import Estate

/// The resource types beyond instances and streams: each is created and deleted through its own
/// service's operations, with `Ref` and `Fn::GetAtt` as the AWS resource reference documents them.
struct StackProvisionerTests {
    typealias F = StackFixtures

    static func output(_ estate: Estate, _ stack: String, _ key: String) -> String? {
        estate.stacks.stack(stack)?.outputs.first { $0.key == key }?.value
    }

    /// Deletes the stack and waits; returns its id, by which a deleted stack is still found.
    @discardableResult
    static func deleteAndSettle(_ estate: Estate, _ stack: String) throws -> String {
        let id = try #require(estate.stacks.stack(stack)?.stackID)
        try estate.stacks.deleteStack(name: stack)
        F.settle(estate, stack)
        return id
    }

    // MARK: - S3

    @Test func bucketGetsALowerCaseGeneratedNameAndTheDocumentedAttributes() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "Store", body: """
        Resources:
          Artifacts: {Type: AWS::S3::Bucket}
        Outputs:
          Name: {Value: !Ref Artifacts}
          Arn: {Value: !GetAtt Artifacts.Arn}
          Domain: {Value: !GetAtt Artifacts.DomainName}
          Regional: {Value: !GetAtt Artifacts.RegionalDomainName}
          DualStack: {Value: !GetAtt Artifacts.DualStackDomainName}
        """)
        F.settle(estate, "Store")
        #expect(F.status(estate, "Store") == StackStatus.createComplete)
        let name = try #require(Self.output(estate, "Store", "Name"))
        // <stack>-<LogicalId>-<13 random>, lower-cased because bucket names allow no capitals.
        #expect(name.hasPrefix("store-artifacts-") && name.count == "store-artifacts-".count + 13 && name == name.lowercased())
        #expect(estate.s3.bucket(name) != nil)
        #expect(Self.output(estate, "Store", "Arn") == "arn:aws:s3:::\(name)")
        #expect(Self.output(estate, "Store", "Domain") == "\(name).s3.amazonaws.com")
        #expect(Self.output(estate, "Store", "Regional") == "\(name).s3.us-east-1.amazonaws.com")
        #expect(Self.output(estate, "Store", "DualStack") == "\(name).s3.dualstack.us-east-1.amazonaws.com")
        try Self.deleteAndSettle(estate, "Store")
        #expect(F.status(estate, "Store") == nil, "a deleted stack is no longer found by name")
        #expect(estate.s3.bucket(name) == nil)
    }

    @Test func aBucketThatStillHoldsObjectsFailsTheDeleteAsInAWS() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "logs", body: "Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {BucketName: my-logs}}")
        F.settle(estate, "logs")
        _ = try estate.execute(OperationRequest(service: "s3api", operation: "PutObject",
                                                parameters: ["Bucket": "my-logs", "Key": "a.txt", "Body": "hello"])).get()
        try Self.deleteAndSettle(estate, "logs")
        #expect(F.status(estate, "logs") == StackStatus.deleteFailed)
        let failure = try #require(F.last(F.events(estate, "logs"), "B", StackStatus.deleteFailed))
        #expect(failure.reason?.contains("The bucket you tried to delete is not empty") == true)
        #expect(estate.s3.bucket("my-logs") != nil)
    }

    @Test func changingTheBucketNameReplacesTheBucket() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "b", body: "Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {BucketName: first-name}}")
        F.settle(estate, "b")
        try estate.stacks.updateStack(name: "b", body: "Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {BucketName: second-name}}")
        F.settle(estate, "b")
        #expect(F.status(estate, "b") == StackStatus.updateComplete)
        #expect(estate.s3.bucket("first-name") == nil && estate.s3.bucket("second-name") != nil)
    }

    // MARK: - Redshift

    @Test func clusterTakesTheWarehousesTimeAndAnswersEndpointAttributes() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "dw", body: """
        Resources:
          Warehouse:
            Type: AWS::Redshift::Cluster
            Properties:
              ClusterIdentifier: Analytics
              NodeType: dc2.large
              ClusterType: single-node
              MasterUsername: admin
              MasterUserPassword: Passw0rd1
              DBName: dev
        Outputs:
          Id: {Value: !Ref Warehouse}
          Address: {Value: !GetAtt Warehouse.Endpoint.Address}
          Port: {Value: !GetAtt Warehouse.Endpoint.Port}
        """)
        F.settle(estate, "dw")
        #expect(F.status(estate, "dw") == StackStatus.createComplete)
        let events = F.events(estate, "dw")
        let started = try #require(F.first(events, "Warehouse", "CREATE_IN_PROGRESS")).milliseconds
        let done = try #require(F.first(events, "Warehouse", "CREATE_COMPLETE")).milliseconds
        // Redshift lower-cases identifiers; the cluster is complete when it is available, 90 s on.
        #expect(done - started == WarehouseService.creationTime.milliseconds)
        #expect(Self.output(estate, "dw", "Id") == "analytics")
        let cluster = try #require(estate.warehouse.cluster("analytics"))
        #expect(cluster.status.rawValue == "available")
        #expect(Self.output(estate, "dw", "Address") == cluster.endpointAddress)
        #expect(Self.output(estate, "dw", "Port") == "5439")
        let id = try Self.deleteAndSettle(estate, "dw")
        #expect(estate.warehouse.cluster("analytics") == nil)
        #expect(F.last(F.events(estate, id), "Warehouse", StackStatus.deleteComplete) != nil)
    }

    @Test func aClusterTheWarehouseRefusesFailsTheStackWithItsReason() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "bad", body: """
        Resources:
          W: {Type: AWS::Redshift::Cluster, Properties: {NodeType: dc9.huge, ClusterType: single-node, MasterUsername: admin, MasterUserPassword: Passw0rd1}}
        """)
        F.settle(estate, "bad")
        #expect(F.status(estate, "bad") == StackStatus.rollbackComplete)
        let failed = try #require(F.first(F.events(estate, "bad"), "W", StackStatus.createFailed))
        #expect(failed.reason?.contains("dc9.huge") == true, "\(failed)")
        #expect(estate.warehouse.clusters.isEmpty)
    }

    // MARK: - OpenSearch

    @Test func domainIsCompleteWhenItStopsProcessingAndAnswersItsAttributes() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "Find", body: """
        Resources:
          Search:
            Type: AWS::OpenSearchService::Domain
            Properties:
              EngineVersion: OpenSearch_2.11
              ClusterConfig: {InstanceType: t3.small.search, InstanceCount: "2"}
        Outputs:
          Name: {Value: !Ref Search}
          Arn: {Value: !GetAtt Search.Arn}
          DomainArn: {Value: !GetAtt Search.DomainArn}
          Endpoint: {Value: !GetAtt Search.DomainEndpoint}
          Id: {Value: !GetAtt Search.Id}
        """)
        F.settle(estate, "Find")
        #expect(F.status(estate, "Find") == StackStatus.createComplete)
        let events = F.events(estate, "Find")
        let started = try #require(F.first(events, "Search", "CREATE_IN_PROGRESS")).milliseconds
        let done = try #require(F.first(events, "Search", "CREATE_COMPLETE")).milliseconds
        #expect(done - started == SearchService.domainCreation.milliseconds)
        let name = try #require(Self.output(estate, "Find", "Name"))
        // Domain names: lower case, starting with a letter, 3 to 28 characters.
        #expect(name.count <= 28 && name == name.lowercased() && name.hasPrefix("find-search-"))
        let domain = try #require(estate.search.domains.first { $0.name == name })
        #expect(domain.instanceCount == 2 && domain.instanceType == "t3.small.search")
        #expect(Self.output(estate, "Find", "Arn") == "arn:aws:es:us-east-1:123456789012:domain/\(name)")
        #expect(Self.output(estate, "Find", "DomainArn") == "arn:aws:es:us-east-1:123456789012:domain/\(name)")
        #expect(Self.output(estate, "Find", "Id") == "123456789012/\(name)")
        #expect(Self.output(estate, "Find", "Endpoint") == domain.endpoint)
        #expect(domain.endpoint.hasPrefix("search-\(name)-"))
        try Self.deleteAndSettle(estate, "Find")
        #expect(estate.search.domains.isEmpty)
    }

    // MARK: - Flink applications

    static let jobYAML = """
    name: counter
    parallelism: 1
    checkpoint-interval: off
    source:
      stream: clicks
      starting-position: TRIM_HORIZON
    outputs:
      - name: per-minute
        window: { tumbling: 1m }
        aggregate: { events: count }
        sinks:
          - search: click-counts
    """

    static func jobTemplate(codeType: String = "PLAINTEXT", code: String = jobYAML) -> String {
        let indented = code.split(separator: "\n", omittingEmptySubsequences: false).map { "              " + $0 }.joined(separator: "\n")
        return """
        Resources:
          Clicks: {Type: AWS::Kinesis::Stream, Properties: {Name: clicks, ShardCount: 1}}
          Job:
            Type: AWS::KinesisAnalyticsV2::Application
            DependsOn: Clicks
            Properties:
              ApplicationName: counter
              RuntimeEnvironment: FLINK-1_18
              ServiceExecutionRole: arn:aws:iam::123456789012:role/job
              ApplicationConfiguration:
                ApplicationCodeConfiguration:
                  CodeContentType: \(codeType)
                  CodeContent:
                    TextContent: |
        \(indented)
        Outputs:
          Job: {Value: !Ref Job}
        """
    }

    @Test func applicationIsCreatedThenStartedAndCompleteWhenRunning() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "flow", body: Self.jobTemplate())
        F.settle(estate, "flow")
        #expect(F.status(estate, "flow") == StackStatus.createComplete, "\(F.events(estate, "flow"))")
        #expect(Self.output(estate, "flow", "Job") == "counter")
        let app = try #require(estate.jobs.application(named: "counter"))
        #expect(app.status.rawValue == "RUNNING")
        // Created only after the stream it reads from is complete.
        let events = F.events(estate, "flow")
        #expect(try #require(F.first(events, "Job", "CREATE_IN_PROGRESS")).milliseconds
                >= (try #require(F.first(events, "Clicks", "CREATE_COMPLETE")).milliseconds))
        try Self.deleteAndSettle(estate, "flow")
        #expect(estate.jobs.application(named: "counter") == nil)
        #expect(F.streamNames(estate).isEmpty)
    }

    @Test func aZipFileApplicationFailsWithTheJobServicesReasonAndRollsBack() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "zip", body: Self.jobTemplate(codeType: "ZIPFILE"))
        F.settle(estate, "zip")
        #expect(F.status(estate, "zip") == StackStatus.rollbackComplete)
        let failed = try #require(F.first(F.events(estate, "zip"), "Job", StackStatus.createFailed))
        #expect(failed.reason?.contains("PLAINTEXT") == true, "\(failed)")
        #expect(F.streamNames(estate).isEmpty, "the stream created before the failure was rolled back")
    }

    @Test func anAttributeTheTypeDoesNotHaveIsRefusedBeforeAnythingIsCreated() throws {
        let estate = F.estate()
        // AWS documents no Fn::GetAtt attributes for a Flink application.
        #expect(throws: AWSError("ValidationError", "Template error: resource Job does not support attribute type Arn in Fn::GetAtt")) {
            try estate.stacks.createStack(name: "att", body: Self.jobTemplate() + "\n  Arn: {Value: !GetAtt Job.Arn}")
        }
        #expect(throws: AWSError("ValidationError", "Template error: resource B does not support attribute type WebsiteUrl in Fn::GetAtt")) {
            try estate.stacks.createStack(name: "att", body: "Resources:\n  B: {Type: AWS::S3::Bucket}\nOutputs:\n  U: {Value: {\"Fn::GetAtt\": \"B.WebsiteUrl\"}}")
        }
        #expect(estate.stacks.allStacks.isEmpty && F.streamNames(estate).isEmpty)
    }

    // MARK: - Lambda@Edge and CloudFront

    static let edgeTemplate = """
    Resources:
      Headers:
        Type: AWS::Lambda::Function
        Properties:
          Runtime: nodejs20.x
          Handler: index.handler
          Role: arn:aws:iam::123456789012:role/edge
          Code:
            ZipFile: |
              exports.handler = async (event) => event.Records[0].cf.response;
      HeadersV1:
        Type: AWS::Lambda::Version
        Properties:
          FunctionName: !Ref Headers
      Site:
        Type: AWS::CloudFront::Distribution
        Properties:
          DistributionConfig:
            Enabled: true
            Origins:
              - Id: site
                DomainName: site.s3.amazonaws.com
                S3OriginConfig: {}
            DefaultCacheBehavior:
              TargetOriginId: site
              ViewerProtocolPolicy: redirect-to-https
              DefaultTTL: "60"
              LambdaFunctionAssociations:
                - EventType: viewer-response
                  LambdaFunctionARN: !Ref HeadersV1
    Outputs:
      FunctionName: {Value: !Ref Headers}
      FunctionArn: {Value: !GetAtt Headers.Arn}
      VersionArn: {Value: !Ref HeadersV1}
      VersionNumber: {Value: !GetAtt HeadersV1.Version}
      VersionFunctionArn: {Value: !GetAtt HeadersV1.FunctionArn}
      DistributionId: {Value: !Ref Site}
      DistributionDomain: {Value: !GetAtt Site.DomainName}
    """

    @Test func functionVersionAndDistributionFormWithTheEdgeAssociation() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "edge", body: Self.edgeTemplate)
        F.settle(estate, "edge")
        #expect(F.status(estate, "edge") == StackStatus.createComplete, "\(F.events(estate, "edge"))")
        let name = try #require(Self.output(estate, "edge", "FunctionName"))
        #expect(name.hasPrefix("edge-Headers-"))
        let function = try #require(estate.edge.function(named: name))
        #expect(function.versions.map(\.number) == [1])
        #expect(Self.output(estate, "edge", "FunctionArn") == "arn:aws:lambda:us-east-1:123456789012:function:\(name)")
        #expect(Self.output(estate, "edge", "VersionArn") == "arn:aws:lambda:us-east-1:123456789012:function:\(name):1")
        #expect(Self.output(estate, "edge", "VersionNumber") == "1")
        #expect(Self.output(estate, "edge", "VersionFunctionArn") == "arn:aws:lambda:us-east-1:123456789012:function:\(name)")
        let id = try #require(Self.output(estate, "edge", "DistributionId"))
        let distribution = try #require(estate.edge.distribution(named: id))
        #expect(id.hasPrefix("E") && id.count == 14)
        #expect(Self.output(estate, "edge", "DistributionDomain") == distribution.domainName)
        #expect(distribution.domainName.hasSuffix(".cloudfront.net"))
        #expect(distribution.defaultBehavior.associations == [FunctionAssociation(eventType: .viewerResponse, functionName: name, version: 1)])
        #expect(distribution.defaultBehavior.defaultTTLSeconds == 60)
        // Dependency order: the function, then its version, then the distribution that runs it.
        let events = F.events(estate, "edge")
        let order = ["Headers", "HeadersV1", "Site"].map { F.first(events, $0, "CREATE_COMPLETE")!.milliseconds }
        #expect(order == order.sorted())
        // A function a distribution runs cannot be deleted behind the stack's back.
        let refused = estate.execute(OperationRequest(service: "lambda", operation: "DeleteFunction", parameters: ["FunctionName": .string(name)]))
        guard case let .failure(error) = refused else { Issue.record("deleting a replicated function succeeded"); return }
        #expect(error.code == "InvalidParameterValueException")
        // Deleting the stack goes in reverse: the distribution first, so the version and function can go.
        let stackID = try Self.deleteAndSettle(estate, "edge")
        #expect(estate.edge.distribution(named: id) == nil)
        #expect(estate.edge.function(named: name) == nil)
        let deleted = F.events(estate, stackID)
        let site = try #require(F.last(deleted, "Site", StackStatus.deleteComplete)).milliseconds
        let fn = try #require(F.last(deleted, "Headers", StackStatus.deleteComplete)).milliseconds
        #expect(site <= fn)
        #expect(deleted.firstIndex { $0.logicalID == "Site" && $0.status == StackStatus.deleteComplete }!
                < deleted.firstIndex { $0.logicalID == "Headers" && $0.status == StackStatus.deleteComplete }!)
    }

    @Test func aFunctionFromS3IsRefusedWithAClearReason() throws {
        let estate = F.estate()
        try estate.stacks.createStack(name: "s3code", body: """
        Resources:
          F:
            Type: AWS::Lambda::Function
            Properties: {Runtime: nodejs20.x, Handler: index.handler, Role: arn:aws:iam::123456789012:role/r, Code: {S3Bucket: b, S3Key: k.zip}}
        """)
        F.settle(estate, "s3code")
        let failed = try #require(F.first(F.events(estate, "s3code"), "F", StackStatus.createFailed))
        #expect(failed.reason?.contains("ZipFile") == true)
        #expect(estate.edge.functions.filter { $0.name.hasPrefix("s3code") }.isEmpty)
    }

    @Test func everyResourceTypeOfTheIssueHasAProvisioner() {
        for type in ["AWS::EC2::Instance", "AWS::Kinesis::Stream", "AWS::S3::Bucket", "AWS::Redshift::Cluster",
                     "AWS::CloudFront::Distribution", "AWS::Lambda::Function", "AWS::Lambda::Version",
                     "AWS::KinesisAnalyticsV2::Application", "AWS::OpenSearchService::Domain"] {
            #expect(ProvisionerRegistry.provisioner(for: type) != nil, "\(type)")
        }
    }
}
