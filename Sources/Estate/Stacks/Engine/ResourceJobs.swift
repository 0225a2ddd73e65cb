/// The jobs of a stack run, one builder per kind of step, each emitting the events AWS emits.
///
/// Creating: `CREATE_IN_PROGRESS` (no physical id yet), `CREATE_IN_PROGRESS` "Resource creation
/// Initiated" with the id, then `CREATE_COMPLETE` once the resource's own service says it is ready.
enum ResourceJobs {
    static func create(_ run: StackRun, _ resource: TemplateResource, waitsFor: [String], replacing: StackResource? = nil) -> StackJob {
        let id = resource.logicalID
        let service = run.service, stack = run.stack
        let inProgress = replacing == nil ? StackStatus.createInProgress : StackStatus.updateInProgress
        let complete = replacing == nil ? StackStatus.createComplete : StackStatus.updateComplete
        let failed = replacing == nil ? StackStatus.createFailed : StackStatus.updateFailed
        var desired: JSONValue = .object([])
        var simulationValue: JSONValue?
        var metadataValue: JSONValue?
        var physicalID: String?
        func failure(_ reason: String) -> StackJob.Step {
            service.setResource(stack, id, type: resource.type, physicalID: physicalID ?? replacing?.physicalID, status: failed, reason: reason,
                                policy: resource.deletionPolicy)
            return .failed(reason)
        }
        return StackJob(key: id, logicalID: id, waitsFor: waitsFor, isForward: true, start: {
            if let replacing {
                service.setResource(stack, id, type: resource.type, physicalID: replacing.physicalID, status: inProgress,
                                    reason: "Requested update requires the creation of a new physical resource; hence creating one.",
                                    policy: resource.deletionPolicy)
            } else {
                service.setResource(stack, id, type: resource.type, physicalID: nil, status: inProgress, reason: nil, policy: resource.deletionPolicy)
            }
            guard let provisioner = ProvisionerRegistry.provisioner(for: resource.type) else {
                return failure("Unsupported resource type \(resource.type): this estate has no provisioner for it (supported: \(ProvisionerRegistry.supportedTypes.joined(separator: ", ")))")
            }
            do throws(AWSError) {
                desired = try run.evaluator.evaluate(resource.properties) ?? .object([])
                if let raw = resource.simulation { simulationValue = try run.evaluator.evaluate(raw) }
                if let raw = resource.metadata { metadataValue = try run.evaluator.evaluate(raw) }
                var context = service.provisioningContext(stack, id)
                // Checked before anything is created; a stream's own name is known only after.
                context.simulation = try SimulationMetadata(simulationValue, type: resource.type, logicalID: id,
                                                            streamName: resource.type == KinesisStreamProvisioner.type ? "" : nil)
                let physical = try provisioner.create(desired, context)
                physicalID = physical
                service.setResource(stack, id, type: resource.type, physicalID: physical, status: inProgress,
                                    reason: "Resource creation Initiated", policy: resource.deletionPolicy, applied: desired)
                if replacing == nil { run.added.append(id) }
                return .running
            } catch {
                return failure(error.message)
            }
        }, poll: {
            guard let provisioner = ProvisionerRegistry.provisioner(for: resource.type), let physical = physicalID else { return .failed("lost") }
            switch provisioner.progress(physical, desired: desired, service.provisioningContext(stack, id)) {
            case .inProgress: return .running
            case .ready:
                do throws(AWSError) {
                    let simulation = try SimulationMetadata(simulationValue, type: resource.type, logicalID: id,
                                                            streamName: resource.type == KinesisStreamProvisioner.type ? physical : nil)
                    if !simulation.isEmpty { try service.estate?.attachSimulation(simulation, physicalID: physical) }
                    service.setResource(stack, id, type: resource.type, physicalID: physical, status: complete, reason: nil,
                                        policy: resource.deletionPolicy, applied: desired)
                    if !simulation.isEmpty { stack.resourcesByID[id]?.simulation = simulation }
                    stack.resourcesByID[id]?.metadata = metadataValue
                } catch {
                    return failure(error.message)
                }
                if let replacing, let old = replacing.physicalID {
                    run.leftovers.append((id, old, replacing.resourceType, resource.updateReplacePolicy == "Retain"))
                }
                return .done
            case .gone: return failure("Resource \(physical) disappeared during creation")
            case let .failed(reason): return failure(reason)
            }
        }, cancel: {
            let reason = replacing == nil ? "Resource creation cancelled" : "Resource update cancelled"
            service.setResource(stack, id, type: resource.type, physicalID: physicalID ?? replacing?.physicalID, status: failed,
                                reason: reason, policy: resource.deletionPolicy)
        })
    }

