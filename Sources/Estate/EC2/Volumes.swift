/// `DescribeVolumes`: the EBS root volumes of the estate's instances, the same volumes their
/// `BlockDeviceMappings` name. A root volume is created and attached at launch, stays `in-use`
/// through stops and starts, and is deleted with its instance (`DeleteOnTermination` true), so a
/// terminated instance's volume is no longer listed. Root volumes cannot be detached here, so
/// none is ever `available`.
extension InstanceDevices {
    /// The Amazon Linux AMIs' root snapshot size and AWS's current default root volume type.
    static let rootVolumeSizeGiB = 8
    static let rootVolumeType = "gp3"
    /// gp3's baseline, whatever the size: 3,000 IOPS and 125 MiB/s.
    static let rootVolumeIops = 3000
    static let rootVolumeThroughputMiBps = 125
    /// The AMI's root snapshot, which every root volume is created from.
    static let rootSnapshotID = "snap-0d1e2f3a4b5c6d7e8"
}

extension Instance {
    /// The root volume's attachment, as `DescribeVolumes` lists it.
    var rootVolumeAttachmentJSON: JSONValue {
        [
            "AttachTime": .string(SimCalendar.iso8601(devices.attachTime)),
            "Device": .string(InstanceDevices.rootDeviceName),
            "InstanceId": .string(instanceID),
            "State": "attached",
            "VolumeId": .string(devices.rootVolumeID),
            "DeleteOnTermination": true,
        ]
    }

    /// The root volume as one item of `aws ec2 describe-volumes`; nil once it has been deleted.
    var rootVolumeJSON: JSONValue? {
        guard state != .terminated else { return nil }
        return [
            "Attachments": [rootVolumeAttachmentJSON],
            "AvailabilityZone": .string(availabilityZone),
            "CreateTime": .string(SimCalendar.iso8601(devices.attachTime)),
            "Encrypted": false,
            "Size": .int(Int64(InstanceDevices.rootVolumeSizeGiB)),
            "SnapshotId": .string(InstanceDevices.rootSnapshotID),
            "State": "in-use",
            "VolumeId": .string(devices.rootVolumeID),
            "Iops": .int(Int64(InstanceDevices.rootVolumeIops)),
            "VolumeType": .string(InstanceDevices.rootVolumeType),
            "MultiAttachEnabled": false,
            "Throughput": .int(Int64(InstanceDevices.rootVolumeThroughputMiBps)),
        ]
    }

    /// What each `DescribeVolumes` filter compares with for this instance's root volume.
    func rootVolumeValues(for filter: String) -> [String] {
        switch filter {
        case "volume-id", "attachment.volume-id": return [devices.rootVolumeID]
        case "status": return ["in-use"]
        case "attachment.instance-id": return [instanceID]
        case "attachment.status": return ["attached"]
        case "attachment.device": return [InstanceDevices.rootDeviceName]
        case "attachment.delete-on-termination": return ["true"]
        case "availability-zone": return [availabilityZone]
        case "volume-type": return [InstanceDevices.rootVolumeType]
        case "size": return [String(InstanceDevices.rootVolumeSizeGiB)]
        case "encrypted": return ["false"]
        case "snapshot-id": return [InstanceDevices.rootSnapshotID]
        case "multi-attach-enabled": return ["false"]
        default: return []
        }
    }
}

extension EC2Service {
    static let volumeFilters = ["volume-id", "status", "attachment.instance-id", "attachment.status", "attachment.device",
                                "attachment.delete-on-termination", "attachment.volume-id", "availability-zone",
                                "volume-type", "size", "encrypted", "snapshot-id", "multi-attach-enabled"]

    func describeVolumes(_ p: Parameters) throws(AWSError) -> JSONValue {
        let ids = try p.strings("VolumeIds")
        let filters = try EC2Filters(p, supported: Self.volumeFilters)
        let pages = try EC2Pagination(p, operation: "DescribeVolumes", range: 5...500, clampAbove: 500)
        if ids != nil, pages.maxResults != nil {
            throw AWSError("InvalidParameterCombination", "The parameter volumeSet cannot be used with the parameter maxResults")
        }
        // Instances in launch order, so volumes list in the order they were created.
        let withVolumes = instances.filter { $0.state != .terminated }
        if let ids {
            for id in ids where !Self.isWellFormedID(id, prefix: "vol-") {
                throw AWSError("InvalidVolumeID.Malformed", "Invalid id: \"\(id)\" (expecting \"vol-...\")")
            }
            let existing = Set(withVolumes.map(\.devices.rootVolumeID))
            let missing = ids.filter { !existing.contains($0) }
            if !missing.isEmpty {
                throw AWSError("InvalidVolume.NotFound", "The volume '\(missing.joined(separator: ","))' does not exist.")
            }
        }
        let selected = withVolumes.filter { instance in
            (ids == nil || ids!.contains(instance.devices.rootVolumeID)) && filters.accept(instance.rootVolumeValues)
        }
        let page = try pages.page(selected)
        return .object([("Volumes", .array(page.items.compactMap(\.rootVolumeJSON)))] + EC2Pagination.member(page.nextToken))
    }
}
