/// `RunInstances` input, read and validated before anything changes.
public struct RunInstancesInput: Sendable {
    public var instanceType: String = EC2Service.defaultInstanceType
    public var minCount = 1
    public var maxCount = 1
    public var imageID: String = EC2Service.defaultImageID
    public var availabilityZone: String?
    public var tags: [(key: String, value: String)] = []
    /// `Monitoring.Enabled`: detailed (one-minute) CloudWatch monitoring; off by default.
    public var monitoringEnabled = false
    /// Simulation only: which CPU profile the instances follow (nil: drawn at random).
    public var workload: String?
    /// The idempotency token (boto3 and the AWS CLI send a fresh UUID); a repeat with it returns
    /// the original reservation.
    public var clientToken = ""
    public var ebsOptimized = false
    public var userData: String?
    public var metadataOptions = InstanceDevices.MetadataOptions()

    public init(instanceType: String, count: Int = 1, availabilityZone: String? = nil, name: String? = nil, workload: String? = nil) {
        self.instanceType = instanceType
        minCount = count
        maxCount = count
        self.availabilityZone = availabilityZone
        if let name { tags = [("Name", name)] }
        self.workload = workload
    }

    init(_ p: Parameters) throws(AWSError) {
        if let type = try p.string("InstanceType") { instanceType = type }
        if let image = try p.string("ImageId") { imageID = image }
        if let count = try p.string("Count") {
            let parts = count.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let lo = Int(parts[0]), let hi = Int(parts.last!) else {
                throw .invalidParameterValue("Invalid value '\(count)' for --count: expected N or MIN:MAX.")
            }
            minCount = lo; maxCount = hi
        }
        if let n = try p.int("MinCount") { minCount = n; if !p.has("MaxCount") && !p.has("Count") { maxCount = n } }
        if let n = try p.int("MaxCount") { maxCount = n; if !p.has("MinCount") && !p.has("Count") { minCount = min(minCount, n) } }
        availabilityZone = try p.object("Placement")?.string("AvailabilityZone")
        for spec in try p.objects("TagSpecifications") ?? [] {
            let type = try spec.string("ResourceType") ?? "instance"
            guard type == "instance" else { continue }
            for tag in try spec.objects("Tags") ?? [] {
                tags.append((try tag.requiredString("Key"), try tag.string("Value") ?? ""))
            }
        }
        monitoringEnabled = try p.object("Monitoring")?.bool("Enabled") ?? false
        workload = try p.string("Workload")
        clientToken = try p.string("ClientToken") ?? ""
        ebsOptimized = try p.bool("EbsOptimized") ?? false
        userData = try p.string("UserData")
        metadataOptions = try InstanceDevices.MetadataOptions(try p.object("MetadataOptions"))
    }
}

/// `RunInstances` output: one reservation.
public struct Reservation: Sendable {
    public let reservationID: String
    public let instanceIDs: [String]
    let instances: [Instance]

    func json(context: ServiceContext) -> JSONValue {
        [
            "Groups": [],
            "Instances": .array(instances.map { $0.describeJSON(context: context) }),
            "OwnerId": .string(context.accountID),
            "ReservationId": .string(reservationID),
        ]
    }
}

