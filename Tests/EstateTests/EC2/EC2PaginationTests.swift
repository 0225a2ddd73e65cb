@testable import Estate
import Testing

/// MaxResults and NextToken on DescribeInstances, DescribeVolumes, DescribeSecurityGroups and
/// DescribeInstanceTypes (one implementation): pages put together are the unpaginated answer, and
/// out-of-range sizes, foreign tokens and ids with a page size are AWS's errors.
@Suite struct EC2PaginationTests {
    /// Seven instances in three reservations (3, 3, 1), so a page of five splits one.
    func makeEstate() -> (Estate, [String]) {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 3) + Fixtures.launch(estate, count: 3) + Fixtures.launch(estate, count: 1)
        return (estate, ids)
    }

    /// Every page of `line` at `size` items, following NextToken to the end.
    func pages(_ estate: Estate, _ line: String, size: Int) throws -> [JSONValue] {
        var out: [JSONValue] = []
        var token: String?
        repeat {
            let page = try estate.ok(line + " --max-results \(size)" + (token.map { " --next-token \($0)" } ?? ""))
            out.append(page)
            token = page["NextToken"]?.stringValue
        } while token != nil && out.count < 100
        return out
    }

    func instanceIDs(_ answer: JSONValue) -> [String] {
        (answer["Reservations"]?.arrayValue ?? []).flatMap { $0["Instances"]?.arrayValue ?? [] }.compactMap { $0["InstanceId"]?.stringValue }
    }

    @Test func instancesComeFiveThenTwo() throws {
        let (estate, ids) = makeEstate()
        let all = try pages(estate, "ec2 describe-instances", size: 5)
        #expect(all.count == 2)
        #expect(all.map(instanceIDs) == [Array(ids[0..<5]), Array(ids[5...])])
        #expect(all[1]["NextToken"] == nil, "the last page has no token")
        // The second reservation (ids 3…5) is split: it shows on both pages.
        #expect(all.map { $0["Reservations"]?.arrayValue?.count } == [2, 2])
        // Without MaxResults, everything in one answer, no token.
        let whole = try estate.ok("ec2 describe-instances")
        #expect(instanceIDs(whole) == ids && whole["NextToken"] == nil)
    }

    @Test func volumesPageAndClampAt500() throws {
        let (estate, _) = makeEstate()
        let whole = try estate.ok("ec2 describe-volumes")["Volumes"]?.arrayValue ?? []
        #expect(whole.count == 7)
        let all = try pages(estate, "ec2 describe-volumes", size: 5)
        #expect(all.map { $0["Volumes"]?.arrayValue?.count } == [5, 2])
        #expect(all.flatMap { $0["Volumes"]?.arrayValue ?? [] } == whole)
        // "If MaxResults is given a value larger than 500, only 500 items are returned."
        let big = try estate.ok("ec2 describe-volumes --max-results 501")
        #expect(big["Volumes"]?.arrayValue?.count == 7 && big["NextToken"] == nil)
    }

    @Test func securityGroupsAndInstanceTypesPage() throws {
        let (estate, _) = makeEstate()
        let groups = try estate.ok("ec2 describe-security-groups --max-results 5")
        #expect(groups["SecurityGroups"]?.arrayValue?.count == 1 && groups["NextToken"] == nil)
        // No names: every type in the catalog, in pages of at most 100.
        let whole = try estate.ok("ec2 describe-instance-types")["InstanceTypes"]?.arrayValue ?? []
        #expect(whole.count == InstanceTypeCatalog.all.count && whole.count > 100)
        let all = try pages(estate, "ec2 describe-instance-types", size: 100)
        #expect(all.count == (whole.count + 99) / 100)
        #expect(all.dropLast().allSatisfy { $0["InstanceTypes"]?.arrayValue?.count == 100 })
        #expect(all.flatMap { $0["InstanceTypes"]?.arrayValue ?? [] } == whole)
        // Named types page too.
        let named = try estate.ok("ec2 describe-instance-types --instance-types c4.large m5.large t3.micro c5.xlarge r5.large m6g.large --max-results 5")
        #expect(named["InstanceTypes"]?.arrayValue?.count == 5 && named["NextToken"] != nil)
    }

    @Test func outOfRangeSizesAndBadTokensAreRefused() throws {
        let (estate, ids) = makeEstate()
        // Each operation's documented range: instances and groups 5…1000, types 5…100, volumes from 5.
        for (line, bad) in [("ec2 describe-instances", [4, 1001]), ("ec2 describe-security-groups", [4, 1001]),
                            ("ec2 describe-instance-types", [4, 101]), ("ec2 describe-volumes", [4, 0])] {
            for n in bad { #expect(estate.errorCode(line + " --max-results \(n)") == "InvalidParameterValue", "\(line) \(n)") }
        }
        #expect(estate.errorCode("ec2 describe-instances --instance-ids \(ids[0]) --max-results 5") == "InvalidParameterCombination")
        #expect(estate.errorCode("ec2 describe-instances --next-token nonsense") == "InvalidPaginationToken")
        let volumesToken = try #require(try estate.ok("ec2 describe-volumes --max-results 5")["NextToken"]?.stringValue)
        #expect(estate.errorCode("ec2 describe-instances --max-results 5 --next-token \(volumesToken)") == "InvalidPaginationToken",
                "a token belongs to its operation")
    }
}
