import Foundation
import Testing

/// EC2 pagination through `cloudtop serve`: boto3's own paginators (which follow NextToken) and
/// the aws CLI's `--page-size` give the same items as one unpaginated call, and an out-of-range
/// MaxResults is AWS's InvalidParameterValue as a ClientError.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeEC2PaginationTests {
    @Test func boto3PaginatorsAndTheCLIsPageSizeSeeEveryItemOnce() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions
        ec2 = boto3.client("ec2", endpoint_url=ENDPOINT)
        def code(f):
            try:
                f(); return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=7, MaxCount=7)
        def paged(operation, key, size, inner=None):
            pages = list(ec2.get_paginator(operation).paginate(PaginationConfig={"PageSize": size}))
            items = [x for p in pages for x in p[key]]
            if inner: items = [i for r in items for i in r[inner]]
            return pages, items
        out = {}
        ipages, instances = paged("describe_instances", "Reservations", 5, "Instances")
        whole = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
        out["instances"] = [len(ipages) > 1, [i["InstanceId"] for i in instances] == whole, len(whole)]
        vpages, volumes = paged("describe_volumes", "Volumes", 5)
        out["volumes"] = [len(vpages) > 1, [v["VolumeId"] for v in volumes] == [v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]]]
        tpages, types = paged("describe_instance_types", "InstanceTypes", 100)
        names = [t["InstanceType"] for t in types]
        out["types"] = [len(tpages), len(names), len(set(names)), max(len(p["InstanceTypes"]) for p in tpages)]
        gpages, groups = paged("describe_security_groups", "SecurityGroups", 5)
        out["groups"] = [len(gpages), [g["GroupName"] for g in groups]]
        out["errors"] = [code(lambda: ec2.describe_instances(MaxResults=4)), code(lambda: ec2.describe_instance_types(MaxResults=101)),
                         code(lambda: ec2.describe_security_groups(MaxResults=1001)),
                         code(lambda: ec2.describe_instances(MaxResults=5, NextToken="nonsense"))]
        print(json.dumps(out))
        """) as? [String: Any])
        let instances = try #require(answer["instances"] as? [Any])
        #expect(instances.first as? Bool == true && instances.dropFirst().first as? Bool == true, "\(instances)")
        #expect((instances.last as? Int ?? 0) >= 7)
        #expect(answer["volumes"] as? [Bool] == [true, true])
        let types = try #require(answer["types"] as? [Int])
        // More than one page of at most 100, no type twice.
        #expect(types[0] > 1 && types[1] == types[2] && types[3] == 100, "\(types)")
        #expect((answer["groups"] as? [Any])?.first as? Int == 1)
        #expect(answer["errors"] as? [[AnyHashable]] == [["InvalidParameterValue", 400], ["InvalidParameterValue", 400],
                                                           ["InvalidParameterValue", 400], ["InvalidPaginationToken", 400]])

        // The aws CLI pages with --page-size and joins the pages into one answer.
        let cli = try served.aws(["ec2", "describe-instance-types", "--page-size", "50"])
        let listed = ((cli.json as? [String: Any])?["InstanceTypes"] as? [[String: Any]])?.compactMap { $0["InstanceType"] as? String } ?? []
        #expect(cli.status == 0 && listed.count == types[1] && Set(listed).count == listed.count, "\(cli.output.prefix(300))")
    }
}
