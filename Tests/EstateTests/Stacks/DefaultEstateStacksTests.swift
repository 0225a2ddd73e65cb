import Testing
@testable import Estate

/// The default estate is declared as templates (Config/stacks/fleet, streams, warehouse) and
/// deployed at first start; what used to be estate.yaml's sections - CPU profiles, producers,
/// consumers, sample data, loaders - rides on each resource's `Metadata.cloudtop`.
struct DefaultEstateStacksTests {
    static func defaultEstate(seed: UInt64 = 42) throws -> Estate {
        try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: seed)
    }

    @Test func theDefaultEstateListsItsStacks() throws {
        let config = try EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        #expect(config.stacks.map(\.template) == ["fleet", "streams", "warehouse", "website"])
        // Nothing is built outside the stacks: the edge section keeps only the session secret and the traffic.
        #expect(config.instances.isEmpty && config.streams.isEmpty && config.producers.isEmpty && config.warehouse.isEmpty)
        #expect(config.edge?.functions.isEmpty == true && config.edge?.distributions.isEmpty == true)
    }

    /// The estate as estate.yaml used to launch it: eleven instances by name, type, zone and CPU profile.
    @Test func theFleetStackLaunchesTheSameInstances() throws {
        let estate = try Self.defaultEstate()
        estate.advance(by: .minutes(1))
        let expected: [(String, String, String, String)] = [
            ("web-1", "c5.large", "us-east-1a", "daily"), ("web-2", "c5.large", "us-east-1a", "daily"),
            ("web-3", "c5.large", "us-east-1a", "daily"), ("api-1", "m7g.xlarge", "us-east-1b", "bursty"),
            ("api-2", "m7g.xlarge", "us-east-1b", "bursty"), ("worker-1", "c7i.2xlarge", "us-east-1c", "steady"),
            ("worker-2", "c7i.2xlarge", "us-east-1c", "steady"), ("db-primary", "r6i.2xlarge", "us-east-1a", "steady"),
            ("cache", "r7g.large", "us-east-1b", "daily"), ("bastion", "t3.micro", "us-east-1a", "steady"),
            ("ml-train", "g5.xlarge", "us-east-1c", "bursty"),
        ]
        let instances = estate.ec2.instances
        #expect(instances.count == expected.count)
        for (name, type, zone, workload) in expected {
            let instance = try #require(instances.first { $0.name == name }, "no instance \(name)")
            #expect(instance.instanceType == type && instance.availabilityZone == zone, "\(name)")
            #expect(instance.workload.name == workload, "\(name)'s CPU profile")
            #expect(instance.tag("aws:cloudformation:stack-name") == "fleet")
        }
    }

    /// What the issue asks `cloudtop run --until 5m` to show: every stack complete, instances
    /// running, streams ACTIVE with records, the warehouse's tables growing, edge traffic.
    @Test func afterFiveMinutesEverythingHasFormedAndIsBusy() throws {
        let estate = try Self.defaultEstate()
        #expect(estate.now == .zero + .seconds(60), "the warmup")
        estate.advance(to: .zero + .minutes(3))
        let cluster = try #require(estate.warehouse.cluster("shop"))
        let ordersAt3 = cluster.database.tables["orders_stream"]?.totalRows ?? 0
        estate.advance(to: .zero + .minutes(5))
        for stack in estate.stacks.stacks {
            #expect(stack.status == StackStatus.createComplete, "\(stack.stackName): \(stack.status) \(stack.statusReason ?? "")")
        }
        #expect(estate.stacks.stacks.map(\.stackName) == ["fleet", "streams", "warehouse", "website"])
        #expect(estate.edge.distribution(named: "website")?.status == "Deployed")
        #expect(estate.ec2.instances.allSatisfy { $0.state == .running })
        for name in ["clickstream", "orders"] {
            let stream = try #require(estate.kinesis.stream(named: name))
            #expect(stream.status == .active)
            #expect(estate.kinesis.producers.contains { $0.settings.streamName == name && $0.isRunning && $0.sent > 0 }, "\(name) gets records")
        }
        #expect(estate.kinesis.stream(named: "clickstream")?.openShardCount == 4)
        #expect(estate.kinesis.stream(named: "orders")?.retentionHours == 48)
        #expect(estate.kinesis.consumerApplication(named: "sessionizer")?.isRunning == true)
        #expect(estate.kinesis.consumerApplication(named: "fulfilment")?.isRunning == true)
        #expect(cluster.status == .available)
        #expect(cluster.nodeType.name == "ra3.xlplus" && cluster.numberOfNodes == 2)
        #expect(cluster.database.tables["customers"]?.totalRows == ShopSampleData.customerCount)
        #expect(estate.warehouse.loaders.map(\.name) == ["orders-to-orders_stream", "clickstream-to-clickstream_events"])
        #expect((cluster.database.tables["orders_stream"]?.totalRows ?? 0) > ordersAt3, "the warehouse grows")
        #expect(estate.edge.distributions.first?.metrics.requests ?? 0 > 0, "edge traffic")
    }

    /// Deleting a stack stops what its resources' metadata started: no producer writes to a
    /// stream that is gone.
    @Test func deletingTheStreamsStackStopsItsProducersAndConsumers() throws {
        let estate = try Self.defaultEstate()
        estate.advance(to: .zero + .minutes(3))
        _ = try CommandRunner(estate: estate).run("cloudformation delete-stack --stack-name streams")!.result.get()
        StackFixtures.settle(estate, "streams")
        #expect(estate.stacks.stack("streams") == nil)
        #expect(estate.kinesis.producers.allSatisfy { !$0.isRunning })
        #expect(estate.kinesis.consumerApplication(named: "sessionizer")?.isRunning == false)
        #expect(estate.kinesis.producers.allSatisfy { $0.failed == 0 }, "stopped before the stream went")
    }

    /// A mistake in the simulation's metadata fails the resource with the place named, before
    /// anything is created, and the stack rolls back as for any other failure.
    @Test func badSimulationMetadataFailsTheResourceNamingIt() throws {
        let estate = StackFixtures.estate()
        let body = """
        Resources:
          Box:
            Type: AWS::EC2::Instance
            Metadata:
              cloudtop: { workload: spiky }
            Properties: { InstanceType: t3.micro }
        """
        try estate.stacks.createStack(name: "bad", body: body)
        StackFixtures.settle(estate, "bad")
        let failed = try #require(StackFixtures.first(StackFixtures.events(estate, "bad"), "Box", StackStatus.createFailed))
        #expect(failed.reason == "Metadata.cloudtop of Box: workload must be steady, bursty or daily")
        #expect(failed.physicalID == nil, "nothing was created")
        #expect(estate.ec2.instances.isEmpty)
        #expect(StackFixtures.status(estate, "bad") == StackStatus.rollbackComplete)
    }

    @Test func anUnknownMetadataKeyIsNamedWithTheKeysTheTypeTakes() throws {
        #expect(throws: AWSError.self) {
            _ = try SimulationMetadata(["loaders": []], type: "AWS::Kinesis::Stream", logicalID: "Clicks", streamName: "c")
        }
        do {
            _ = try SimulationMetadata(["loaders": []], type: "AWS::Kinesis::Stream", logicalID: "Clicks", streamName: "c")
        } catch {
            #expect(error.message == "Metadata.cloudtop of Clicks: unknown key 'loaders' for AWS::Kinesis::Stream (keys: producers, consumers)")
        }
    }

    /// Same seed, same bytes: the dump of the default estate formed from stacks.
    @Test func theDefaultEstatesDumpIsDeterministic() throws {
        func dump() throws -> String {
            let estate = try Self.defaultEstate(seed: 7)
            estate.advance(to: .zero + .minutes(3))
            return estate.dump().serialized()
        }
        let first = try dump()
        #expect(first.contains("CREATE_COMPLETE") && first.contains("web-clicks"))
        #expect(try dump() == first)
    }
}
