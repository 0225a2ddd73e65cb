@testable import Estate
import Testing

/// The CLI's edit cycle typed into the palette: `get-distribution`, change a member of the
/// configuration it answered, `update-distribution` with all of it. Members the estate answers
/// with a fixed value (aliases, logging, certificates, …) go back unchanged and are taken; a
/// changed one is refused, naming the member, and nothing changes.
@Suite struct DistributionConfigRoundTripTests {
    static func formed() throws -> (Estate, CommandRunner, Distribution) {
        let estate = try WebsiteStackTests.defaultEstate()
        estate.advance(to: .zero + .minutes(3))
        return (estate, CommandRunner(estate: estate), try #require(estate.edge.distribution(named: "website")))
    }

    /// `update-distribution` with the configuration `get-distribution` answered, `edit` applied.
    static func update(_ runner: CommandRunner, _ distribution: Distribution,
                       edit: ([(String, JSONValue)]) -> [(String, JSONValue)]) throws -> CommandRunner.Outcome {
        let got = try #require(runner.run("cloudfront get-distribution --id \(distribution.id)"))
        let answer = try got.result.get()
        let config = try #require(answer["Distribution"]?["DistributionConfig"]?.objectValue)
        let etag = try #require(answer["ETag"]?.stringValue)
        let json = JSONValue.object(edit(config)).serialized()
        return try #require(runner.run("cloudfront update-distribution --id \(distribution.id) --if-match \(etag) --distribution-config '\(json)'"))
    }

    @Test func theWholeAnswerGoesBackWithOneChange() throws {
        let (_, runner, distribution) = try Self.formed()
        let outcome = try Self.update(runner, distribution) { config in
            config.map { $0.0 == "Enabled" ? ($0.0, false) : $0 }
        }
        #expect(!outcome.isFailure, "\(outcome.json.serialized())")
        #expect(!distribution.isEnabled)
    }

    @Test func aChangedFixedMemberIsRefusedByName() throws {
        let (_, runner, distribution) = try Self.formed()
        let revision = distribution.revision
        let edits: [(String, JSONValue)] = [
            ("Aliases", ["Quantity": 1, "Items": ["www.example.com"]]),
            ("Logging", ["Enabled": true, "IncludeCookies": false, "Bucket": "logs.s3.amazonaws.com", "Prefix": "cf/"]),
            ("PriceClass", "PriceClass_100"),
            // An origin group in AWS's shape: refused as not simulated, not as an unknown member.
            ("OriginGroups", ["Quantity": 1, "Items": [[
                "Id": "failover",
                "FailoverCriteria": ["StatusCodes": ["Quantity": 2, "Items": [500, 502]]],
                "Members": ["Quantity": 2, "Items": [["OriginId": "site"], ["OriginId": "api"]]],
                "SelectionCriteria": "default",
            ]]]),
        ]
        for (member, value) in edits {
            let outcome = try Self.update(runner, distribution) { config in config.map { $0.0 == member ? (member, value) : $0 } }
            #expect(outcome.result.failureCode == "InvalidArgument", "\(member): \(outcome.json.serialized())")
            #expect(outcome.json.serialized().contains(member), "the error names \(member)")
            #expect(outcome.json.serialized().contains("does not simulate"), "\(member): \(outcome.json.serialized())")
        }
        // A behaviour's fixed member too.
        let outcome = try Self.update(runner, distribution) { config in
            config.map { key, value in
                guard key == "DefaultCacheBehavior" else { return (key, value) }
                return (key, .object((value.objectValue ?? []).map { $0.0 == "Compress" ? ("Compress", false) : $0 }))
            }
        }
        #expect(outcome.result.failureCode == "InvalidArgument")
        #expect(outcome.json.serialized().contains("behaviour *: Compress"), "\(outcome.json.serialized())")
        #expect(distribution.revision == revision && distribution.isEnabled, "nothing changed")
    }
}
