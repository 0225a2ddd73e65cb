import Testing
@testable import Estate

/// `CreateTags` and `DeleteTags` on instances, as the AWS CLI calls them.
struct InstanceTagsTests {
    @Test func tagsAreAddedOverwrittenAndDeleted() throws {
        let estate = Fixtures.emptyEstate()
        let id = try #require(Fixtures.launch(estate).first)
        let runner = CommandRunner(estate: estate)
        #expect(runner.run("ec2 create-tags --resources \(id) --tags Key=Name,Value=web Key=team,Value=a")?.json == [:])
        #expect(runner.run("ec2 create-tags --resources \(id) --tags Key=team,Value=b")?.json == [:])
        #expect(estate.ec2.instance(id)?.tag("Name") == "web")
        #expect(estate.ec2.instance(id)?.tag("team") == "b")
        _ = runner.run("ec2 delete-tags --resources \(id) --tags Key=team,Value=other")
        #expect(estate.ec2.instance(id)?.tag("team") == "b", "a value that does not match keeps the tag")
        _ = runner.run("ec2 delete-tags --resources \(id) --tags Key=team")
        #expect(estate.ec2.instance(id)?.tag("team") == nil)
        #expect(estate.bus.history.contains { $0.event.name == "TagsChanged" && $0.event.resourceID == id })
    }

    @Test func badRequestsChangeNothing() throws {
        let estate = Fixtures.emptyEstate()
        let id = try #require(Fixtures.launch(estate).first)
        let runner = CommandRunner(estate: estate)
        #expect(runner.run("ec2 create-tags --resources \(id) i-0000000000000000f --tags Key=a,Value=b")?.json.errorCode == "InvalidInstanceID.NotFound")
        #expect(runner.run("ec2 create-tags --resources \(id) --tags Key=aws:x,Value=b")?.json.errorCode == "InvalidParameterValue")
        #expect(estate.ec2.instance(id)?.tags.isEmpty == true)
    }
}
