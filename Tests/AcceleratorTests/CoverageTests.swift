import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import Testing

/// The chip's cover points: the Verilated model and the IR interpreter count the same points
/// the same number of times, and a short regression hits each of them.
@Suite struct CoverageTests {
    /// The directed programs (`DirectedCoverage`, which `serrano verify --suite` runs after its
    /// random cases) reach the points random layers cannot, on a square and a non-square
    /// configuration, and leave DRAM exactly as the golden model does.
    @Test func theDirectedProgramsReachTheTokenCorners() throws {
        let configurations = ["tiny", "wide"].compactMap { name in
            AcceleratorConfig.named(name).map { RegressionConfiguration(name: name, config: $0) }
        }
        let backend = RTLBackend()
        let outcomes = try DirectedCoverage.run(on: backend, configurations: configurations)
        #expect(outcomes.map(\.config) == ["tiny", "wide"])
        for outcome in outcomes {
            #expect(outcome.bitExact, "\(outcome.config): DRAM differs from the golden model")
            #expect(Set(outcome.reached) == DirectedCoverage.points, "\(outcome.config) reached only \(outcome.reached)")
        }
        #expect(backend.coverage.snapshot.cases == 2)
    }

    @Test func verilatorAndInterpreterCountTheSameCovers() throws {
        let generator = RegressionCaseGenerator(seed: 5, maxSteps: 24, maxMACs: 6_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let compiled = try generator.makeCase(1).layer.compile(for: .tiny)
        let rtl = try RTLBackend(randomBackPressure: true).run(compiled, config: .tiny)
        let interpreted = try InterpreterBackend(randomBackPressure: true).run(compiled, config: .tiny)
        let paths = CoverageTally.paths(of: try Accelerator.elaborate(.tiny))
        #expect(paths.count > 40 && Set(paths).count == paths.count)
        #expect(Set(rtl.covers.keys) == Set(paths), "the Verilated model lacks \(Set(paths).subtracting(rtl.covers.keys).sorted())")
        #expect(rtl.covers == interpreted.covers)
        #expect(rtl.covers.values.contains { $0 > 0 })
    }

    @Test func aShortRegressionHitsEveryCoverPoint() throws {
        let configurations = ["tiny", "wide"].compactMap { name in
            AcceleratorConfig.named(name).map { RegressionConfiguration(name: name, config: $0) }
        }
        let generator = RegressionCaseGenerator(seed: 7, maxSteps: 400, maxMACs: 200_000, configurations: configurations)
        let backend = RTLBackend(randomBackPressure: true)
        let report = RegressionRunner(generator: generator, backend: backend).run(.cases(60, shard: .all), jobs: 2)
        #expect(report.failures.isEmpty)
        let missed = Set(backend.coverage.neverHit).subtracting(DirectedCoverage.points)
        #expect(missed.isEmpty, "never hit in 60 cases of seed 7: \(missed.sorted())\n\(backend.coverage.tableLines().joined(separator: "\n"))")
        #expect(backend.coverage.snapshot.cases == 60)
    }
}
