import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// moto's server, where Python has it (with its server's extras).
enum Moto {
    static let available: Bool = {
        guard let python = Tools.python else { return false }
        let check = try? ChildProcess.run(python, ["-c", "import moto.server"], environment: ProcessInfo.processInfo.environment)
        return check?.status == 0
    }()
}

/// The same boto3 script against `cloudtop serve` and moto's own server, operation by operation:
/// each answer reduced to its shape (the keys, recursively, and the type of each value) or to its
/// error code and HTTP status, and the two compared. Where they differ, the difference is one of
/// the listed departures below, each with the side AWS is on; anything else fails.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote),
       .enabled(if: Moto.available, "needs moto's server (pip install 'moto[server]'; .ci/run installs moto)"))
struct MotoDifferentialTests {
    /// A key present on one side only, at a path of keys (lists are looked through).
    struct Departure {
        let service: String
        let operation: String
        let path: [String]
        let why: String
    }

    /// Where moto departs from AWS and cloudtop follows AWS: the key is in cloudtop's answer (as in
    /// AWS's documented output) and missing from moto's, or only an empty list there.
    static let motoDepartures: [Departure] = [
        // AWS: "ConsumerCount — The number of enhanced fan-out consumers registered with the stream."
        Departure(service: "kinesis", operation: "DescribeStreamSummary", path: ["StreamDescriptionSummary", "ConsumerCount"],
                  why: "DescribeStreamSummary's output has ConsumerCount; moto leaves it out"),
        // AWS's StreamDescription carries StreamModeDetails (PROVISIONED or ON_DEMAND) in DescribeStream too.
        Departure(service: "kinesis", operation: "DescribeStream", path: ["StreamDescription", "StreamModeDetails"],
                  why: "DescribeStream's StreamDescription has StreamModeDetails; moto has it only in the summary"),
        // An instance's CpuOptions (cores and threads per core) are part of AWS's Instance.
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "CpuOptions"], why: "moto leaves out CpuOptions"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "CpuOptions"], why: "moto leaves out CpuOptions"),
        // EnaSupport is in AWS's Instance: the Amazon Linux AMIs have ENA enabled.
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "EnaSupport"], why: "moto leaves out EnaSupport"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "EnaSupport"], why: "moto leaves out EnaSupport"),
        // AWS: an instance launched into a VPC without groups joins the VPC's default security group, and
        // SecurityGroups lists it.
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "SecurityGroups"], why: "moto lists no groups"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "SecurityGroups"], why: "moto lists no groups"),
        // HibernationOptions.Configured is false unless the launch asked for hibernation; moto answers an empty structure.
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "HibernationOptions", "Configured"], why: "moto leaves out Configured"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "HibernationOptions", "Configured"],
                  why: "moto leaves out Configured"),
        // An interface's private addresses each carry their PrivateDnsName (AWS's InstancePrivateIpAddress).
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "NetworkInterfaces", "PrivateIpAddresses", "PrivateDnsName"],
                  why: "moto leaves out the address's DNS name"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "NetworkInterfaces", "PrivateIpAddresses", "PrivateDnsName"],
                  why: "moto leaves out the address's DNS name"),
        // AWS's default security group "allows inbound traffic from network interfaces … assigned to the same
        // security group": one rule of all protocols from the group itself.
        Departure(service: "ec2", operation: "DescribeSecurityGroups", path: ["SecurityGroups", "IpPermissions"],
                  why: "moto gives the default group no inbound rule"),
        // A gp3 volume reports its provisioned IOPS and throughput; a volume made from the AMI's root snapshot names it;
        // MultiAttachEnabled is always answered; an attachment says whether it is deleted on termination.
        Departure(service: "ec2", operation: "DescribeVolumes", path: ["Volumes", "Iops"], why: "moto leaves out Iops"),
        Departure(service: "ec2", operation: "DescribeVolumes", path: ["Volumes", "Throughput"], why: "moto leaves out Throughput"),
        Departure(service: "ec2", operation: "DescribeVolumes", path: ["Volumes", "SnapshotId"], why: "moto leaves out the root snapshot"),
        Departure(service: "ec2", operation: "DescribeVolumes", path: ["Volumes", "MultiAttachEnabled"], why: "moto leaves out MultiAttachEnabled"),
        Departure(service: "ec2", operation: "DescribeVolumes", path: ["Volumes", "Attachments", "DeleteOnTermination"],
                  why: "moto leaves out DeleteOnTermination"),
        // AWS's PutObject: "For PutObject uploads, the checksum type is always FULL_OBJECT" (x-amz-checksum-type), and
        // GetObject in checksum mode (boto3 enables it on every GetObject) and the listing's objects say it too.
        Departure(service: "s3", operation: "PutObject", path: ["ChecksumType"], why: "moto leaves out ChecksumType"),
        Departure(service: "s3", operation: "GetObject", path: ["ChecksumType"], why: "moto leaves out ChecksumType"),
        Departure(service: "s3", operation: "ListObjectsV2", path: ["Contents", "ChecksumType"], why: "moto leaves out ChecksumType"),
        // CopyObjectResult has ChecksumType (botocore's model: the copy's checksum is FULL_OBJECT, it is stored whole); so has
        // GetObject's answer for part 1 of an object stored whole, which is the whole object and carries its checksum.
        Departure(service: "s3", operation: "CopyObject", path: ["CopyObjectResult", "ChecksumType"], why: "moto leaves out ChecksumType"),
        Departure(service: "s3", operation: "CopyObject.replace", path: ["CopyObjectResult", "ChecksumType"], why: "moto leaves out ChecksumType"),
        Departure(service: "s3", operation: "GetObject.partNumber", path: ["ChecksumType"], why: "moto leaves out ChecksumType"),
        // GetObject and HeadObject with partNumber on an object from a multipart upload: "effectively performs a 'ranged' GET
        // request for the part specified", so Content-Range names the part, and x-amz-mp-parts-count the parts (206, below).
        Departure(service: "s3", operation: "GetObject.multipartPart", path: ["ContentRange"], why: "moto answers the whole object"),
        Departure(service: "s3", operation: "GetObject.multipartPart", path: ["PartsCount"], why: "moto answers the whole object"),
        Departure(service: "s3", operation: "HeadObject.multipartPart", path: ["ContentRange"], why: "moto answers the whole object's length"),
        // MaxResults is a page size for DescribeInstanceTypes (5 to 100); a page that is not the last carries NextToken.
        Departure(service: "ec2", operation: "DescribeInstanceTypes.page", path: ["NextToken"], why: "moto ignores MaxResults and answers every type"),
        // ListParts answers each part's checksum when the part was uploaded with one (boto3 sends CRC32 by default).
        Departure(service: "s3", operation: "ListParts", path: ["Parts", "ChecksumCRC32"], why: "moto leaves out the parts' checksums"),
        // Every stack, stack summary and resource carries DriftInformation (NOT_CHECKED until a detection runs).
        Departure(service: "cloudformation", operation: "DescribeStacks", path: ["Stacks", "DriftInformation"], why: "moto leaves out DriftInformation"),
        Departure(service: "cloudformation", operation: "ListStacks", path: ["StackSummaries", "DriftInformation"], why: "moto leaves out DriftInformation"),
        Departure(service: "cloudformation", operation: "DescribeStackResources", path: ["StackResources", "DriftInformation"],
                  why: "moto leaves out DriftInformation"),
        Departure(service: "cloudformation", operation: "ListStackResources", path: ["StackResourceSummaries", "DriftInformation"],
                  why: "moto leaves out DriftInformation"),
        // StackResourceSummary.LastUpdatedTimestamp is a required member in AWS's model.
        Departure(service: "cloudformation", operation: "ListStackResources", path: ["StackResourceSummaries", "LastUpdatedTimestamp"],
                  why: "moto leaves out the required LastUpdatedTimestamp"),
        Departure(service: "cloudformation", operation: "GetTemplate", path: ["StagesAvailable"], why: "moto leaves out StagesAvailable"),
        Departure(service: "cloudformation", operation: "DescribeStacks", path: ["Stacks", "RollbackConfiguration"],
                  why: "moto leaves out RollbackConfiguration (empty when none was given)"),
        // ValidateTemplate lists the template's declared parameters, with their defaults.
        Departure(service: "cloudformation", operation: "ValidateTemplate", path: ["Parameters"], why: "moto lists no parameters"),
        // A cluster's availability, its nodes (leader and compute, with private addresses), its subnet group and the
        // manual snapshot retention (-1 by default) are in AWS's Cluster.
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "ClusterAvailabilityStatus"], why: "moto leaves it out"),
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "ClusterNodes"], why: "moto leaves out the nodes"),
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "ClusterSubnetGroupName"], why: "moto leaves it out"),
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "ManualSnapshotRetentionPeriod"], why: "moto leaves it out"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "ClusterAvailabilityStatus"], why: "moto leaves it out"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "ClusterNodes"], why: "moto leaves out the nodes"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "ClusterSubnetGroupName"], why: "moto leaves it out"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "ManualSnapshotRetentionPeriod"], why: "moto leaves it out"),
    ]

    /// Where moto answers with something AWS does not: removed from moto's answer (it must be
    /// there), and cloudtop's must lack it or hold an empty list there, as AWS's does.
    static let motoExtras: [Departure] = [
        // A cluster has no endpoint until it is available.
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "Endpoint"], why: "moto gives a creating cluster an endpoint"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "Endpoint"], why: "moto gives a creating cluster an endpoint"),
        // A cluster in a VPC has VPC security groups and no (EC2-Classic) cluster security groups.
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "ClusterSecurityGroups"],
                  why: "moto lists a default EC2-Classic security group"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "ClusterSecurityGroups"],
                  why: "moto lists a default EC2-Classic security group"),
        // KernelId belongs to paravirtual AMIs; the HVM instances launched here have none.
        Departure(service: "ec2", operation: "RunInstances", path: ["Instances", "KernelId"], why: "moto gives an HVM instance a kernel id"),
        Departure(service: "ec2", operation: "DescribeInstances", path: ["Reservations", "Instances", "KernelId"], why: "moto gives an HVM instance a kernel id"),
        // An untagged group has no tag set in AWS's answer.
        Departure(service: "ec2", operation: "DescribeSecurityGroups", path: ["SecurityGroups", "Tags"], why: "moto answers an empty tag set"),
        // x-amz-version-id comes only from a bucket with versioning enabled; this one never had it.
        Departure(service: "s3", operation: "CompleteMultipartUpload", path: ["VersionId"], why: "moto versions an unversioned bucket's object"),
    ]

    /// Where moto departs from AWS on an error: AWS (and cloudtop) answer with this code and status.
    static let motoErrorDepartures: [(service: String, operation: String, code: String, status: Int, why: String)] = [
        // AT_SEQUENCE_NUMBER without StartingSequenceNumber is a bad argument for AWS; moto fails with a 500.
        ("kinesis", "Error.GetShardIterator.atSequence", "InvalidArgumentException", 400, "moto answers HTTP 500"),
        // A pending instance cannot be stopped yet; moto stops it.
        ("ec2", "StopInstances", "IncorrectInstanceState", 400, "moto stops a pending instance"),
        // AWS tells a malformed id (not i- and hex) from a well-formed one that does not exist.
        ("ec2", "Error.DescribeInstances.malformed", "InvalidInstanceID.Malformed", 400, "moto answers InvalidInstanceID.NotFound"),
        // An instance type that does not exist is refused; moto launches it.
        ("ec2", "Error.RunInstances.badType", "InvalidParameterValue", 400, "moto launches c4.huge"),
        // The same client token with other parameters is IdempotentParameterMismatch; moto ignores the token and launches.
        ("ec2", "Error.RunInstances.tokenMismatch", "IdempotentParameterMismatch", 400, "moto launches a second reservation"),
        // S3 refuses a body whose checksum does not match (BadDigest, 400) and stores nothing; moto stores it.
        ("s3", "Error.PutObject.badChecksum", "BadDigest", 400, "moto stores the object"),
        // An aborted upload is gone: a part sent to it is NoSuchUpload (404); moto fails with a 500.
        ("s3", "Error.UploadPart.aborted", "NoSuchUpload", 404, "moto answers HTTP 500"),
        // So is a completed one: completing it again is NoSuchUpload (404), as AWS documents; moto completes it again.
        ("s3", "Error.CompleteMultipartUpload.done", "NoSuchUpload", 404, "moto completes the upload a second time"),
        // Parts must be listed in ascending order (InvalidPartOrder, 400); moto assembles them in the order given.
        ("s3", "Error.CompleteMultipartUpload.order", "InvalidPartOrder", 400, "moto completes the upload"),
        // A part number past an object's parts is InvalidPartNumber (416, "The requested partnumber is not satisfiable");
        // moto answers 416 without an error body.
        ("s3", "Error.GetObject.partNumber", "InvalidPartNumber", 416, "moto answers a bare 416"),
        // UploadPartCopy's x-amz-copy-source-range must lie inside the source (InvalidRange, 416); moto copies what is there.
        ("s3", "Error.UploadPartCopy.range", "InvalidRange", 416, "moto copies the bytes there are"),
        // A missing source is NoSuchKey (404) with its error document; moto answers a bare 404.
        ("s3", "Error.UploadPartCopy.noKey", "NoSuchKey", 404, "moto answers a bare 404"),
        // DescribeInstances' MaxResults is 5 to 1000: "Value ( 4 ) for parameter maxResults is invalid"; moto answers a page.
        ("ec2", "Error.DescribeInstances.pageSize", "InvalidParameterValue", 400, "moto accepts a page of 4"),
        // A cluster still being created cannot be deleted; moto deletes it.
        ("redshift", "DeleteCluster", "InvalidClusterState", 400, "moto deletes a creating cluster"),
    ]

    /// Where moto answers with another HTTP status than AWS's (and cloudtop's); the answers are then
    /// compared without it.
    static let motoStatusDepartures: [(service: String, operation: String, status: Int, why: String)] = [
        // A read by part number is a ranged read: 206 Partial Content, as for a Range header.
        ("s3", "GetObject.multipartPart", 206, "moto answers 200 with the whole object"),
        ("s3", "HeadObject.multipartPart", 206, "moto answers 200"),
    ]

    /// Where cloudtop departs from AWS and moto follows it: the key is in moto's answer and
    /// missing from cloudtop's. Known gaps, listed so that closing one shows here.
    static let cloudtopGaps: [Departure] = [
        // AWS's documented validate-template output has Capabilities (empty unless IAM resources need them) and
        // DeclaredTransforms; cloudtop leaves both out.
        Departure(service: "cloudformation", operation: "ValidateTemplate", path: ["Capabilities"], why: "not in the answer"),
        Departure(service: "cloudformation", operation: "ValidateTemplate", path: ["DeclaredTransforms"], why: "no transforms"),
        // Always false and empty here, and left out of the answer.
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "EnhancedVpcRouting"], why: "not modelled"),
        Departure(service: "redshift", operation: "CreateCluster", path: ["Cluster", "IamRoles"], why: "no IAM roles"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "EnhancedVpcRouting"], why: "not modelled"),
        Departure(service: "redshift", operation: "DescribeClusters", path: ["Clusters", "IamRoles"], why: "no IAM roles"),
        // DescribeInstanceTypes answers what the catalog holds (name, vCPUs and cores, memory, architectures, processor,
        // hypervisor, network performance, generation, bare metal, usage classes, root device and virtualization types,
        // instance storage, hibernation, burstable, free tier); the rest of AWS's InstanceTypeInfo, which moto's data
        // has, is not carried.
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "AutoRecoverySupported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "DedicatedHostsSupported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "EbsInfo"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NitroEnclavesSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NitroTpmSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "PhcSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "PlacementGroupInfo"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "RebootMigrationSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "SupportedBootModes"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "VCpuInfo", "ValidCores"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "VCpuInfo", "ValidThreadsPerCore"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "ConnectionTrackingConfiguration"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "DefaultNetworkCardIndex"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "EfaSupported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "EnaSrdSupported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "EnaSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "EncryptionInTransitSupported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "FlexibleEnaQueuesSupport"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "Ipv4AddressesPerInterface"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "Ipv6AddressesPerInterface"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "Ipv6Supported"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "MaximumNetworkCards"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "MaximumNetworkInterfaces"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "NetworkCards"], why: "not in the catalog"),
        Departure(service: "ec2", operation: "DescribeInstanceTypes", path: ["InstanceTypes", "NetworkInfo", "SecondaryNetworkSupported"], why: "not in the catalog"),
    ]

    /// Runs `body` after the shared prelude against `cloudtop serve` and a moto server, each fresh;
    /// the script's last line is `{"cloudtop": …, "moto": …}`.
    static func againstBoth(_ body: String) throws -> [String: Any] {
        let python = try #require(Tools.python)
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let motoPort = try ListenDashboardEndToEndTests.freePort()
        let moto = try PipedProcess(python, ["-m", "moto.server", "-p", String(motoPort)])
        defer { kill(moto.pid, SIGTERM); _ = try? moto.finish(timeoutSeconds: 10) }
        let run = try ChildProcess.run(python, ["-c", prelude + "\n" + body, served.endpoint, "http://127.0.0.1:\(motoPort)"],
                                       environment: ServedEstate.toolEnvironment)
        try #require(run.status == 0, "the script failed:\n\(run.output)")
        let last = run.output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    @Test func fiveServicesAnswerInAWSsShapesOperationByOperation() throws {
        let both = try Self.againstBoth(Self.script)
        let cloudtop = try #require(both["cloudtop"] as? [String: [String: Any]])
        let motoAnswers = try #require(both["moto"] as? [String: [String: Any]])

        for service in ["kinesis", "s3", "ec2", "cloudformation", "redshift"] {
            let ours = try #require(cloudtop[service]), theirs = try #require(motoAnswers[service])
            #expect(Set(ours.keys) == Set(theirs.keys), "\(service): the same operations ran on both")
            for operation in ours.keys.sorted() {
                var a = ours[operation] ?? NSNull(), b = theirs[operation] ?? NSNull()
                if let e = Self.motoErrorDepartures.first(where: { $0.service == service && $0.operation == operation }) {
                    let answer = a as? [String: Any]
                    #expect(answer?["error"] as? String == e.code && answer?["status"] as? Int == e.status, "\(service) \(operation): \(Self.text(a))")
                    #expect(Self.text(b) != Self.text(a), "\(service) \(operation): moto now agrees with AWS (\(e.why)); drop the departure")
                    continue
                }
                if let d = Self.motoStatusDepartures.first(where: { $0.service == service && $0.operation == operation }) {
                    #expect((a as? [String: Any])?["status"] as? Int == d.status, "\(service) \(operation): \(Self.text(a))")
                    #expect((b as? [String: Any])?["status"] as? Int != d.status, "\(service) \(operation): moto now agrees with AWS (\(d.why)); drop the departure")
                    a = Self.removing(["status"], from: a).0
                    b = Self.removing(["status"], from: b).0
                }
                for d in Self.motoDepartures where d.service == service && d.operation == operation {
                    var found = false
                    (a, found) = Self.removing(["ok"] + d.path, from: a)
                    #expect(found, "\(service) \(operation): cloudtop's answer lacks \(d.path) (\(d.why))")
                    if let theirs = Self.value(at: ["ok"] + d.path, in: b) {
                        #expect(Self.text(theirs) == "[]", "\(service) \(operation): moto now answers \(d.path); drop the departure")
                        b = Self.removing(["ok"] + d.path, from: b).0
                    }
                }
                for d in Self.motoExtras where d.service == service && d.operation == operation {
                    var found = false
                    (b, found) = Self.removing(["ok"] + d.path, from: b)
                    #expect(found, "\(service) \(operation): moto no longer answers with \(d.path); drop the departure")
                    let (without, had) = Self.removing(["ok"] + d.path, from: a)
                    if had {
                        #expect(Self.text(Self.value(at: ["ok"] + d.path, in: a) ?? NSNull()) == "[]", "\(service) \(operation): \(d.path) (\(d.why))")
                        a = without
                    }
                }
                for d in Self.cloudtopGaps where d.service == service && d.operation == operation {
                    var found = false
                    (b, found) = Self.removing(["ok"] + d.path, from: b)
                    #expect(found, "\(service) \(operation): moto no longer answers with \(d.path); drop the gap")
                }
                #expect(Self.text(a) == Self.text(b), "\(service) \(operation):\n  cloudtop \(Self.text(a))\n  moto     \(Self.text(b))")
            }
        }
        // The data went through, not only the shapes.
        #expect((cloudtop["kinesis"]?["GetRecords"] as? [String: Any])?["data"] as? [String] == ["hello"])
        #expect((cloudtop["s3"]?["GetObject"] as? [String: Any])?["body"] as? String == "hello")
    }

    /// Where moto departs from AWS on the REST services' and Managed Flink's errors: what AWS (and
    /// cloudtop) answer instead.
    static let restErrorDepartures: [String: (code: String, status: Int, why: String)] = [
        // AWS's CreateDomain refuses a name in use: "ResourceAlreadyExistsException … HTTP Status Code: 409".
        "opensearch.CreateDomain.exists": ("ResourceAlreadyExistsException", 409, "moto creates the domain a second time"),
        // AWS's DescribeApplication and StopApplication name a missing application ResourceNotFoundException (400).
        "kinesisanalyticsv2.DescribeApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        "kinesisanalyticsv2.StopApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        "kinesisanalyticsv2.StartApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        // ListVersionsByFunction's errors include ResourceNotFoundException (404) for a missing function.
        "lambda.ListVersionsByFunction.missing": ("ResourceNotFoundException", 404, "moto lists no versions instead"),
    ]

    @Test func lambdaOpenSearchCloudFrontAndFlinkErrorsMatchOperationByOperation() throws {
        let both = try Self.againstBoth(Self.restErrorScript)
        let ours = try #require(both["cloudtop"] as? [String: Any]), theirs = try #require(both["moto"] as? [String: Any])
        #expect(Set(ours.keys) == Set(theirs.keys))
        #expect(ours.count == 13)
        for call in ours.keys.sorted() {
            let a = Self.text(ours[call] ?? NSNull()), b = Self.text(theirs[call] ?? NSNull())
            if let d = Self.restErrorDepartures[call] {
                #expect(a == Self.text([d.code, d.status]), "\(call): cloudtop \(a)")
                #expect(b != a, "\(call): moto now agrees with AWS (\(d.why)); drop the departure")
                continue
            }
            #expect(a == b, "\(call):\n  cloudtop \(a)\n  moto     \(b)")
        }
    }

    /// What both scripts share: a boto3 client for an endpoint, and `both(run)`, which waits for
    /// each endpoint, runs the calls against it and prints the two answers as one JSON line.
    static let prelude = #"""
    import json, sys, time, socket
    import boto3, botocore.exceptions
    from botocore.config import Config

    def client(service, endpoint):
        return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x",
                            config=Config(retries={"max_attempts": 1}))

    def wait(endpoint):
        host, port = endpoint.rsplit("/", 1)[1].split(":")
        for _ in range(200):
            try:
                socket.create_connection((host, int(port)), timeout=1).close(); return
            except OSError: time.sleep(0.1)

    def both(run):
        result = {}
        for name, endpoint in (("cloudtop", sys.argv[1]), ("moto", sys.argv[2])):
            wait(endpoint)
            result[name] = run(endpoint)
        print(json.dumps(result))
    """#

    /// Each call's error code and HTTP status, or "ok"; every call but the departures fails on both.
    static let restErrorScript = #"""
    def outcome(f):
        try:
            f()
            return "ok"
        except botocore.exceptions.ClientError as e:
            return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]

    def calls(endpoint):
        lam, es, cf, ka = (client(s, endpoint) for s in ("lambda", "opensearch", "cloudfront", "kinesisanalyticsv2"))
        out = {}
        out["lambda.GetFunction.missing"] = outcome(lambda: lam.get_function(FunctionName="no-such-function"))
        out["lambda.DeleteFunction.missing"] = outcome(lambda: lam.delete_function(FunctionName="no-such-function"))
        out["lambda.PublishVersion.missing"] = outcome(lambda: lam.publish_version(FunctionName="no-such-function"))
        out["lambda.ListVersionsByFunction.missing"] = outcome(lambda: lam.list_versions_by_function(FunctionName="no-such-function"))
        out["opensearch.DescribeDomain.missing"] = outcome(lambda: es.describe_domain(DomainName="no-such-domain"))
        out["opensearch.DeleteDomain.missing"] = outcome(lambda: es.delete_domain(DomainName="no-such-domain"))
        es.create_domain(DomainName="diff-domain")
        out["opensearch.CreateDomain.exists"] = outcome(lambda: es.create_domain(DomainName="diff-domain"))
        out["cloudfront.GetDistribution.missing"] = outcome(lambda: cf.get_distribution(Id="ENOSUCHDIST0000"))
        out["cloudfront.GetDistributionConfig.missing"] = outcome(lambda: cf.get_distribution_config(Id="ENOSUCHDIST0000"))
        out["cloudfront.DeleteDistribution.missing"] = outcome(lambda: cf.delete_distribution(Id="ENOSUCHDIST0000", IfMatch="E1"))
        out["kinesisanalyticsv2.DescribeApplication.missing"] = outcome(lambda: ka.describe_application(ApplicationName="no-such-app"))
        out["kinesisanalyticsv2.StopApplication.missing"] = outcome(lambda: ka.stop_application(ApplicationName="no-such-app"))
        out["kinesisanalyticsv2.StartApplication.missing"] = outcome(lambda: ka.start_application(ApplicationName="no-such-app"))
        return out

    both(calls)
    """#

    /// `value` without the key at `path` (a list is looked through to its first item), and whether it was there.
    static func removing(_ path: [String], from value: Any) -> (Any, Bool) {
        if var list = value as? [Any], !list.isEmpty {
            let (item, found) = removing(path, from: list[0])
            list[0] = item
            return (list, found)
        }
        guard var object = value as? [String: Any], let key = path.first, let inner = object[key] else { return (value, false) }
        if path.count == 1 {
            object.removeValue(forKey: key)
            return (object, true)
        }
        let (rest, found) = removing(Array(path.dropFirst()), from: inner)
        object[key] = rest
        return (object, found)
    }

    /// The value at `path` (a list is looked through to its first item).
    static func value(at path: [String], in value: Any) -> Any? {
        guard let key = path.first else { return value }
        if let list = value as? [Any] { return list.first.flatMap { Self.value(at: path, in: $0) } }
        guard let inner = (value as? [String: Any])?[key] else { return nil }
        return Self.value(at: Array(path.dropFirst()), in: inner)
    }

    static func text(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The script: the same calls against each endpoint, each answer reduced to its shape.
    static let script = #"""
    def shape(value):
        # The response as its key sets: dicts become their keys with their values' shapes, lists their first item's.
        if isinstance(value, dict):
            return {k: shape(v) for k, v in sorted(value.items()) if k != "ResponseMetadata"}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return type(value).__name__

    def call(out, name, f):
        try:
            r = f()
            out[name] = {"ok": shape(r), "status": r["ResponseMetadata"]["HTTPStatusCode"]}
            return r
        except botocore.exceptions.ClientError as e:
            out[name] = {"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            return None

    def kinesis(endpoint):
        k = client("kinesis", endpoint)
        out = {}
        call(out, "CreateStream", lambda: k.create_stream(StreamName="diff-stream", ShardCount=2))
        for _ in range(300):
            if k.describe_stream_summary(StreamName="diff-stream")["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE": break
            time.sleep(0.1)
        call(out, "DescribeStreamSummary", lambda: k.describe_stream_summary(StreamName="diff-stream"))
        put = call(out, "PutRecord", lambda: k.put_record(StreamName="diff-stream", Data=b"hello", PartitionKey="a"))
        call(out, "PutRecords", lambda: k.put_records(StreamName="diff-stream", Records=[{"Data": b"one", "PartitionKey": "a"}, {"Data": b"two", "PartitionKey": "b"}]))
        call(out, "ListShards", lambda: k.list_shards(StreamName="diff-stream"))
        it = call(out, "GetShardIterator", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId=put["ShardId"], ShardIteratorType="TRIM_HORIZON"))
        got = call(out, "GetRecords", lambda: k.get_records(ShardIterator=it["ShardIterator"]))
        out["GetRecords"]["data"] = [r["Data"].decode() for r in got["Records"]][:1] if got else None
        call(out, "ListStreams", lambda: k.list_streams())
        call(out, "DescribeStream", lambda: k.describe_stream(StreamName="diff-stream"))
        call(out, "Error.DescribeStreamSummary.missing", lambda: k.describe_stream_summary(StreamName="no-such-stream"))
        call(out, "Error.CreateStream.exists", lambda: k.create_stream(StreamName="diff-stream", ShardCount=1))
        call(out, "Error.PutRecord.missing", lambda: k.put_record(StreamName="no-such-stream", Data=b"x", PartitionKey="a"))
        call(out, "Error.GetShardIterator.noShard", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId="shardId-000000000099", ShardIteratorType="TRIM_HORIZON"))
        call(out, "Error.GetShardIterator.atSequence", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId=put["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER"))
        call(out, "Error.DeleteStream.missing", lambda: k.delete_stream(StreamName="no-such-stream"))
        call(out, "DeleteStream", lambda: k.delete_stream(StreamName="diff-stream"))
        return out

    def s3(endpoint):
        s = client("s3", endpoint)
        out = {}
        call(out, "CreateBucket", lambda: s.create_bucket(Bucket="diff-bucket"))
        call(out, "PutObject", lambda: s.put_object(Bucket="diff-bucket", Key="a/b.txt", Body=b"hello"))
        call(out, "HeadObject", lambda: s.head_object(Bucket="diff-bucket", Key="a/b.txt"))
        got = call(out, "GetObject", lambda: s.get_object(Bucket="diff-bucket", Key="a/b.txt"))
        if got: out["GetObject"]["body"] = got["Body"].read().decode(); out["GetObject"]["ok"].pop("Body", None)
        # Copies: CopyObject keeping and replacing metadata, and AWS's errors; a read by part number of an object stored whole.
        call(out, "CopyObject", lambda: s.copy_object(Bucket="diff-bucket", Key="a/copy.txt", CopySource={"Bucket": "diff-bucket", "Key": "a/b.txt"}))
        call(out, "CopyObject.replace", lambda: s.copy_object(Bucket="diff-bucket", Key="a/copy.txt", CopySource="diff-bucket/a/b.txt",
                                                              MetadataDirective="REPLACE", ContentType="text/plain", Metadata={"team": "data"}))
        call(out, "Error.CopyObject.self", lambda: s.copy_object(Bucket="diff-bucket", Key="a/b.txt", CopySource="diff-bucket/a/b.txt"))
        call(out, "Error.CopyObject.noKey", lambda: s.copy_object(Bucket="diff-bucket", Key="x", CopySource="diff-bucket/missing"))
        call(out, "Error.CopyObject.noBucket", lambda: s.copy_object(Bucket="diff-bucket", Key="x", CopySource="no-such-bucket/k"))
        s.delete_object(Bucket="diff-bucket", Key="a/copy.txt")
        got = call(out, "GetObject.partNumber", lambda: s.get_object(Bucket="diff-bucket", Key="a/b.txt", PartNumber=1))
        if got: out["GetObject.partNumber"]["ok"].pop("Body", None)
        call(out, "Error.GetObject.partNumber", lambda: s.get_object(Bucket="diff-bucket", Key="a/b.txt", PartNumber=2))
        call(out, "Error.PutObject.badChecksum", lambda: s.put_object(Bucket="diff-bucket", Key="bad.txt", Body=b"hello", ChecksumCRC32="AAAAAA=="))
        s.delete_object(Bucket="diff-bucket", Key="bad.txt")  # moto stored it
        call(out, "ListObjectsV2", lambda: s.list_objects_v2(Bucket="diff-bucket"))
        call(out, "ListBuckets", lambda: s.list_buckets())
        call(out, "Error.GetObject.noKey", lambda: s.get_object(Bucket="diff-bucket", Key="missing"))
        call(out, "Error.GetObject.noBucket", lambda: s.get_object(Bucket="no-such-bucket", Key="k"))
        call(out, "Error.HeadObject.noKey", lambda: s.head_object(Bucket="diff-bucket", Key="missing"))
        call(out, "Error.ListObjectsV2.noBucket", lambda: s.list_objects_v2(Bucket="no-such-bucket"))
        call(out, "Error.DeleteBucket.notEmpty", lambda: s.delete_bucket(Bucket="diff-bucket"))
        # Multipart: a 5 MiB part (the least a part but the last may be) and a small last one.
        mpu = call(out, "CreateMultipartUpload", lambda: s.create_multipart_upload(Bucket="diff-bucket", Key="mp.bin"))
        uid = mpu["UploadId"] if mpu else "none"
        part = lambda n, body, key="mp.bin", upload=None: s.upload_part(Bucket="diff-bucket", Key=key, UploadId=upload or uid, PartNumber=n, Body=body)
        p1 = call(out, "UploadPart", lambda: part(1, b"x" * (5 << 20)))
        p2 = call(out, "UploadPart.last", lambda: part(2, b"tail"))
        p3 = part(3, b"y" * (5 << 20))
        copy_part = lambda source="diff-bucket/a/b.txt", **extra: s.upload_part_copy(Bucket="diff-bucket", Key="mp.bin", UploadId=uid, PartNumber=5,
                                                                                    CopySource=source, **extra)
        call(out, "UploadPartCopy", lambda: copy_part(CopySourceRange="bytes=0-2"))
        call(out, "Error.UploadPartCopy.range", lambda: copy_part(CopySourceRange="bytes=0-99"))
        call(out, "Error.UploadPartCopy.noKey", lambda: copy_part("diff-bucket/missing"))
        call(out, "ListParts", lambda: s.list_parts(Bucket="diff-bucket", Key="mp.bin", UploadId=uid))
        call(out, "ListMultipartUploads", lambda: s.list_multipart_uploads(Bucket="diff-bucket"))
        listed = [{"PartNumber": 1, "ETag": p1["ETag"] if p1 else ""}, {"PartNumber": 2, "ETag": p2["ETag"] if p2 else ""}]
        complete = lambda parts, key="mp.bin", upload=None: s.complete_multipart_upload(Bucket="diff-bucket", Key=key, UploadId=upload or uid, MultipartUpload={"Parts": parts})
        call(out, "Error.CompleteMultipartUpload.unknownPart", lambda: complete([listed[0], dict(listed[1], PartNumber=4)]))
        call(out, "Error.CompleteMultipartUpload.etag", lambda: complete([listed[0], dict(listed[1], ETag=listed[0]["ETag"])]))
        small = s.create_multipart_upload(Bucket="diff-bucket", Key="small.bin")["UploadId"]
        tiny = [{"PartNumber": n, "ETag": part(n, b"tiny", "small.bin", small)["ETag"]} for n in (1, 2)]
        call(out, "Error.CompleteMultipartUpload.tooSmall", lambda: complete(tiny, "small.bin", small))
        call(out, "AbortMultipartUpload", lambda: s.abort_multipart_upload(Bucket="diff-bucket", Key="small.bin", UploadId=small))
        call(out, "Error.UploadPart.aborted", lambda: part(1, b"x", "small.bin", small))
        # Parts 3 and 1, both big enough wherever they stand: only their order is wrong (last of the errors: moto completes the
        # upload with them, and completes it again after).
        call(out, "Error.CompleteMultipartUpload.order", lambda: complete([{"PartNumber": 3, "ETag": p3["ETag"]}, listed[0]]))
        call(out, "CompleteMultipartUpload", lambda: complete(listed))
        call(out, "Error.CompleteMultipartUpload.done", lambda: complete(listed))
        got = call(out, "GetObject.multipartPart", lambda: s.get_object(Bucket="diff-bucket", Key="mp.bin", PartNumber=2))
        if got: out["GetObject.multipartPart"]["ok"].pop("Body", None)
        call(out, "HeadObject.multipartPart", lambda: s.head_object(Bucket="diff-bucket", Key="mp.bin", PartNumber=1))
        s.delete_object(Bucket="diff-bucket", Key="mp.bin")
        call(out, "DeleteObject", lambda: s.delete_object(Bucket="diff-bucket", Key="a/b.txt"))
        call(out, "DeleteBucket", lambda: s.delete_bucket(Bucket="diff-bucket"))
        return out

    TEMPLATE = json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Description": "differential",
                           "Parameters": {"Shards": {"Type": "Number", "Default": "1"}},
                           "Resources": {"Events": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}}},
                           "Outputs": {"StreamName": {"Value": {"Ref": "Events"}}, "Shards": {"Value": {"Ref": "Shards"}}}})

    def cloudformation(endpoint):
        c = client("cloudformation", endpoint)
        out = {}
        call(out, "ValidateTemplate", lambda: c.validate_template(TemplateBody=TEMPLATE))
        call(out, "CreateStack", lambda: c.create_stack(StackName="diff-stack", TemplateBody=TEMPLATE))
        for _ in range(300):
            if not c.describe_stacks(StackName="diff-stack")["Stacks"][0]["StackStatus"].endswith("IN_PROGRESS"): break
            time.sleep(0.1)
        call(out, "DescribeStacks", lambda: c.describe_stacks(StackName="diff-stack"))
        call(out, "DescribeStackResources", lambda: c.describe_stack_resources(StackName="diff-stack"))
        call(out, "ListStackResources", lambda: c.list_stack_resources(StackName="diff-stack"))
        call(out, "ListStacks", lambda: c.list_stacks())
        call(out, "GetTemplate", lambda: c.get_template(StackName="diff-stack"))
        call(out, "Error.DescribeStacks.missing", lambda: c.describe_stacks(StackName="no-such-stack"))
        call(out, "Error.ValidateTemplate.noResources", lambda: c.validate_template(TemplateBody="{}"))
        call(out, "Error.CreateStack.exists", lambda: c.create_stack(StackName="diff-stack", TemplateBody=TEMPLATE))
        call(out, "DeleteStack", lambda: c.delete_stack(StackName="diff-stack"))
        return out

    def ec2(endpoint):
        e = client("ec2", endpoint)
        out = {}
        run = call(out, "RunInstances", lambda: e.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.large", MinCount=1, MaxCount=1))
        iid = run["Instances"][0]["InstanceId"]
        call(out, "DescribeInstances", lambda: e.describe_instances(InstanceIds=[iid]))
        call(out, "DescribeVolumes", lambda: e.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [iid]}]))
        call(out, "DescribeSecurityGroups", lambda: e.describe_security_groups(GroupNames=["default"]))
        # A few types without instance storage or accelerators (whose answers have extra members); the shape is
        # the first item's, and each type's facts are compared too.
        types = call(out, "DescribeInstanceTypes", lambda: e.describe_instance_types(InstanceTypes=["c4.large", "m5.xlarge", "t3.micro", "m7g.large"]))
        if types: out["DescribeInstanceTypes"]["facts"] = sorted([t["InstanceType"], t["VCpuInfo"]["DefaultVCpus"], t["VCpuInfo"]["DefaultCores"],
                                                                  t["VCpuInfo"]["DefaultThreadsPerCore"], t["MemoryInfo"]["SizeInMiB"],
                                                                  t["ProcessorInfo"]["SupportedArchitectures"], t["CurrentGeneration"],
                                                                  t["BareMetal"], t["NetworkInfo"]["NetworkPerformance"], t.get("Hypervisor"),
                                                                  t["ProcessorInfo"].get("Manufacturer"), t["ProcessorInfo"].get("SustainedClockSpeedInGhz"),
                                                                  t.get("BurstablePerformanceSupported"), t.get("FreeTierEligible")] for t in types["InstanceTypes"])
        call(out, "Error.DescribeInstanceTypes.missing", lambda: e.describe_instance_types(InstanceTypes=["c4.huge"]))
        call(out, "Error.DescribeVolumes.missing", lambda: e.describe_volumes(VolumeIds=["vol-0123456789abcdef0"]))
        call(out, "Error.DescribeSecurityGroups.missing", lambda: e.describe_security_groups(GroupIds=["sg-0123456789abcdef0"]))
        call(out, "StopInstances", lambda: e.stop_instances(InstanceIds=[iid]))
        call(out, "CreateTags", lambda: e.create_tags(Resources=[iid], Tags=[{"Key": "team", "Value": "data"}]))
        # Pagination, after StopInstances (which must find the instance still pending): only whether a page has a
        # NextToken is compared (the items are compared above).
        def page(name, f):
            if call(out, name, f): out[name]["ok"] = {k: "present" for k in out[name]["ok"]}
        # The served estate has its own instances besides this one; the filter leaves this one alone on both.
        page("DescribeInstances.page", lambda: e.describe_instances(MaxResults=5, Filters=[{"Name": "instance-id", "Values": [iid]}]))
        page("DescribeInstanceTypes.page", lambda: e.describe_instance_types(MaxResults=5))
        call(out, "Error.DescribeInstances.pageWithIds", lambda: e.describe_instances(InstanceIds=[iid], MaxResults=5))
        call(out, "Error.DescribeInstances.pageSize", lambda: e.describe_instances(MaxResults=4))
        # Status checks of a second instance, once it runs.
        checked = e.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.large", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        for _ in range(300):
            if e.describe_instances(InstanceIds=[checked])["Reservations"][0]["Instances"][0]["State"]["Name"] == "running": break
            time.sleep(0.1)
        call(out, "DescribeInstanceStatus", lambda: e.describe_instance_status(InstanceIds=[checked]))
        e.terminate_instances(InstanceIds=[checked])
        call(out, "Error.DescribeInstances.missing", lambda: e.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
        call(out, "Error.DescribeInstances.malformed", lambda: e.describe_instances(InstanceIds=["nope"]))
        call(out, "Error.RunInstances.badType", lambda: e.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.huge", MinCount=1, MaxCount=1))
        e.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.large", MinCount=1, MaxCount=1, ClientToken="diff-token")
        call(out, "Error.RunInstances.tokenMismatch",
             lambda: e.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="m5.large", MinCount=1, MaxCount=1, ClientToken="diff-token"))
        call(out, "TerminateInstances", lambda: e.terminate_instances(InstanceIds=[iid]))
        return out

    def redshift(endpoint):
        r = client("redshift", endpoint)
        out = {}
        create = lambda: r.create_cluster(ClusterIdentifier="diff-cluster", NodeType="dc2.large", MasterUsername="awsuser",
                                          MasterUserPassword="Passw0rd1", ClusterType="single-node")
        call(out, "CreateCluster", create)
        call(out, "DescribeClusters", lambda: r.describe_clusters(ClusterIdentifier="diff-cluster"))
        call(out, "Error.DescribeClusters.missing", lambda: r.describe_clusters(ClusterIdentifier="no-such-cluster"))
        call(out, "Error.CreateCluster.exists", create)
        call(out, "DeleteCluster", lambda: r.delete_cluster(ClusterIdentifier="diff-cluster", SkipFinalClusterSnapshot=True))
        call(out, "Error.DeleteCluster.missing", lambda: r.delete_cluster(ClusterIdentifier="no-such-cluster", SkipFinalClusterSnapshot=True))
        return out

    both(lambda endpoint: {"kinesis": kinesis(endpoint), "s3": s3(endpoint), "ec2": ec2(endpoint),
                           "cloudformation": cloudformation(endpoint), "redshift": redshift(endpoint)})
    """#
}
