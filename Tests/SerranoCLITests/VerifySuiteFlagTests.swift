import Foundation
import Testing

/// `serrano verify --suite smoke|nightly` names the case counts a team runs before a commit and
/// every night.
@Suite struct VerifySuiteFlagTests {
    @Test("the smoke suite is 300 cases, the nightly 100,000; a shard of each runs its share")
    func suitesSetTheCaseCount() throws {
        for (suite, total) in [("smoke", 300), ("nightly", 100_000)] {
            let run = try CLI.run(["verify", "--suite", suite, "--shard", "1/100", "--seed", "3", "--jobs", "1"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("shard 1/100 of \(total) cases"), "\(run.stdout)")
            #expect(run.stdout.contains("\(total / 100) passed, 0 failed"), "\(run.stdout)")
        }
    }

    @Test("an unknown suite, or a suite with --cases, is one sentence and exit 2", arguments: [
        (["verify", "--suite", "weekly"], "--suite is smoke or nightly"),
        (["verify", "--suite", "smoke", "--cases", "5"], "not both"),
    ])
    func badSuites(arguments: [String], expected: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2 && run.stderr.hasPrefix("serrano verify:") && run.stderr.contains(expected), "\(run)")
    }
}
