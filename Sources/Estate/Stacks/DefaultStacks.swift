/// The templates of `Config/stacks/*.yaml` compiled into the binary, by name.
///
/// Generated from `Config/stacks/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DefaultStacks {
    public static let files: [String: String] = [
        "edge": """
AWSTemplateFormatVersion: "2010-09-09"
Description: The edge - a CloudFront distribution over a static site, with a Lambda@Edge function adding security headers to every response.

Resources:
  SecurityHeaders:
    Type: AWS::Lambda::Function
    # The estate's edge runs nodejs20.x and python3.11 handlers, runtimes AWS has since deprecated.
    Metadata:
      cfn-lint:
        config:
          ignore_checks: [E2533]
    Properties:
      Runtime: python3.11
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 5
      Code:
        ZipFile: |
          def handler(event, context):
              response = event["Records"][0]["cf"]["response"]
              headers = response["headers"]
              headers["strict-transport-security"] = [{"key": "Strict-Transport-Security", "value": "max-age=63072000"}]
              headers["x-content-type-options"] = [{"key": "X-Content-Type-Options", "value": "nosniff"}]
              return response

  # Lambda@Edge runs a numbered version, never $LATEST.
  SecurityHeadersVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref SecurityHeaders

  SiteBucket:
    Type: AWS::S3::Bucket

  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: static site with security headers
        Origins:
          - Id: site
            DomainName: !GetAtt SiteBucket.RegionalDomainName
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          # The managed CachingOptimized policy.
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
          LambdaFunctionAssociations:
            - EventType: viewer-response
              LambdaFunctionARN: !Ref SecurityHeadersVersion

Outputs:
  DistributionId:
    Value: !Ref Distribution
  DistributionDomain:
    Value: !GetAtt Distribution.DomainName
    Export:
      Name: !Sub "${AWS::StackName}-DistributionDomain"
  SecurityHeadersVersionArn:
    Value: !Ref SecurityHeadersVersion

""",
        "fleet": """
AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  The default estate's instances - web and API servers, workers, the database, cache, bastion and
  a training box - each in its zone with the CPU profile its metrics follow.

Parameters:
  ImageId:
    Type: AWS::EC2::Image::Id
    Default: ami-0c55b159cbfafe1f0
    Description: AMI every instance boots from.

# `Metadata.cloudtop.workload` is read by the simulator only (steady, bursty or daily CPU);
# CloudFormation keeps a resource's Metadata for tools and passes it to no API.
Resources:
  WebServer1:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: daily }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: c5.large
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web-1
  WebServer2:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: daily }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: c5.large
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web-2
  WebServer3:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: daily }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: c5.large
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web-3
  ApiServer1:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: bursty }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: m7g.xlarge
      AvailabilityZone: !Select [1, !GetAZs ""]
      Tags:
        - Key: Name
          Value: api-1
  ApiServer2:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: bursty }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: m7g.xlarge
      AvailabilityZone: !Select [1, !GetAZs ""]
      Tags:
        - Key: Name
          Value: api-2
  Worker1:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: steady }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: c7i.2xlarge
      AvailabilityZone: !Select [2, !GetAZs ""]
      Tags:
        - Key: Name
          Value: worker-1
  Worker2:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: steady }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: c7i.2xlarge
      AvailabilityZone: !Select [2, !GetAZs ""]
      Tags:
        - Key: Name
          Value: worker-2
  DatabasePrimary:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: steady }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: r6i.2xlarge
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: db-primary
  Cache:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: daily }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: r7g.large
      AvailabilityZone: !Select [1, !GetAZs ""]
      Tags:
        - Key: Name
          Value: cache
  Bastion:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: steady }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: bastion
  MlTrain:
    Type: AWS::EC2::Instance
    Metadata:
      cloudtop: { workload: bursty }
    Properties:
      ImageId: !Ref ImageId
      InstanceType: g5.xlarge
      AvailabilityZone: !Select [2, !GetAZs ""]
      Tags:
        - Key: Name
          Value: ml-train

Outputs:
  WebServerIds:
    Description: The web servers' instance ids.
    Value: !Join [",", [!Ref WebServer1, !Ref WebServer2, !Ref WebServer3]]
    Export:
      Name: !Sub "${AWS::StackName}-WebServerIds"
  DatabasePrimaryIp:
    Value: !GetAtt DatabasePrimary.PrivateIp

""",
        "seed-pipeline": """
AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  The picture the estate grew from - web servers producing clicks to a stream, a Flink job
  reading it, a search domain it indexes into, and an instance serving the dashboard.

Parameters:
  Environment:
    Type: String
    Default: demo
    AllowedValues: [demo, prod]
  WebInstanceType:
    Type: String
    Default: c4.large
  ImageId:
    Type: AWS::EC2::Image::Id
    Default: ami-0c55b159cbfafe1f0
  JobRoleName:
    Type: String
    Default: clicks-flink-job
    Description: IAM role the Flink job runs as (created outside this stack).

Mappings:
  Sizing:
    demo:
      Shards: 2
      SearchInstance: t3.small.search
      SearchNodes: 1
    prod:
      Shards: 8
      SearchInstance: r6g.large.search
      SearchNodes: 3

Conditions:
  IsProd: !Equals [!Ref Environment, prod]

Resources:
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: !FindInMap [Sizing, !Ref Environment, Shards]
      RetentionPeriodHours: !If [IsProd, 168, 24]

  WebServerA:
    Type: AWS::EC2::Instance
    # The simulator's web traffic: once the server is running it puts click records into the
    # stream, until the stack deletes it.
    Metadata:
      cloudtop:
        producers:
          - name: !Sub "${AWS::StackName}-web-a"
            stream: !Ref Clicks
            rate: 25
            keys: 200
            template: clickstream
    Properties:
      ImageId: !Ref ImageId
      InstanceType: !Ref WebInstanceType
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web
        - Key: ProducesTo
          Value: !Ref Clicks
  WebServerB:
    Type: AWS::EC2::Instance
    # The simulator's web traffic: once the server is running it puts click records into the
    # stream, until the stack deletes it.
    Metadata:
      cloudtop:
        producers:
          - name: !Sub "${AWS::StackName}-web-b"
            stream: !Ref Clicks
            rate: 25
            keys: 200
            template: clickstream
    Properties:
      ImageId: !Ref ImageId
      InstanceType: !Ref WebInstanceType
      AvailabilityZone: !Select [1, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web
        - Key: ProducesTo
          Value: !Ref Clicks

  JobArtifacts:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled

  ClickSessions:
    Type: AWS::KinesisAnalyticsV2::Application
    Properties:
      ApplicationName: !Sub "${AWS::StackName}-click-sessions"
      RuntimeEnvironment: FLINK-1_18
      ServiceExecutionRole: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${JobRoleName}"
      ApplicationConfiguration:
        # The estate's Flink jobs are YAML dataflows given as text: clicks per page per minute,
        # indexed into the search domain's index when each checkpoint completes.
        ApplicationCodeConfiguration:
          CodeContentType: PLAINTEXT
          CodeContent:
            TextContent: !Sub |
              name: ${AWS::StackName}-click-sessions
              parallelism: 1
              checkpoint-interval: 10s
              source:
                stream: ${Clicks}
                starting-position: TRIM_HORIZON
                event-time: $.ts
                out-of-orderness: 5s
              operators:
                - map: { user: $.user_id, page: $.page }
              outputs:
                - name: clicks-per-page
                  key-by: [page]
                  window: { tumbling: 1m }
                  aggregate: { clicks: count, visitors: count-distinct($.user) }
                  sinks:
                    - search: clicks-per-page
        ApplicationSnapshotConfiguration:
          SnapshotsEnabled: true
        EnvironmentProperties:
          PropertyGroups:
            - PropertyGroupId: Source
              PropertyMap:
                StreamArn: !GetAtt Clicks.Arn
            - PropertyGroupId: Sink
              PropertyMap:
                SearchEndpoint: !GetAtt SearchDomain.DomainEndpoint

  SearchDomain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
      ClusterConfig:
        InstanceType: !FindInMap [Sizing, !Ref Environment, SearchInstance]
        InstanceCount: !FindInMap [Sizing, !Ref Environment, SearchNodes]
      EBSOptions:
        EBSEnabled: true
        VolumeSize: 10

  DashboardHost:
    Type: AWS::EC2::Instance
    DependsOn: ClickSessions
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      Tags:
        - Key: Name
          Value: dashboard
        - Key: SearchEndpoint
          Value: !GetAtt SearchDomain.DomainEndpoint

Outputs:
  ClickStreamName:
    Value: !Ref Clicks
    Export:
      Name: !Sub "${AWS::StackName}-ClickStream"
  SearchEndpoint:
    Value: !GetAtt SearchDomain.DomainEndpoint
  JobName:
    Value: !Ref ClickSessions

""",
        "streams": """
AWSTemplateFormatVersion: "2010-09-09"
Description: The default estate's data streams - clickstream from the web tier, orders from checkout, the website's real-time logs.

Parameters:
  ClickstreamShards:
    Type: Number
    Default: 4
    MinValue: 1
    MaxValue: 64
    Description: Open shards of the clickstream stream.

# `Metadata.cloudtop` is the simulator's: the clients that write to and read from each stream once
# it is ACTIVE (estate.yaml's producers and consumers), stopped when the stack deletes it. A
# producer's hot-key-share sends that share of its records to one partition key.
Resources:
  Clickstream:
    Type: AWS::Kinesis::Stream
    Metadata:
      cloudtop:
        producers:
          - { name: web-clicks, rate: 200, keys: 500, hot-key-share: 0.3, template: clickstream }
        consumers:
          - { name: sessionizer, workers: 2 }
    Properties:
      Name: clickstream
      ShardCount: !Ref ClickstreamShards
  Orders:
    Type: AWS::Kinesis::Stream
    Metadata:
      cloudtop:
        producers:
          - { name: checkout, rate: 50, keys: 200, template: orders }
        consumers:
          - { name: fulfilment, workers: 1 }
    Properties:
      Name: orders
      ShardCount: 2
      RetentionPeriodHours: 48
  # CloudFront real-time log records from the website distribution (estate.yaml's edge traffic),
  # read by the edge-status job (jobs/edge-status.yaml).
  EdgeLogs:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: edge-logs
      ShardCount: 1

Outputs:
  ClickstreamArn:
    Value: !GetAtt Clickstream.Arn
    Export:
      Name: !Sub "${AWS::StackName}-ClickstreamArn"
  OrdersArn:
    Value: !GetAtt Orders.Arn
    Export:
      Name: !Sub "${AWS::StackName}-OrdersArn"

""",
        "warehouse": """
AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  The warehouse - a Redshift cluster with a small shop's tables, Firehose-style loaders that
  micro-batch the orders and clickstream streams into it once a minute, and the bucket COPY and
  UNLOAD use.

Parameters:
  NodeType:
    Type: String
    Default: ra3.xlplus
    AllowedValues: [dc2.large, ra3.xlplus, ra3.4xlarge]
    Description: Node type of the cluster.
  NumberOfNodes:
    Type: Number
    Default: 2
    MinValue: 2
    MaxValue: 32
    Description: Compute nodes of the (multi-node) cluster.
  OrdersStream:
    Type: String
    Default: orders
    Description: Stream the orders loader reads (the streams stack's).
  ClickstreamStream:
    Type: String
    Default: clickstream
    Description: Stream the clickstream loader reads (the streams stack's).

Resources:
  Staging:
    Type: AWS::S3::Bucket

  # `Metadata.cloudtop` is the simulator's: once the cluster is available it loads the seeded shop
  # tables (customers, orders, clicks, a date dimension) and starts the loaders. Each keeps one
  # record in N, as a Firehose transformation that drops the rest would: about one row a second
  # per stream, so a day's fast-forward loads thousands of rows, not millions.
  Cluster:
    Type: AWS::Redshift::Cluster
    Metadata:
      cloudtop:
        sample-data: shop
        loaders:
          - { stream: !Ref OrdersStream, table: orders_stream, sample-one-in: 50 }
          - { stream: !Ref ClickstreamStream, table: clickstream_events, sample-one-in: 200 }
    Properties:
      ClusterIdentifier: shop
      NodeType: !Ref NodeType
      ClusterType: multi-node
      NumberOfNodes: !Ref NumberOfNodes
      DBName: dev
      MasterUsername: awsuser
      ManageMasterPassword: true
      Tags:
        - Key: StagingBucket
          Value: !Ref Staging

Outputs:
  Endpoint:
    Value: !Sub "${Cluster.Endpoint.Address}:${Cluster.Endpoint.Port}"
  StagingBucket:
    Value: !Ref Staging
    Export:
      Name: !Sub "${AWS::StackName}-StagingBucket"

""",
        "web-fleet": """
AWSTemplateFormatVersion: "2010-09-09"
Description: The default estate's web fleet - three web servers in one zone, as Config/estate.yaml launches them.

Parameters:
  WebInstanceType:
    Type: String
    Default: c5.large
    AllowedValues: [c5.large, c5.xlarge, c4.large, m5.large]
    Description: Instance type of every web server.
  ImageId:
    Type: AWS::EC2::Image::Id
    Default: ami-0c55b159cbfafe1f0
    Description: AMI the web servers boot from.

Resources:
  WebServer1:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: !Ref WebInstanceType
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web
  WebServer2:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: !Ref WebInstanceType
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web
  WebServer3:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: !Ref WebInstanceType
      AvailabilityZone: !Select [0, !GetAZs ""]
      Tags:
        - Key: Name
          Value: web

Outputs:
  WebServerIds:
    Description: The web servers' instance ids.
    Value: !Join [",", [!Ref WebServer1, !Ref WebServer2, !Ref WebServer3]]
    Export:
      Name: !Sub "${AWS::StackName}-WebServerIds"
  WebServer1PrivateIp:
    Value: !GetAtt WebServer1.PrivateIp

""",
        "website": """
AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  The website - a CloudFront distribution over a static site and an API, with Lambda@Edge
  functions at its triggers - a health check and device detection at the edge, a session gate
  for the account pages, a rewrite for the origin and security headers on every reply.

# The estate's edge runs nodejs20.x handlers, a runtime AWS has since deprecated.
Metadata:
  cfn-lint:
    config:
      ignore_checks: [E2533]

# `Metadata.cloudtop` is the simulator's. On a function, `rules` names a rule-function file of
# Config/edge/ that runs in place of the inline handler: the estate's own deterministic rule
# language, so the website needs no worker process (the inline handler is what AWS would run).
# On the distribution: `name` is the name estate.yaml's traffic and the edge verbs know it by
# (its CallerReference), `origins` what each origin simulates, and `fallbacks` the version to
# attach where a handler's runtime is not installed here.
Resources:
  # Viewer request of the default and /api/* behaviours.
  EdgeRouter:
    Type: AWS::Lambda::Function
    Metadata:
      cloudtop:
        rules: edge/edge-router.yaml
    Properties:
      FunctionName: edge-router
      Description: /healthz at the edge; x-device-type from User-Agent
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 5
      Code:
        ZipFile: |
          // Stands in for the rule function Metadata.cloudtop names; passes the request on.
          exports.handler = async (event) => event.Records[0].cf.request;

  EdgeRouterVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref EdgeRouter

  # Viewer request of /account/*.
  AccountGate:
    Type: AWS::Lambda::Function
    Metadata:
      cloudtop:
        rules: edge/account-gate.yaml
    Properties:
      FunctionName: account-gate
      Description: session check for /account/*
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 5
      Code:
        ZipFile: |
          // Stands in for the rule function Metadata.cloudtop names; passes the request on.
          exports.handler = async (event) => event.Records[0].cf.request;

  AccountGateVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref AccountGate

  # Origin request of the default behaviour (cache misses only).
  DocsIndex:
    Type: AWS::Lambda::Function
    Metadata:
      cloudtop:
        rules: edge/docs-index.yaml
    Properties:
      FunctionName: docs-index
      Description: /docs → /docs/index.html for the origin
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 5
      Code:
        ZipFile: |
          // Stands in for the rule function Metadata.cloudtop names; passes the request on.
          exports.handler = async (event) => event.Records[0].cf.request;

  DocsIndexVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref DocsIndex

  # Viewer response of the default and /api/* behaviours, and /account/*'s where Node.js is not
  # installed.
  SecurityHeaders:
    Type: AWS::Lambda::Function
    Metadata:
      cloudtop:
        rules: edge/security-headers.yaml
    Properties:
      FunctionName: security-headers
      Description: HSTS and friends on every response
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 5
      Code:
        ZipFile: |
          // Stands in for the rule function Metadata.cloudtop names; passes the response on.
          exports.handler = async (event) => event.Records[0].cf.response;

  SecurityHeadersVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref SecurityHeaders

  # Viewer response of /account/*: the same headers as a Node.js handler, run in a warm worker
  # process where Node.js is installed. It guards the account pages only, so fast-forwarding the
  # estate is not bound by a worker's round trips.
  SecurityHeadersJs:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: security-headers-js
      Description: HSTS and friends on every response (Node.js)
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/edge-function-role"
      Timeout: 3
      Code:
        ZipFile: |
          'use strict';
          // Lambda@Edge viewer-response handler: adds the usual security headers to every reply.
          const headersToAdd = {
            'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
            'x-content-type-options': 'nosniff',
            'x-frame-options': 'DENY',
            'referrer-policy': 'strict-origin-when-cross-origin',
            'content-security-policy': "default-src 'self'",
          };

          const displayName = (name) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');

          exports.handler = async (event) => {
            const response = event.Records[0].cf.response;
            for (const [name, value] of Object.entries(headersToAdd)) {
              response.headers[name] = [{ key: displayName(name), value }];
            }
            return response;
          };

  SecurityHeadersJsVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref SecurityHeadersJs

  Distribution:
    Type: AWS::CloudFront::Distribution
    Metadata:
      cloudtop:
        name: website
        origins:
          - { id: site, static-site: { sections: [docs, blog, products], pages-per-section: 40, cache-control: max-age=300 } }
          - { id: api, api: { latency-p50: 40ms, latency-p99: 400ms, error-rate: 0.01 } }
        fallbacks:
          - { function: !Ref SecurityHeadersJsVersion, fallback: !Ref SecurityHeadersVersion }
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: website
        Origins:
          - Id: site
            DomainName: site.s3.us-east-1.amazonaws.com
            S3OriginConfig: {}
          - Id: api
            DomainName: api.example.internal
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        # The first behaviour whose pattern matches takes the request; the default takes the rest.
        CacheBehaviors:
          # Never cached; the session cookie is in the cache key all the same.
          - PathPattern: /account/*
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
            MinTTL: 0
            DefaultTTL: 0
            MaxTTL: 0
            ForwardedValues:
              QueryString: false
              Cookies:
                Forward: whitelist
                WhitelistedNames: [session]
            LambdaFunctionAssociations:
              - EventType: viewer-request
                LambdaFunctionARN: !Ref AccountGateVersion
              - EventType: viewer-response
                LambdaFunctionARN: !Ref SecurityHeadersJsVersion
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
            AllowedMethods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]
            MinTTL: 0
            DefaultTTL: 5
            MaxTTL: 60
            ForwardedValues:
              QueryString: true
              Headers: [x-device-type]
            LambdaFunctionAssociations:
              - EventType: viewer-request
                LambdaFunctionARN: !Ref EdgeRouterVersion
              - EventType: viewer-response
                LambdaFunctionARN: !Ref SecurityHeadersVersion
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          MinTTL: 0
          DefaultTTL: 3600
          MaxTTL: 86400
          ForwardedValues:
            QueryString: false
            Headers: [x-device-type]
          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: !Ref EdgeRouterVersion
            - EventType: origin-request
              LambdaFunctionARN: !Ref DocsIndexVersion
            - EventType: viewer-response
              LambdaFunctionARN: !Ref SecurityHeadersVersion

Outputs:
  DistributionId:
    Value: !Ref Distribution
  DistributionDomain:
    Value: !GetAtt Distribution.DomainName
    Export:
      Name: !Sub "${AWS::StackName}-DistributionDomain"

""",
    ]
}
