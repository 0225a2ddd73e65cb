/// `cloudfront update-distribution`: a whole new `DistributionConfig` for a distribution, guarded
/// by the ETag `GetDistribution` returned, as AWS requires.
///
/// No `IfMatch` is `InvalidIfMatchVersion`; one from before the last change is `PreconditionFailed`.
/// The new configuration serves at once (the estate has one edge location) while the
/// distribution reports `InProgress`, then `Deployed` once AWS would have propagated it. The
/// cache is kept, as CloudFront keeps it across configuration changes.
extension EdgeService {
    /// How long a configuration change takes to reach every edge location (AWS quotes minutes).
    public static let deploymentTime = SimDuration.minutes(2)

    static let updateSpec = op("UpdateDistribution", [
        ParameterSpec("Id", .string, required: true, help: "the distribution's id"),
        ParameterSpec("IfMatch", .string, help: "the ETag GetDistribution returned (required)"),
        ParameterSpec("DistributionConfig", distributionConfig, required: true,
                      help: "the whole new configuration: Origins, DefaultCacheBehavior, CacheBehaviors, …"),
        simulatedOrigins, lambdaFallbacks,
    ], "Replace a distribution's configuration")

    func updateDistributionOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("Id")
        guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
        guard let ifMatch = try p.string("IfMatch"), !ifMatch.isEmpty else {
            throw AWSError("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.")
        }
        guard ifMatch == etag(distribution) else {
            throw AWSError("PreconditionFailed", "The precondition given in one or more of the request fields evaluated to false.")
        }
        guard let config = try p.object("DistributionConfig") else { throw .validation("DistributionConfig is required.") }
        let (origins, behaviors) = try distributionParts(config, simulation: p, existing: distribution)
        try validate(DistributionSpec(name: distribution.name, origins: origins, behaviors: behaviors))
        let enabled = try config.bool("Enabled") ?? distribution.isEnabled

        // Everything is checked: the new configuration replaces the old one whole.
        distribution.origins = origins
        distribution.isEnabled = enabled
        distribution.defaultBehavior = behaviors.first { $0.pathPattern == "*" }!
        distribution.behaviors = behaviors.filter { $0.pathPattern != "*" }
        distribution.lastModified = scheduler.now
        distribution.revision += 1
        startDeployment(distribution)
        return ["ETag": .string(etag(distribution)), "Distribution": distributionJSON(distribution)]
    }

    /// InProgress now, Deployed once the change would have reached every edge location.
    func startDeployment(_ distribution: Distribution) {
        let revision = distribution.revision
        setStatus(distribution, "InProgress")
        scheduler.schedule(after: Self.deploymentTime) { [weak self, weak distribution] in
            // A later update restarts the deployment; only the last one's timer finishes it.
            guard let self, let distribution, distribution.revision == revision, self.distributions.contains(where: { $0 === distribution }) else { return }
            self.setStatus(distribution, "Deployed")
        }
    }

    private func setStatus(_ distribution: Distribution, _ status: String) {
        distribution.status = status
        bus.publish(EdgeEvent(resource: distribution.name, kind: .distributionStatusChanged(id: distribution.id, status: status)))
    }
}
