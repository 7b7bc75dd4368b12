import Accelerator
import GoldenModel
import SerranoVerify
import Testing

/// Every deliberate bug is caught by a short regression on the interpreter (no build needed);
/// `serrano verify --mutants` does the same on Verilator.
@Suite struct MutationTests {
    @Test(arguments: Mutation.allCases)
    func theRegressionKillsEveryMutant(_ mutation: Mutation) throws {
        let generator = RegressionCaseGenerator(seed: 5, maxSteps: 40, maxMACs: 20_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let backend = InterpreterBackend(mutation: mutation, randomBackPressure: true, cycleLimit: 200_000)
        let report = RegressionRunner(generator: generator, backend: backend).run(.cases(40, shard: .all), jobs: 1)
        let killed = report.results.filter { !$0.passed }
        #expect(!killed.isEmpty, "mutant \(mutation) survived 40 cases of seed 5")
    }

    @Test func theRealChipPassesTheSameCases() throws {
        let generator = RegressionCaseGenerator(seed: 5, maxSteps: 40, maxMACs: 20_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let runner = RegressionRunner(generator: generator, backend: InterpreterBackend(randomBackPressure: true))
        let failures = runner.run(.cases(40, shard: .all)).results.filter { !$0.passed }.map(\.summary)
        #expect(failures.isEmpty, "\(failures)")
    }
}
