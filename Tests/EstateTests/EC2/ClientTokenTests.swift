@testable import Estate
import Testing

/// RunInstances idempotency as AWS documents it ("Ensuring idempotency in Amazon EC2 API requests"):
/// a repeat with the same client token and parameters answers the original reservation with the
/// instances' current state and launches nothing; other parameters are IdempotentParameterMismatch;
/// a token is at most 64 ASCII characters and stays valid at least 24 hours after termination.
@Suite struct ClientTokenTests {
    static func run(_ estate: Estate, _ parameters: JSONValue) -> Result<JSONValue, AWSError> {
        estate.execute(OperationRequest(service: "ec2", operation: "RunInstances", parameters: parameters))
    }

    static func launch(token: String, type: String = "c4.large", count: Int = 2, zone: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("ImageId", "ami-0c55b159cbfafe1f0"), ("InstanceType", .string(type)),
                                            ("MinCount", .int(Int64(count))), ("MaxCount", .int(Int64(count))),
                                            ("ClientToken", .string(token))]
        if let zone { pairs.append(("Placement", ["AvailabilityZone": .string(zone)])) }
        return .object(pairs)
    }

    static func errorCode(_ result: Result<JSONValue, AWSError>) -> String? {
        if case let .failure(error) = result { return error.code }
        return nil
    }

    static func ids(_ reply: JSONValue?) -> [String] {
        reply?["Instances"]?.arrayValue?.compactMap { $0["InstanceId"]?.stringValue } ?? []
    }

    @Test func aRepeatAnswersTheOriginalReservationInItsCurrentStateAndLaunchesNothing() throws {
        let estate = Fixtures.emptyEstate()
        let first = try Self.run(estate, Self.launch(token: "deploy-42")).get()
        #expect(Self.ids(first).count == 2)
        #expect(first["Instances"]?.arrayValue?.allSatisfy { $0["State"]?["Name"]?.stringValue == "pending" } == true)
        // Boot takes 15 to 45 virtual seconds: a minute later both run.
        estate.advance(by: .minutes(1))

        let again = try Self.run(estate, Self.launch(token: "deploy-42")).get()
        #expect(again["ReservationId"] == first["ReservationId"])
        #expect(Self.ids(again) == Self.ids(first))
        #expect(again["Instances"]?.arrayValue?.allSatisfy { $0["State"]?["Name"]?.stringValue == "running" } == true,
                "the only thing that may differ is the instances' state")
        #expect(again["Instances"]?.arrayValue?.allSatisfy { $0["ClientToken"]?.stringValue == "deploy-42" } == true)
        #expect(estate.ec2.instances.count == 2, "nothing more launched")
        // Without a token (or with an empty one) every request launches.
        _ = try Self.run(estate, Self.launch(token: "", count: 1)).get()
        _ = try Self.run(estate, Self.launch(token: "", count: 1)).get()
        #expect(estate.ec2.instances.count == 4)
    }

    @Test func theSameTokenWithOtherParametersIsAMismatchAndChangesNothing() throws {
        let estate = Fixtures.emptyEstate()
        let first = try Self.run(estate, Self.launch(token: "deploy-42")).get()
        #expect(Self.errorCode(Self.run(estate, Self.launch(token: "deploy-42", type: "m5.large"))) == "IdempotentParameterMismatch")
        #expect(Self.errorCode(Self.run(estate, Self.launch(token: "deploy-42", count: 3))) == "IdempotentParameterMismatch")
        #expect(estate.ec2.instances.count == 2)
        // AWS leaves the Region and the Availability Zone out of the comparison.
        let elsewhere = try Self.run(estate, Self.launch(token: "deploy-42", zone: "us-east-1b")).get()
        #expect(elsewhere["ReservationId"] == first["ReservationId"])
        // Tokens are case-sensitive: another case is another token.
        let other = try Self.run(estate, Self.launch(token: "DEPLOY-42")).get()
        #expect(other["ReservationId"] != first["ReservationId"])
        #expect(estate.ec2.instances.count == 4)
    }

    @Test func aTokenIsAtMost64ASCIICharacters() throws {
        let estate = Fixtures.emptyEstate()
        _ = try Self.run(estate, Self.launch(token: String(repeating: "a", count: 64), count: 1)).get()
        #expect(Self.errorCode(Self.run(estate, Self.launch(token: String(repeating: "a", count: 65), count: 1))) == "InvalidParameterValue")
        #expect(Self.errorCode(Self.run(estate, Self.launch(token: "déploiement", count: 1))) == "InvalidParameterValue")
        #expect(estate.ec2.instances.count == 1)
    }

    @Test func aTokenStaysValid24HoursAfterItsInstancesTerminatedEvenOnceTheyAreNoLongerListed() throws {
        let estate = Fixtures.emptyEstate()
        let first = try Self.run(estate, Self.launch(token: "nightly", count: 1)).get()
        let id = try #require(Self.ids(first).first)
        estate.advance(by: .minutes(1))
        try estate.ec2.changeStates([id], .terminate)
        // Shutting down takes 10 to 30 s; a terminated instance is listed for one hour more.
        estate.advance(by: .minutes(1))
        estate.advance(by: .hours(2))
        #expect(estate.ec2.instance(id) == nil, "no longer listed")
        let late = try Self.run(estate, Self.launch(token: "nightly", count: 1)).get()
        #expect(late["ReservationId"] == first["ReservationId"] && Self.ids(late) == [id])
        #expect(late["Instances"]?.arrayValue?.first?["State"]?["Name"]?.stringValue == "terminated")
        #expect(estate.ec2.instances.isEmpty)
        // Terminated 10 to 30 s after the request at 0:01, so between 0:01:10 and 0:01:30; at 22:02 the
        // token is still within its 24 hours…
        estate.advance(by: .hours(20))
        #expect(try Self.run(estate, Self.launch(token: "nightly", count: 1)).get()["ReservationId"] == first["ReservationId"])
        // …and at 24:02, past 24 hours after the termination, the token launches anew.
        estate.advance(by: .hours(2))
        let fresh = try Self.run(estate, Self.launch(token: "nightly", count: 1)).get()
        #expect(fresh["ReservationId"] != first["ReservationId"])
        #expect(estate.ec2.instances.count == 1)
    }

    @Test func theDumpListsValidTokensInTokenOrder() throws {
        let estate = Fixtures.emptyEstate()
        let b = try Self.run(estate, Self.launch(token: "b-token", count: 1)).get()
        let a = try Self.run(estate, Self.launch(token: "a-token", count: 1)).get()
        let tokens = try #require(estate.ec2.dump()["ClientTokens"]?.arrayValue)
        #expect(tokens.map { $0["ClientToken"]?.stringValue } == ["a-token", "b-token"])
        #expect(tokens.map { $0["ReservationId"] } == [a["ReservationId"], b["ReservationId"]])
        #expect(tokens[0]["InstanceIds"]?.arrayValue?.compactMap(\.stringValue) == Self.ids(a))
    }
}