    /// Brings an existing resource to the new template: nothing if its properties are unchanged,
    /// in place if no changed property requires replacement, else a new resource.
    static func update(_ run: StackRun, _ resource: TemplateResource, existing: StackResource, waitsFor: [String]) -> StackJob {
        let id = resource.logicalID
        let service = run.service, stack = run.stack
        var desired: JSONValue = .object([])
        var simulation = SimulationMetadata()
        let oldSimulation = existing.simulation ?? SimulationMetadata()
        var metadata: JSONValue?
        var inner: StackJob?
        func failure(_ reason: String) -> StackJob.Step {
            service.setResource(stack, id, type: resource.type, physicalID: existing.physicalID, status: StackStatus.updateFailed,
                                reason: reason, policy: resource.deletionPolicy)
            return .failed(reason)
        }
        /// The new `Metadata.cloudtop` takes over from the old one, once the resource is up to date.
        func applySimulation() throws(AWSError) {
            stack.resourcesByID[id]?.metadata = metadata
            guard let physical = existing.physicalID, simulation != oldSimulation else { return }
            try service.estate?.updateSimulation(from: oldSimulation, to: simulation, physicalID: physical)
            stack.resourcesByID[id]?.simulation = simulation.isEmpty ? nil : simulation
        }
        return StackJob(key: id, logicalID: id, waitsFor: waitsFor, isForward: true, start: {
            guard let provisioner = ProvisionerRegistry.provisioner(for: resource.type) else {
                return failure("Unsupported resource type \(resource.type)")
            }
            do throws(AWSError) {
                desired = try run.evaluator.evaluate(resource.properties) ?? .object([])
                var raw: JSONValue?
                if let cloudtop = resource.simulation { raw = try run.evaluator.evaluate(cloudtop) }
                if let others = resource.metadata { metadata = try run.evaluator.evaluate(others) }
                simulation = try SimulationMetadata(raw, type: resource.type, logicalID: id,
                                                    streamName: resource.type == KinesisStreamProvisioner.type ? existing.physicalID : nil)
            } catch { return failure(error.message) }
            let changed = PropertyDiff.changedProperties(existing.appliedProperties, desired)
            if changed.isEmpty && existing.resourceType == resource.type {
                guard simulation != oldSimulation || PropertyDiff.normalized(metadata) != PropertyDiff.normalized(existing.metadata) else {
                    return .done
                }
                // Metadata only: updated with no interruption, the resource keeps its id and properties.
                run.updated[id] = existing
                service.setResource(stack, id, type: resource.type, physicalID: existing.physicalID, status: StackStatus.updateInProgress,
                                    reason: nil, policy: resource.deletionPolicy)
                do throws(AWSError) { try applySimulation() } catch { return failure(error.message) }
                service.setResource(stack, id, type: resource.type, physicalID: existing.physicalID, status: StackStatus.updateComplete,
                                    reason: nil, policy: resource.deletionPolicy)
                return .done
            }
            run.updated[id] = existing
            if existing.resourceType != resource.type || changed.contains(where: { provisioner.replacement(for: $0) != .never }) {
                let job = create(run, resource, waitsFor: [], replacing: existing)
                inner = job
                return job.start()
            }
            service.setResource(stack, id, type: resource.type, physicalID: existing.physicalID, status: StackStatus.updateInProgress,
                                reason: nil, policy: resource.deletionPolicy)
            do throws(AWSError) {
                try provisioner.update(existing.physicalID ?? "", from: existing.appliedProperties, to: desired,
                                       service.provisioningContext(stack, id))
            } catch {
                return failure(error.message)
            }
            return .running
        }, poll: {
            if let inner { return inner.poll() }
            guard let provisioner = ProvisionerRegistry.provisioner(for: resource.type), let physical = existing.physicalID else { return .failed("lost") }
            switch provisioner.progress(physical, desired: desired, service.provisioningContext(stack, id)) {
            case .inProgress: return .running
            case .ready:
                do throws(AWSError) { try applySimulation() } catch { return failure(error.message) }
                service.setResource(stack, id, type: resource.type, physicalID: physical, status: StackStatus.updateComplete,
                                    reason: nil, policy: resource.deletionPolicy, applied: desired)
                return .done
            case .gone: return failure("Resource \(physical) no longer exists")
            case let .failed(reason): return failure(reason)
            }
        }, cancel: {
            if let inner { inner.cancel(); return }
            service.setResource(stack, id, type: resource.type, physicalID: existing.physicalID, status: StackStatus.updateFailed,
                                reason: "Resource update cancelled", policy: resource.deletionPolicy)
        })
    }

    /// Puts back a resource an update changed: the old physical resource and its old properties.
    static func restore(_ run: StackRun, before: StackResource) -> StackJob {
        let id = before.logicalID
        let service = run.service, stack = run.stack
        return StackJob(key: id, logicalID: id, waitsFor: [], isForward: false, start: {
            let current = stack.resource(id)
            service.setResource(stack, id, type: before.resourceType, physicalID: before.physicalID, status: StackStatus.updateInProgress,
                                reason: nil, policy: before.deletionPolicy)
            if let current, current.physicalID != before.physicalID, let newer = current.physicalID {
                run.leftovers.append((id, newer, current.resourceType, false))
                return .running
            }
            guard let provisioner = ProvisionerRegistry.provisioner(for: before.resourceType), let physical = before.physicalID else { return .done }
            try? provisioner.update(physical, from: current?.appliedProperties ?? .object([]), to: before.appliedProperties,
                                    service.provisioningContext(stack, id))
            return .running
        }, poll: {
            guard let provisioner = ProvisionerRegistry.provisioner(for: before.resourceType), let physical = before.physicalID else { return .done }
            switch provisioner.progress(physical, desired: before.appliedProperties, service.provisioningContext(stack, id)) {
            case .inProgress: return .running
            case .ready, .gone, .failed:
                let current = stack.resource(id)?.simulation ?? SimulationMetadata()
                let previous = before.simulation ?? SimulationMetadata()
                if current != previous {
                    try? service.estate?.updateSimulation(from: current, to: previous, physicalID: physical)
                    stack.resourcesByID[id]?.simulation = before.simulation
                }
                stack.resourcesByID[id]?.metadata = before.metadata
                service.setResource(stack, id, type: before.resourceType, physicalID: physical, status: StackStatus.updateComplete,
                                    reason: nil, policy: before.deletionPolicy, applied: before.appliedProperties)
                return .done
            }
        }, cancel: {})
    }

