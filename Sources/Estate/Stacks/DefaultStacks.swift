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
Description: The default estate's data streams - clickstream from the web tier, orders from checkout.

Parameters:
  ClickstreamShards:
    Type: Number
    Default: 4
    MinValue: 1
    MaxValue: 64
    Description: Open shards of the clickstream stream.

Resources:
  Clickstream:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: clickstream
      ShardCount: !Ref ClickstreamShards
  Orders:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: orders
      ShardCount: 2
      RetentionPeriodHours: 48

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
Description: The warehouse - a Redshift cluster for the clickstream's tables, and the bucket COPY and UNLOAD use.

Parameters:
  NodeType:
    Type: String
    Default: dc2.large
    AllowedValues: [dc2.large, ra3.xlplus, ra3.4xlarge]
    Description: Node type of the cluster.

Resources:
  Staging:
    Type: AWS::S3::Bucket

  Cluster:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: !Ref NodeType
      ClusterType: single-node
      DBName: dev
      MasterUsername: admin
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
    ]
}