extension EC2Service {
    /// Launches instances: validates everything first, so a bad request changes nothing.
    public func runInstances(_ input: RunInstancesInput) throws(AWSError) -> Reservation {
        // A repeat of an earlier launch (same client token) launches nothing (ClientTokens.swift).
        if let original = try repeatedLaunch(input) { return original }
        let spec: InstanceTypeSpec
        switch InstanceTypeCatalog.lookup(input.instanceType) {
        case let .success(found): spec = found
        case let .failure(error): throw .invalidParameterValue(error.message)
        }
        guard input.minCount >= 1 else {
            throw .invalidParameterValue("Value (\(input.minCount)) for parameter minCount is invalid. Expected a positive integer.")
        }
        guard input.maxCount >= input.minCount else {
            throw .invalidParameterValue("Value (\(input.maxCount)) for parameter maxCount is invalid. maxCount must be at least minCount (\(input.minCount)).")
        }
        guard input.maxCount <= 10_000 else {
            throw AWSError("InstanceLimitExceeded", "You have requested more instances (\(input.maxCount)) than your current instance limit of 10000 allows for one request.")
        }
        guard input.imageID.hasPrefix("ami-"), input.imageID.count > 4 else {
            throw AWSError("InvalidAMIID.Malformed", "Invalid id: \"\(input.imageID)\" (expecting \"ami-...\")")
        }
        let zone = input.availabilityZone ?? Self.defaultZone
        guard DefaultVPC.subnetBase(zone: zone) != nil else {
            throw .invalidParameterValue("Invalid availability zone: [\(zone)]. Choose one of \(DefaultVPC.zones.joined(separator: ", ")).")
        }
        if let workload = input.workload, !["steady", "bursty", "daily"].contains(workload) {
            throw .invalidParameterValue("Invalid workload '\(workload)': expected steady, bursty or daily.")
        }
        let free = addresses.freeCount(zone: zone)
        guard free >= input.minCount else {
            throw AWSError("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '\(DefaultVPC.subnetID(zone: zone))' to satisfy the requested number of instances.")
        }
        let count = min(input.maxCount, free)
        let reservationID = "r-" + idRandom.hex(17)
        let architecture = spec.architectures.contains("x86_64") ? "x86_64" : (spec.architectures.first ?? "x86_64")
        var launched: [Instance] = []
        for launchIndex in 0..<count {
            // Capacity was checked above, so allocation cannot fail here.
            let ip = addresses.allocate(zone: zone)!
            let instance = Instance(
                instanceID: "i-" + idRandom.hex(17), reservationID: reservationID, amiLaunchIndex: launchIndex,
                imageID: input.imageID, instanceType: input.instanceType, vCPUs: spec.vCPUs, memoryMiB: spec.memoryMiB,
                architecture: architecture, hourlyPriceUSD: spec.hourlyPriceUSD, availabilityZone: zone,
                subnetID: DefaultVPC.subnetID(zone: zone), assignedPrivateIPAddress: DefaultVPC.dotted(ip),
                publicIPAddress: publicAddresses.allocate(), coreCount: spec.defaultCores,
                threadsPerCore: spec.defaultThreadsPerCore, detailedMonitoring: input.monitoringEnabled,
                launchTime: scheduler.now, clientToken: input.clientToken, ebsOptimized: input.ebsOptimized,
                devices: .draw(using: &deviceRandom, at: scheduler.now, metadata: input.metadataOptions),
                tags: input.tags, state: .pending, stateTransitionReason: "",
                stateReason: InstanceStateName.pendingReason, runningSince: nil,
                workload: .random(kind: input.workload, using: &metricsRandom), metrics: InstanceMetrics(), userData: input.userData)
            indexByID[instance.instanceID] = instances.count
            instances.append(instance)
            launched.append(instance)
            bus.publish(EC2Event(instanceID: instance.instanceID, kind: .launched(instanceType: input.instanceType, zone: zone)))
            scheduleBoot(instance.instanceID)
        }
        let reservation = Reservation(reservationID: reservationID, instanceIDs: launched.map(\.instanceID), instances: launched)
        recordLaunch(input, reservation)
        return reservation
    }

    /// A new instance is already pending; only its move to running is scheduled.
    private func scheduleBoot(_ id: String) {
        let delay = SimDuration(milliseconds: Int64(lifecycleRandom.int(in: TransitionDelay.boot)))
        pendingTransitions[id] = scheduler.schedule(after: delay) { [weak self] in
            self?.pendingTransitions[id] = nil
            self?.setState(id, .running)
        }
    }
}
