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
