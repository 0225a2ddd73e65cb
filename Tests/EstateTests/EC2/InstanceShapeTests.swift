@testable import Estate
import Testing

/// Fields of `describe-instances` and `describe-instance-types` that follow the instance's life
/// and its type's data, as AWS answers them.
@Suite struct InstanceShapeTests {
    /// The instance's item in `describe-instances`.
    static func described(_ estate: Estate, _ id: String) -> JSONValue? {
        let reply = Fixtures.run(estate, "ec2 describe-instances --instance-ids \(id)")[0]
        return reply["Reservations"]?.arrayValue?.first?["Instances"]?.arrayValue?.first
    }

    @Test func terminatedInstanceLosesItsAddressesAndNoTwoListedInstancesShareOne() throws {
        let estate = Fixtures.emptyEstate()
        let first = Fixtures.launch(estate)[0]
        estate.advance(by: .minutes(1))
        let running = try #require(Self.described(estate, first))
        let privateIP = try #require(running["PrivateIpAddress"]?.stringValue)
        #expect(running["PrivateDnsName"]?.stringValue == "ip-" + privateIP.replacingOccurrences(of: ".", with: "-") + ".ec2.internal")
        let publicIP = try #require(running["PublicIpAddress"]?.stringValue)
        #expect(running["PublicDnsName"]?.stringValue?.hasPrefix("ec2-" + publicIP.replacingOccurrences(of: ".", with: "-")) == true)

        try estate.ec2.changeStates([first], .terminate)
        estate.advance(by: .minutes(1))
        let terminated = try #require(Self.described(estate, first))
        #expect(terminated["State"]?["Name"]?.stringValue == "terminated")
        #expect(terminated["PrivateIpAddress"] == nil)
        #expect(terminated["PublicIpAddress"] == nil)
        #expect(terminated["PrivateDnsName"]?.stringValue == "")
        #expect(terminated["PublicDnsName"]?.stringValue == "")

        // The freed address is handed out again, and the terminated instance, still listed, no longer claims it.
        let second = Fixtures.launch(estate)[0]
        #expect(estate.ec2.instance(second)?.assignedPrivateIPAddress == privateIP)
        let listed = Fixtures.run(estate, "ec2 describe-instances")[0]["Reservations"]!.arrayValue!
            .flatMap { $0["Instances"]!.arrayValue! }
        #expect(listed.count == 2)
        for key in ["PrivateIpAddress", "PublicIpAddress"] {
            let addresses = listed.compactMap { $0[key]?.stringValue }
            #expect(Set(addresses).count == addresses.count, "\(key) shared: \(addresses)")
        }
    }

    @Test func stoppedInstanceGivesBackItsPublicAddressOnly() throws {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate)[0]
        estate.advance(by: .minutes(1))
        try estate.ec2.changeStates([id], .stop)
        estate.advance(by: .minutes(1))
        let stopped = try #require(Self.described(estate, id))
        #expect(stopped["PublicIpAddress"] == nil)
        #expect(stopped["PrivateIpAddress"]?.stringValue == "172.31.0.4")
    }

    @Test(arguments: [
        ("c4.large", 1, 2),      // x86: two threads per core
        ("c4.8xlarge", 18, 2),
        ("m7g.xlarge", 4, 1),    // Graviton: one thread per core
        ("t2.nano", 1, 1),
        ("hpc7g.16xlarge", 64, 1),
    ])
    func cpuOptionsComeFromTheInstanceTypesDefaults(type: String, cores: Int, threads: Int) throws {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate, type: type)[0]
        let item = try #require(Self.described(estate, id))
        #expect(item["CpuOptions"]?["CoreCount"]?.intValue == Int64(cores))
        #expect(item["CpuOptions"]?["ThreadsPerCore"]?.intValue == Int64(threads))
        let info = Fixtures.run(estate, "ec2 describe-instance-types --instance-types \(type)")[0]["InstanceTypes"]?.arrayValue?.first
        #expect(info?["VCpuInfo"]?["DefaultCores"]?.intValue == Int64(cores))
        #expect(info?["VCpuInfo"]?["DefaultThreadsPerCore"]?.intValue == Int64(threads))
    }

    @Test func monitoringIsDisabledUnlessAskedFor() throws {
        let estate = Fixtures.emptyEstate()
        let plain = Fixtures.run(estate, "ec2 run-instances --instance-type c4.large")[0]
        #expect(plain["Instances"]?.arrayValue?.first?["Monitoring"]?["State"]?.stringValue == "disabled")
        let detailed = Fixtures.run(estate, "ec2 run-instances --instance-type c4.large --monitoring Enabled=true")[0]
        #expect(detailed["Instances"]?.arrayValue?.first?["Monitoring"]?["State"]?.stringValue == "enabled")
    }

    @Test(arguments: ["c99.large", "c4.larg", "foo"])
    func describeInstanceTypesAnswersInvalidInstanceType(name: String) {
        let estate = Fixtures.emptyEstate()
        let reply = Fixtures.run(estate, "ec2 describe-instance-types --instance-types \(name)")[0]
        #expect(reply.errorCode == "InvalidInstanceType")
        #expect(reply["Error"]?["Message"]?.stringValue?.contains(name) == true)
    }
}
