import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import Testing

/// The chip's cover points: the Verilated model and the IR interpreter count the same points
/// the same number of times, and a short regression hits each of them.
@Suite struct CoverageTests {
    /// Points that random layers from the tiler do not reach (see README, "Coverage"): its
    /// programs never fill the compute unit's outgoing token queues, so the compute unit never
    /// waits for a token's room. `aDirectedProgramReachesTheTokenCorners` reaches all three.
    static let notReachedByTheTiler: Set<String> = ["tokens_computeToLoad_full", "tokens_computeToStore_full", "stall_compute_token"]

    /// Three CONFIG_COMPUTEs pushing to load and three pushing to store, while the load unit
    /// is busy with a 4-row LOAD and the store unit with a 32-row STORE: on `tiny` (token queues
    /// 2 deep) the third push of each waits for room until the LOADs and CONFIG_STOREs behind
    /// them pop.
    @Test func aDirectedProgramReachesTheTokenCorners() throws {
        func configure(_ flags: DependencyFlags) -> Instruction {
            .configureCompute(.init(inputZeroPoint: 0, weightZeroPoint: 0, dependencies: flags))
        }
        func load(rows: Int, _ flags: DependencyFlags) -> Instruction {
            .load(.init(target: .scratchpad, sramRow: 0, rowCount: rows, elementsPerRow: 4, dramAddress: 0, dramStride: 4, dependencies: flags))
        }
        let longStore = Instruction.store(.init(raw: true, accumulatorRow: 0, rowCount: 32, elementsPerRow: 4, dramAddress: 256, dramStride: 16))
        let configureStore = Instruction.configureStore(.init(multiplier: 1 << 30, shift: 0, outputZeroPoint: 0, activationMin: -128,
                                                              activationMax: 127, dependencies: [.popPrevious]))
        let program = [load(rows: 4, []), longStore] + Array(repeating: configure([.pushPrevious]), count: 3)
            + Array(repeating: configure([.pushNext]), count: 3) + Array(repeating: load(rows: 1, [.popNext]), count: 3)
            + Array(repeating: configureStore, count: 3) + [.finish([])]
        let backend = RTLBackend()
        let simulator = try backend.model(for: .tiny).makeSimulator()
        let paths = try backend.coverPaths(for: .tiny)
        let run = try AcceleratorHarness(simulator, config: .tiny).run(program, dram: [UInt8](repeating: 1, count: 1024),
                                                                      cycleLimit: 10_000, coverPaths: paths)
        for point in Self.notReachedByTheTiler.sorted() {
            #expect((run.covers[point] ?? 0) > 0, "\(point) not hit: \(run.covers.filter { $0.value > 0 }.keys.sorted())")
        }
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
        let missed = Set(backend.coverage.neverHit).subtracting(Self.notReachedByTheTiler)
        #expect(missed.isEmpty, "never hit in 60 cases of seed 7: \(missed.sorted())\n\(backend.coverage.tableLines().joined(separator: "\n"))")
        #expect(backend.coverage.snapshot.cases == 60)
    }
}
