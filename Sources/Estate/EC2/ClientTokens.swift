/// `RunInstances` idempotency (AWS, "Ensuring idempotency in Amazon EC2 API requests"): a client
/// token is a case-sensitive string of up to 64 ASCII characters; repeating a launch with the same
/// token and the same parameters returns the original reservation, whose instances show their
/// current state, and launches nothing; the same token with other parameters (the Region and the
/// Availability Zone aside) is `IdempotentParameterMismatch`. AWS keeps a token valid "for at least
/// 24 hours after the termination of the instance": here exactly 24 virtual hours after the last
/// of the reservation's instances terminated, and until then even once they are no longer listed.
struct LaunchRecord: Sendable {
    /// The request's parameters, as `RunInstancesInput.idempotencyKey` writes them.
    let parameters: String
    let reservationID: String
    let instanceIDs: [String]
    /// Instances no longer listed (an hour after termination), as they were last described, so a
    /// late repeat still answers with the whole reservation.
    var retired: [String: Instance] = [:]

    static let maximumTokenLength = 64
    /// How long a token outlives the termination of its reservation's last instance.
    static let validityAfterTermination = SimDuration.hours(24)
}

extension RunInstancesInput {
    /// What a repeat must match: every parameter but the token and the Availability Zone, which
    /// AWS leaves out of the comparison.
    var idempotencyKey: String {
        let m = metadataOptions
        let fields: [String] = [
            instanceType, imageID, String(minCount), String(maxCount), String(monitoringEnabled), String(ebsOptimized),
            workload ?? "-", m.httpTokens, String(m.httpPutResponseHopLimit), m.httpEndpoint,
        ] + tags.flatMap { [$0.key, $0.value] }
        // Length-prefixed, so no two different lists of fields read the same.
        return fields.map { "\($0.utf8.count):\($0)" }.joined()
    }

    /// AWS's limits on a token: ASCII only, at most 64 characters.
    func checkClientToken() throws(AWSError) {
        guard clientToken.count <= LaunchRecord.maximumTokenLength else {
            throw .invalidParameterValue("Value (\(clientToken)) for parameter clientToken is invalid. Length exceeds maximum of \(LaunchRecord.maximumTokenLength) characters.")
        }
        guard clientToken.unicodeScalars.allSatisfy(\.isASCII) else {
            throw .invalidParameterValue("Value (\(clientToken)) for parameter clientToken is invalid. Only ASCII characters are allowed.")
        }
    }
}

extension EC2Service {
    /// The original reservation when `input` repeats an earlier launch with its token, nil when the
    /// token is new (or empty: no token, no idempotency).
    func repeatedLaunch(_ input: RunInstancesInput) throws(AWSError) -> Reservation? {
        try input.checkClientToken()
        guard !input.clientToken.isEmpty, let record = launchesByToken[input.clientToken] else { return nil }
        guard record.parameters == input.idempotencyKey else {
            throw AWSError("IdempotentParameterMismatch",
                           "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).")
        }
        let current = record.instanceIDs.compactMap { id in instance(id) ?? record.retired[id] }
        return Reservation(reservationID: record.reservationID, instanceIDs: record.instanceIDs, instances: current)
    }

    /// Remembers a launch under its token (none: nothing to remember).
    func recordLaunch(_ input: RunInstancesInput, _ reservation: Reservation) {
        guard !input.clientToken.isEmpty else { return }
        launchesByToken[input.clientToken] = LaunchRecord(parameters: input.idempotencyKey, reservationID: reservation.reservationID,
                                                          instanceIDs: reservation.instanceIDs)
    }

    /// An instance terminated: once all of its reservation's have, the token lives 24 hours more.
    func tokenInstanceTerminated(_ instance: Instance) {
        let token = instance.clientToken
        guard !token.isEmpty, let record = launchesByToken[token], record.reservationID == instance.reservationID else { return }
        let allTerminated = record.instanceIDs.allSatisfy { id in
            record.retired[id] != nil || self.instance(id).map { $0.state == .terminated } ?? true
        }
        guard allTerminated else { return }
        scheduler.schedule(after: LaunchRecord.validityAfterTermination) { [weak self] in
            guard let self, self.launchesByToken[token]?.reservationID == record.reservationID else { return }
            self.launchesByToken[token] = nil
        }
    }

    /// An instance leaves the listing: its token's record keeps its last description.
    func tokenInstanceRemoved(_ instance: Instance) {
        let token = instance.clientToken
        guard !token.isEmpty, launchesByToken[token]?.reservationID == instance.reservationID else { return }
        var kept = instance
        kept.metrics = InstanceMetrics()  // the description does not show them; no need to hold a day of samples
        launchesByToken[token]?.retired[instance.instanceID] = kept
    }

    /// The tokens still valid, in token order, for the dump.
    var clientTokensJSON: JSONValue {
        .array(launchesByToken.keys.sorted().map { token in
            let record = launchesByToken[token]!
            return [
                "ClientToken": .string(token),
                "ReservationId": .string(record.reservationID),
                "InstanceIds": .array(record.instanceIDs.map(JSONValue.string)),
            ]
        })
    }
}
