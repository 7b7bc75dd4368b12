import Accelerator
import Foundation
import GoldenModel
import SerranoVerify
import Testing

/// Deliberate bugs are caught by the regression. Two mutants on the interpreter run in
/// `make test`; all eight (`SERRANO_SLOW=1`, `make verify`, or `serrano verify --mutants` on
/// Verilator) in the long suite.
@Suite struct MutationTests {
    static let slow = ProcessInfo.processInfo.environment["SERRANO_SLOW"] == "1"

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

    @Test(.enabled(if: slow, "set SERRANO_SLOW=1 (make verify)"), arguments: Mutation.allCases)
    func theRegressionKillsEveryMutant(_ mutation: Mutation) {
        #expect(Self.survivors(mutation, cases: 30).count < 30, "mutant \(mutation) survived 30 cases of seed 5")
    }

    @Test func theRealChipPassesTheSameCases() {
        #expect(Self.survivors(nil, cases: 6).count == 6)
    }
}