    /// Deletes a resource of the stack (stack deletion, or rollback of a failed create).
    static func delete(_ run: StackRun, logicalID id: String, waitsFor: [String]) -> StackJob {
        let service = run.service, stack = run.stack
        return StackJob(key: id, logicalID: id, waitsFor: waitsFor, isForward: false, start: {
            guard let resource = stack.resource(id) else { return .done }
            if run.retained.contains(id) || resource.deletionPolicy == "Retain" || resource.deletionPolicy == "RetainExceptOnCreate" && !isRollback(run) {
                service.setResource(stack, id, type: resource.resourceType, physicalID: resource.physicalID, status: StackStatus.deleteSkipped,
                                    reason: nil, policy: resource.deletionPolicy)
                return .done
            }
            service.setResource(stack, id, type: resource.resourceType, physicalID: resource.physicalID, status: StackStatus.deleteInProgress,
                                reason: nil, policy: resource.deletionPolicy)
            guard let physical = resource.physicalID, let provisioner = ProvisionerRegistry.provisioner(for: resource.resourceType) else {
                service.setResource(stack, id, type: resource.resourceType, physicalID: resource.physicalID, status: StackStatus.deleteComplete,
                                    reason: nil, policy: resource.deletionPolicy)
                return .done
            }
            if let simulation = resource.simulation { service.estate?.detachSimulation(simulation) }
            do throws(AWSError) { try provisioner.delete(physical, service.provisioningContext(stack, id)) } catch {
                service.setResource(stack, id, type: resource.resourceType, physicalID: physical, status: StackStatus.deleteFailed,
                                    reason: error.message, policy: resource.deletionPolicy)
                return .failed(error.message)
            }
            return .running
        }, poll: {
            guard let resource = stack.resource(id), let physical = resource.physicalID,
                  let provisioner = ProvisionerRegistry.provisioner(for: resource.resourceType) else { return .done }
            guard provisioner.progress(physical, desired: nil, service.provisioningContext(stack, id)) == .gone else { return .running }
            service.setResource(stack, id, type: resource.resourceType, physicalID: physical, status: StackStatus.deleteComplete,
                                reason: nil, policy: resource.deletionPolicy)
            return .done
        }, cancel: {})
    }

    private static func isRollback(_ run: StackRun) -> Bool {
        if case .create = run.mode { return true }
        return false
    }

    /// Deletes a physical resource an update no longer uses; the stack's record of the logical
    /// resource is left alone unless the resource was removed from the template.
    static func deleteLeftover(_ run: StackRun, _ item: (logicalID: String, physicalID: String, type: String, retain: Bool),
                               key: String, waitsFor: [String]) -> StackJob {
        let service = run.service, stack = run.stack
        let removed = { stack.template.resource(item.logicalID) == nil }
        return StackJob(key: key, logicalID: item.logicalID, waitsFor: waitsFor, isForward: false, start: {
            if item.retain {
                service.addEvent(stack, item.logicalID, physicalID: item.physicalID, type: item.type, status: StackStatus.deleteSkipped, reason: nil)
                if removed() { service.dropResource(stack, item.logicalID) }
                return .done
            }
            service.addEvent(stack, item.logicalID, physicalID: item.physicalID, type: item.type, status: StackStatus.deleteInProgress, reason: nil)
            guard let provisioner = ProvisionerRegistry.provisioner(for: item.type) else { return .done }
            do throws(AWSError) { try provisioner.delete(item.physicalID, service.provisioningContext(stack, item.logicalID)) } catch {
                service.addEvent(stack, item.logicalID, physicalID: item.physicalID, type: item.type, status: StackStatus.deleteFailed, reason: error.message)
                return .done
            }
            return .running
        }, poll: {
            guard let provisioner = ProvisionerRegistry.provisioner(for: item.type),
                  provisioner.progress(item.physicalID, desired: nil, service.provisioningContext(stack, item.logicalID)) != .gone else {
                service.addEvent(stack, item.logicalID, physicalID: item.physicalID, type: item.type, status: StackStatus.deleteComplete, reason: nil)
                if removed() { service.dropResource(stack, item.logicalID) }
                return .done
            }
            return .running
        }, cancel: {})
    }
}
