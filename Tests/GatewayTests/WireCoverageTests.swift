@testable import Estate
import Testing
@testable import Gateway

/// Every operation the estate has for a service whose wire protocol needs botocore's model (the
/// Query services' XML answers, the REST services' routes) is in that model, so the endpoint
/// serves all of them, not only those someone remembered to list in `scripts/gen_wire_models.py`.
@Suite struct WireCoverageTests {
    @Test(arguments: [("ec2", WireModel.ec2), ("redshift", WireModel.redshift), ("cloudformation", WireModel.cloudFormation),
                      ("lambda", WireModel.lambda), ("cloudfront", WireModel.cloudFront), ("opensearch", WireModel.openSearch)])
    func everyOperationIsInTheWireModel(service: String, model: WireModel) throws {
        let estate = Estate(seed: 1)
        let operations = try #require(estate.service(named: service)).operations.map(\.name)
        // `cloudformation deploy` is the aws CLI's own command (a change set, created and
        // executed), not an API operation; the CLI sends those two over the wire.
        let cliOnly: Set = ["Deploy"]
        let missing = operations.filter { model.operations[$0] == nil && !cliOnly.contains($0) }
        #expect(missing.isEmpty, "\(service): add \(missing) to scripts/gen_wire_models.py and run it")
    }
}
