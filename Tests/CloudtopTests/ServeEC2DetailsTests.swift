import Foundation
import Testing

/// An instance's details as real EC2 answers them, read through boto3 from `cloudtop serve`: the
/// root volume, the primary network interface, the default security group, metadata options,
/// the AMI's root device and virtualization, and the reasons AWS gives for each state.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeEC2DetailsTests {
    static let script = """
    import boto3, botocore.exceptions, time, datetime
    ec2 = boto3.client("ec2", endpoint_url=ENDPOINT)
    def one(iid):
        return ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    def wait(iid, state):
        for _ in range(400):
            i = one(iid)
            if i["State"]["Name"] == state: return i
            time.sleep(0.05)
        return one(iid)
    iso = lambda d: d.isoformat() if hasattr(d, "isoformat") else d
    out = {}
    run = ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="c4.xlarge", MinCount=1, MaxCount=1, ClientToken="token-details-1")
    launched = run["Instances"][0]
    iid = launched["InstanceId"]
    out["launched"] = launched
    out["running"] = wait(iid, "running")
    ec2.stop_instances(InstanceIds=[iid])
    out["stopped"] = wait(iid, "stopped")
    ec2.terminate_instances(InstanceIds=[iid])
    out["terminated"] = wait(iid, "terminated")
    tuned = ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=1, MaxCount=1, EbsOptimized=True,
                              MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 2})["Instances"][0]
    out["tuned"] = {"EbsOptimized": tuned["EbsOptimized"], "MetadataOptions": tuned["MetadataOptions"], "CpuOptions": tuned["CpuOptions"]}
    try:
        ec2.run_instances(ImageId="ami-0c55b159cbfafe1f0", InstanceType="t3.micro", MinCount=1, MaxCount=1, MetadataOptions={"HttpTokens": "sometimes"})
        out["badTokens"] = None
    except botocore.exceptions.ClientError as e:
        out["badTokens"] = e.response["Error"]["Code"]
    print(json.dumps(out, default=iso))
    """

    @Test func instancesCarryTheirVolumeInterfaceGroupAndMetadataOptions() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python(Self.script) as? [String: Any])
        let launched = try #require(answer["launched"] as? [String: Any])
        let running = try #require(answer["running"] as? [String: Any])

        // RunInstances answers a pending instance with StateReason pending/pending and its metadata options not yet applied.
        #expect(launched["StateReason"] as? [String: String] == ["Code": "pending", "Message": "pending"])
        #expect((launched["MetadataOptions"] as? [String: Any])?["State"] as? String == "pending")
        #expect(launched["ClientToken"] as? String == "token-details-1", "the request's idempotency token")

        // The AMI: EBS-backed HVM, root on /dev/xvda.
        #expect(running["RootDeviceName"] as? String == "/dev/xvda" && running["RootDeviceType"] as? String == "ebs")
        #expect(running["VirtualizationType"] as? String == "hvm" && running["Hypervisor"] as? String == "xen")
        #expect(running["EbsOptimized"] as? Bool == false && running["EnaSupport"] as? Bool == true)
        #expect(running["SourceDestCheck"] as? Bool == true)
        // c4.xlarge: 4 vCPUs, 2 cores of 2 threads.
        #expect(running["CpuOptions"] as? [String: Int] == ["CoreCount": 2, "ThreadsPerCore": 2])
        #expect(running["Placement"] as? [String: String] == ["AvailabilityZone": "us-east-1a", "GroupName": "", "Tenancy": "default"])
        #expect(running["Monitoring"] as? [String: String] == ["State": "disabled"])
        #expect(running["StateReason"] == nil, "a running instance has no state reason")
        #expect(running["StateTransitionReason"] as? String == "")

        let metadata = try #require(running["MetadataOptions"] as? [String: Any])
        #expect(metadata["State"] as? String == "applied" && metadata["HttpTokens"] as? String == "optional")
        #expect(metadata["HttpEndpoint"] as? String == "enabled" && metadata["HttpPutResponseHopLimit"] as? Int == 1)

        let volumes = try #require(running["BlockDeviceMappings"] as? [[String: Any]])
        try #require(volumes.count == 1)
        #expect(volumes[0]["DeviceName"] as? String == "/dev/xvda")
        let ebs = try #require(volumes[0]["Ebs"] as? [String: Any])
        #expect((ebs["VolumeId"] as? String)?.hasPrefix("vol-") == true && (ebs["VolumeId"] as? String)?.count == 21)
        #expect(ebs["Status"] as? String == "attached" && ebs["DeleteOnTermination"] as? Bool == true)
        #expect(ebs["AttachTime"] as? String == running["LaunchTime"] as? String, "attached at launch")

        let groups = try #require(running["SecurityGroups"] as? [[String: String]])
        #expect(groups.count == 1 && groups[0]["GroupName"] == "default" && groups[0]["GroupId"]?.hasPrefix("sg-") == true)

        let interfaces = try #require(running["NetworkInterfaces"] as? [[String: Any]])
        try #require(interfaces.count == 1)
        let eni = interfaces[0]
        #expect((eni["NetworkInterfaceId"] as? String)?.hasPrefix("eni-") == true)
        #expect(eni["PrivateIpAddress"] as? String == running["PrivateIpAddress"] as? String)
        #expect(eni["PrivateDnsName"] as? String == running["PrivateDnsName"] as? String)
        #expect(eni["SubnetId"] as? String == running["SubnetId"] as? String && eni["VpcId"] as? String == running["VpcId"] as? String)
        #expect(eni["Groups"] as? [[String: String]] == groups)
        #expect(eni["Status"] as? String == "in-use" && eni["InterfaceType"] as? String == "interface")
        let attachment = try #require(eni["Attachment"] as? [String: Any])
        #expect(attachment["DeviceIndex"] as? Int == 0 && attachment["Status"] as? String == "attached")
        #expect((attachment["AttachmentId"] as? String)?.hasPrefix("eni-attach-") == true)
        #expect((eni["Association"] as? [String: Any])?["PublicIp"] as? String == running["PublicIpAddress"] as? String)
        let mac = eni["MacAddress"] as? String ?? ""
        #expect(mac.split(separator: ":").count == 6, "\(mac)")

        // Stopped: AWS's reason texts, stamped with the virtual clock (the estate starts 2026-01-01,
        // so a wall-clock stamp would not fall within a day of the launch).
        let stopped = try #require(answer["stopped"] as? [String: Any])
        #expect(stopped["StateReason"] as? [String: String] == ["Code": "Client.UserInitiatedShutdown",
                                                                 "Message": "Client.UserInitiatedShutdown: User initiated shutdown"])
        let reason = stopped["StateTransitionReason"] as? String ?? ""
        let launchDay = String((running["LaunchTime"] as? String ?? "").prefix(10))
        #expect(reason.hasPrefix("User initiated (\(launchDay) ") && reason.hasSuffix(" GMT)") && reason.count == 40, "\(reason)")
        // The interface stays, without the public address the stop released.
        let stoppedENI = (stopped["NetworkInterfaces"] as? [[String: Any]])?.first
        #expect(stoppedENI?["NetworkInterfaceId"] as? String == eni["NetworkInterfaceId"] as? String)
        #expect(stoppedENI?["Association"] == nil && stopped["PublicIpAddress"] == nil)

        // Terminated: the interface and the root volume (DeleteOnTermination) are gone.
        let terminated = try #require(answer["terminated"] as? [String: Any])
        let state = terminated["State"] as? [String: Any]
        #expect(state?["Code"] as? Int == 48 && state?["Name"] as? String == "terminated")
        #expect(terminated["NetworkInterfaces"] as? [Any] != nil && (terminated["NetworkInterfaces"] as? [Any])?.isEmpty == true)
        #expect((terminated["BlockDeviceMappings"] as? [Any])?.isEmpty == true)
        #expect((terminated["StateReason"] as? [String: String])?["Code"] == "Client.UserInitiatedShutdown")

        // What the launch asked for: EBS optimization and IMDSv2 with two hops; t3.micro has 1 core of 2 threads.
        let tuned = try #require(answer["tuned"] as? [String: Any])
        #expect(tuned["EbsOptimized"] as? Bool == true)
        let tunedMetadata = tuned["MetadataOptions"] as? [String: Any]
        #expect(tunedMetadata?["HttpTokens"] as? String == "required" && tunedMetadata?["HttpPutResponseHopLimit"] as? Int == 2)
        #expect(tuned["CpuOptions"] as? [String: Int] == ["CoreCount": 1, "ThreadsPerCore": 2])
        #expect(answer["badTokens"] as? String == "InvalidParameterValue")
    }
}
