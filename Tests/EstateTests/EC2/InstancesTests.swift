@testable import Estate
import Testing

@Suite struct InstancesTests {
    @Test func idsAndAddressesHaveAWSsForm() {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 3, zone: "us-east-1b")
        for id in ids {
            #expect(id.count == 19 && id.hasPrefix("i-"))
            #expect(id.dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })
        }
        let ips = ids.map { estate.ec2.instance($0)!.privateIPAddress }
        #expect(ips == ["172.31.16.4", "172.31.16.5", "172.31.16.6"])
        #expect(estate.ec2.instance(ids[0])!.subnetID == DefaultVPC.subnetID(zone: "us-east-1b"))
    }

    @Test func runInstancesRejectsBadTypesWithASuggestionAndChangesNothing() {
        let estate = Fixtures.emptyEstate()
        let reply = Fixtures.run(estate, "ec2 run-instances --instance-type c4.larg")[0]
        #expect(reply.errorCode == "InvalidParameterValue")
        #expect(reply["Error"]?["Message"]?.stringValue?.contains("c4.large") == true)
        #expect(estate.ec2.instances.isEmpty)
    }

    @Test(arguments: [
        ("ec2 run-instances --instance-type c4.large --placement AvailabilityZone=us-east-1z", "InvalidParameterValue"),
        ("ec2 run-instances --instance-type c4.large --count 0", "InvalidParameterValue"),
        ("ec2 run-instances --instance-type c4.large --count 3:2", "InvalidParameterValue"),
        ("ec2 run-instances --instance-type c4.large --image-id xyz", "InvalidAMIID.Malformed"),
        ("ec2 stop-instances --instance-ids i-0123456789abcdef0", "InvalidInstanceID.NotFound"),
        ("ec2 stop-instances --instance-ids web", "InvalidInstanceID.Malformed"),
        ("ec2 describe-instances --filters Name=colour,Values=red", "InvalidParameterValue"),
    ])
    func badRequestsGetAWSCodes(line: String, code: String) {
        let estate = Fixtures.emptyEstate()
        #expect(Fixtures.run(estate, line)[0].errorCode == code)
        #expect(estate.ec2.instances.isEmpty)
    }

    @Test func describeFiltersByStateTypeAndNameTag() {
        let estate = Fixtures.emptyEstate()
        Fixtures.run(estate,
                     "ec2 run-instances --instance-type c4.large --count 2 --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]'",
                     "ec2 run-instances --instance-type t3.micro --tag-specifications Name=bastion")
        estate.advance(by: .minutes(1))
        let web = estate.ec2.instances.filter { $0.name == "web" }.map(\.instanceID)
        try! estate.ec2.changeStates([web[0]], .stop)
        func ids(_ line: String) -> [String] {
            let reply = Fixtures.run(estate, line)[0]
            return reply["Reservations"]!.arrayValue!.flatMap { $0["Instances"]!.arrayValue!.map { $0["InstanceId"]!.stringValue! } }
        }
        #expect(ids("ec2 describe-instances").count == 3)
        #expect(ids("ec2 describe-instances --filters Name=tag:Name,Values=web").sorted() == web.sorted())
        #expect(ids("ec2 describe-instances --filters Name=instance-state-name,Values=running Name=tag:Name,Values=web") == [web[1]])
        #expect(ids("ec2 describe-instances --filters Name=instance-state-name,Values=stopping,stopped") == [web[0]])
        #expect(ids("ec2 describe-instances --filters Name=instance-type,Values=t3.*").count == 1)
        #expect(ids("ec2 describe-instances --filters '[{\"Name\":\"tag:Name\",\"Values\":[\"bast*\"]}]'").count == 1)
    }

    @Test func summaryAddsUpRunningInstances() {
        let estate = Fixtures.emptyEstate()
        _ = Fixtures.launch(estate, type: "c4.large", count: 2)
        _ = Fixtures.launch(estate, type: "m5.xlarge", count: 1)
        #expect(estate.ec2.summary.running == 0)
        estate.advance(by: .minutes(1))
        let s = estate.ec2.summary
        #expect(s.running == 3)
        #expect(s.runningVCPUs == 2 + 2 + 4)
        let expected = 2 * InstanceTypeCatalog.spec(named: "c4.large")!.hourlyPriceUSD + InstanceTypeCatalog.spec(named: "m5.xlarge")!.hourlyPriceUSD
        #expect(abs(s.costPerHourUSD - expected) < 1e-9)
    }

    @Test func metricsAreSampledEveryPeriodForRunningInstancesOnly() {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 2)
        estate.advance(by: .minutes(1))
        try! estate.ec2.changeStates([ids[1]], .stop)
        estate.advance(by: .minutes(10))
        let running = estate.ec2.instance(ids[0])!.metrics
        // Samples fall at 1m, 2m, … 11m: eleven periods while it was running.
        #expect(running.cpuPercent.count == 11)
        #expect(running.cpuPercent.values.allSatisfy { (0...100).contains($0) })
        #expect(running.networkInBytes.values.allSatisfy { $0 >= 0 })
        #expect(estate.ec2.instance(ids[1])!.metrics.cpuPercent.count <= 1)
    }

    @Test func dailyProfilePeaksNearItsPeakHour() {
        var random = SeededRandom(seed: 1)
        let estate = Fixtures.emptyEstate()
        var instance = estate.ec2.instance(Fixtures.launch(estate)[0])!
        instance.workload = .dailyCycle(lowPercent: 10, highPercent: 80, peakHour: 14)
        MetricSampler.sample(&instance, at: SimInstant(milliseconds: 14 * 3_600_000), period: .seconds(60), using: &random)
        MetricSampler.sample(&instance, at: SimInstant(milliseconds: 2 * 3_600_000), period: .seconds(60), using: &random)
        let values = instance.metrics.cpuPercent.values
        #expect(values[0] > 65)
        #expect(values[1] < 25)
    }

    @Test func metricRingKeepsTheNewestSamples() {
        var ring = MetricRing(capacity: 3)
        for v in 1...5 { ring.append(Double(v)) }
        #expect(ring.values == [3, 4, 5])
        #expect(ring.last == 5)
    }
}
