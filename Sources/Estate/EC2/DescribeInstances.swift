import Foundation

/// `DescribeInstances` with ids and filters, and the AWS shape of an instance.
extension EC2Service {
    /// Filter names this simulation answers; others are rejected rather than silently ignored.
    static let supportedFilters = ["instance-state-name", "instance-state-code", "instance-type", "instance-id",
                                   "availability-zone", "private-ip-address", "image-id", "reservation-id", "tag:KEY", "tag-key"]

    func describeInstances(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("InstanceIds")
        let pages = try EC2Pagination(p, operation: "DescribeInstances", range: 5...1000)
        if ids != nil, pages.maxResults != nil {
            throw AWSError("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
        }
        if let ids { try checkExist(ids) }
        var filters: [(name: String, values: [String])] = []
        for filter in try p.objects("Filters") ?? [] {
            let name = try filter.requiredString("Name")
            guard Self.supportedFilters.contains(name) || name.hasPrefix("tag:") else {
                throw .invalidParameterValue("The filter '\(name)' is invalid")
            }
            filters.append((name, try filter.strings("Values") ?? []))
        }
        // A page counts instances; a reservation split between pages shows on both.
        let page = try pages.page(instances.filter { instance in
            (ids == nil || ids!.contains(instance.instanceID))
                && filters.allSatisfy { Self.matches(instance, filter: $0.name, values: $0.values) }
        })
        let selected = page.items
        // Instances group under their reservation, in launch order, as AWS replies.
        var order: [String] = []
        var groups: [String: [Instance]] = [:]
        for instance in selected {
            if groups[instance.reservationID] == nil { order.append(instance.reservationID) }
            groups[instance.reservationID, default: []].append(instance)
        }
        return .object([("Reservations", .array(order.map { id in
            [
                "Groups": [],
                "Instances": .array(groups[id]!.map { $0.describeJSON(context: context) }),
                "OwnerId": .string(context.accountID),
                "ReservationId": .string(id),
            ]
        }))] + EC2Pagination.member(page.nextToken))
    }

    static func matches(_ instance: Instance, filter: String, values: [String]) -> Bool {
        let candidates: [String]
        switch filter {
        case "instance-state-name": candidates = [instance.state.rawValue]
        case "instance-state-code": candidates = [String(instance.state.code)]
        case "instance-type": candidates = [instance.instanceType]
        case "instance-id": candidates = [instance.instanceID]
        case "availability-zone": candidates = [instance.availabilityZone]
        case "private-ip-address": candidates = instance.assignedPrivateIPAddress.map { [$0] } ?? []
        case "image-id": candidates = [instance.imageID]
        case "reservation-id": candidates = [instance.reservationID]
        case "tag-key": candidates = instance.tags.map(\.key)
        default:
            let key = String(filter.dropFirst(4))
            candidates = instance.tags.filter { $0.key == key }.map(\.value)
        }
        return values.contains { pattern in candidates.contains { Glob.matches(pattern, $0) } }
    }

    func describeInstanceTypes(_ p: Parameters) throws(AWSError) -> JSONValue {
        let pages = try EC2Pagination(p, operation: "DescribeInstanceTypes", range: 5...100)
        var specs: [InstanceTypeSpec] = []
        if let names = try p.strings("InstanceTypes") {
            for name in names {
                switch InstanceTypeCatalog.lookup(name) {
                case let .success(spec): specs.append(spec)
                // AWS answers an unknown or malformed name with InvalidInstanceType, naming it.
                case let .failure(error):
                    throw AWSError(InstanceTypeLookupError.code, "The following supplied instance types do not exist: [\(name)]. \(error.message)")
                }
            }
        } else {
            // No names: every type the catalog holds, as AWS lists every type the region offers.
            specs = InstanceTypeCatalog.all
        }
        let page = try pages.page(specs)
        return .object([("InstanceTypes", .array(page.items.map(\.instanceTypeInfo)))] + EC2Pagination.member(page.nextToken))
    }
}

/// EC2 filter values may use `*` (any run) and `?` (any one character).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        if !pattern.contains("*") && !pattern.contains("?") { return pattern == text }
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) { pi += 1; ti += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

extension Instance {
    /// The instance as one item of `aws ec2 describe-instances`.
    func describeJSON(context: ServiceContext) -> JSONValue {
        let privateDNSName = assignedPrivateIPAddress.map(Self.privateDNSName)
        var pairs: [(String, JSONValue)] = [
            ("AmiLaunchIndex", .int(Int64(amiLaunchIndex))),
            ("ImageId", .string(imageID)),
            ("InstanceId", .string(instanceID)),
            ("InstanceType", .string(instanceType)),
            ("LaunchTime", .string(SimCalendar.iso8601(launchTime))),
            ("Monitoring", ["State": .string(detailedMonitoring ? "enabled" : "disabled")]),
            ("Placement", ["AvailabilityZone": .string(availabilityZone), "GroupName": "", "Tenancy": "default"]),
            // AWS answers a terminated instance's DNS names as empty strings and leaves its
            // addresses out.
            ("PrivateDnsName", .string(privateDNSName ?? "")),
        ]
        if let assignedPrivateIPAddress { pairs.append(("PrivateIpAddress", .string(assignedPrivateIPAddress))) }
        pairs += [
            ("ProductCodes", []),
            ("PublicDnsName", .string(publicIPAddress.map(PublicAddressPool.dnsName) ?? "")),
        ]
        if let publicIPAddress { pairs.append(("PublicIpAddress", .string(publicIPAddress))) }
        pairs += [
            ("State", state.json),
            ("StateTransitionReason", .string(stateTransitionReason)),
            ("SubnetId", .string(subnetID)),
            ("VpcId", .string(DefaultVPC.vpcID)),
            ("Architecture", .string(architecture)),
            ("BlockDeviceMappings", blockDeviceMappingsJSON),
            ("ClientToken", .string(clientToken)),
            ("EbsOptimized", .bool(ebsOptimized)),
            // The Amazon Linux AMIs have ENA and Intel 82599 VF enhanced networking enabled, and an
            // instance reports its AMI's attributes.
            ("EnaSupport", true),
            // AWS: "The value xen is used for both Xen and Nitro hypervisors."
            ("Hypervisor", "xen"),
            ("NetworkInterfaces", networkInterfacesJSON(ownerID: context.accountID)),
            ("RootDeviceName", .string(InstanceDevices.rootDeviceName)),
            ("RootDeviceType", "ebs"),
            ("SecurityGroups", securityGroupsJSON),
            ("SourceDestCheck", true),
            ("SriovNetSupport", "simple"),
        ]
        if let reason = stateReason {
            pairs.append(("StateReason", ["Code": .string(reason.code), "Message": .string(reason.message)]))
        }
        if !tags.isEmpty {
            pairs.append(("Tags", .array(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })))
        }
        pairs += [
            ("VirtualizationType", "hvm"),
            ("CpuOptions", ["CoreCount": .int(Int64(coreCount)), "ThreadsPerCore": .int(Int64(threadsPerCore))]),
            ("HibernationOptions", ["Configured": false]),
            ("MetadataOptions", metadataOptionsJSON),
        ]
        return .object(pairs)
    }

    /// The latest samples, for the state dump.
    var metricsJSON: JSONValue {
        [
            "InstanceId": .string(instanceID),
            "Workload": .string(workload.name),
            "CPUUtilization": metrics.cpuPercent.last.map { .double(($0 * 100).rounded() / 100) } ?? .null,
            "NetworkIn": metrics.networkInBytes.last.map { .int(Int64($0)) } ?? .null,
            "NetworkOut": metrics.networkOutBytes.last.map { .int(Int64($0)) } ?? .null,
            "Samples": .int(Int64(metrics.cpuPercent.count)),
        ]
    }
}
