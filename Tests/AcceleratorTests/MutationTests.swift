import Accelerator
import Foundation
import GoldenModel
import SerranoVerify
import Testing

/// Deliberate bugs are caught by the regression. Two mutants on the interpreter run in
/// `make test`; all eight run on Verilator in `make verify` (`serrano verify --mutants`).
@Suite struct MutationTests {
    static func survivors(_ mutation: Mutation?, cases: Int) -> [String] {
        let generator = RegressionCaseGenerator(seed: 5, maxSteps: 24, maxMACs: 6_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let backend = InterpreterBackend(mutation: mutation, randomBackPressure: true, cycleLimit: 50_000)
        let results = RegressionRunner(generator: generator, backend: backend).run(.cases(cases, shard: .all), jobs: 2).results
        return results.filter(\.passed).map(\.summary)
    }

    @Test(arguments: [Mutation.saturationOffByOne, .skewRegisterMissing])
    func aShortRegressionKillsTheMutant(_ mutation: Mutation) {
        #expect(Self.survivors(mutation, cases: 6).count < 6, "mutant \(mutation) survived 6 cases of seed 5")
    }

    @Test func theRealChipPassesTheSameCases() {
        #expect(Self.survivors(nil, cases: 6).count == 6)
    }
}

/// A failing case leaves a folder a person can debug from: trace, program, operands, outputs,
/// and a README with the failure and the replay command.
@Suite struct FailureArtifactTests {
    @Test func aFailingCaseWritesItsArtifacts() throws {
        let generator = RegressionCaseGenerator(seed: 3, maxSteps: 24, maxMACs: 6_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let backend = RTLBackend(mutation: .saturationOffByOne)
        let runner = RegressionRunner(generator: generator, backend: backend)
        let failing = try #require(runner.run(.cases(8, shard: .all)).failures.first, "the mutant survived 8 cases of seed 3")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-artifacts-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try FailureArtifacts.write(try generator.makeCase(failing.index), backend: backend, replay: "serrano verify …", into: root)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        for name in ["README.md", "rtl.fst", "expected.vcd", "wave-diff.html", "program.txt", "expected.npy", "actual.npy"] {
            #expect(names.contains(name), "\(name) missing from \(names.sorted())")
        }
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("first wrong DRAM write") && readme.contains("serrano verify …"))
        // The wave diff in the README names the same write beat as the scoreboard.
        let marker = try #require(readme.range(of: "write beat #"), "no write beat named in the README")
        let beat = readme[marker.upperBound...].prefix { $0.isNumber }
        #expect(!beat.isEmpty && readme.contains("transaction \(beat)"),
                "the README's wave diff does not point at write beat #\(beat):\n\(readme)")
        let html = try String(contentsOf: folder.appendingPathComponent("wave-diff.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("dramArbiter_storeWrite_data"))
        let program = try String(contentsOf: folder.appendingPathComponent("program.txt"), encoding: .utf8)
        #expect(program.contains("FINISH"))
    }
}
