import Testing
import GoldenModel
@testable import SerranoVerify

/// `--shard K/N`: parsing, validation and the i % N == K − 1 rule.
@Suite struct RegressionShardTests {
    @Test func parsesKOfNAndSelectsIndicesCongruentToKMinusOne() throws {
        let shard = try RegressionShard(parsing: "2/3")
        #expect(shard.index == 2 && shard.count == 3)
        #expect(Array(shard.cases(of: 10)) == [1, 4, 7])
        #expect((0..<10).filter(shard.contains) == [1, 4, 7])
        #expect(Array(try RegressionShard(parsing: "1/1").cases(of: 4)) == [0, 1, 2, 3])
        #expect(Array(try RegressionShard(parsing: "5/5").cases(of: 4)) == [])
    }

    /// `verify --shard 1/9223372036854775807` trapped (exit 132) in `caseCount`'s sum.
    @Test func caseCountIsExactForExtremeShards() throws {
        let huge = try RegressionShard(index: 1, count: Int.max)
        #expect(huge.caseCount(of: 2000) == 1)
        #expect(huge.caseCount(of: Int.max) == 1)
        let last = try RegressionShard(index: Int.max, count: Int.max)
        #expect(last.caseCount(of: Int.max) == 1)  // case Int.max − 1
        #expect(last.caseCount(of: Int.max - 1) == 0)
        #expect(last.caseCount(of: 0) == 0)
        #expect(try RegressionShard(index: 3, count: 4).caseCount(of: Int.max) == (Int.max - 3) / 4 + 1)
        #expect(Array(huge.cases(of: Int.max)) == [0])
    }

    @Test func shardsPartitionEveryCaseExactlyOnce() throws {
        for count in 1...7 {
            let shards = try (1...count).map { try RegressionShard(index: $0, count: count) }
            let covered = shards.flatMap { Array($0.cases(of: 23)) }.sorted()
            #expect(covered == Array(0..<23), "N = \(count)")
            #expect(shards.map { $0.caseCount(of: 23) } == shards.map { Array($0.cases(of: 23)).count })
        }
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "-1/4", "a/b", "3", "1/2/3", "", "/4", "2/", " 1/4"])
    func rejectsMalformedOrOutOfRangeShards(_ text: String) {
        #expect(throws: RegressionShardError.self) { try RegressionShard(parsing: text) }
    }

    @Test func errorSaysWhatToType() {
        do {
            _ = try RegressionShard(parsing: "5/4")
            Issue.record("5/4 must be rejected")
        } catch {
            #expect("\(error)" == "shard must be in 1...4 (counted from 1), found 5")
        }
        #expect(throws: RegressionShardError("--shard takes K/N (e.g. 2/8), found 'x'")) { try RegressionShard(parsing: "x") }
    }

    @Test func selectionListsTheShardOrTheSingleCase() throws {
        #expect(RegressionSelection.cases(9, shard: try RegressionShard(parsing: "3/4")).indices == [2, 6])
        #expect(RegressionSelection.single(1234).indices == [1234])
        #expect(RegressionSelection.cases(5, shard: .all).description == "5 cases")
    }
}
