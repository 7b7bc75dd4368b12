import Foundation
import GoldenModel
import Testing
import SerranoSupport
import SerranoVerify
import SerranoVerilator
@testable import SerranoBench

@Suite("The accelerator's harness against a C++ DRAM model")
struct NativeDRAMLoopTests {
    /// A 12×20·20×9 GEMM on `tiny` (several tiles, partial ones, requantized) with random
    /// back-pressure on both channels, so the seeded stall streams must match too.
    @Test("the Swift harness and the C++ DRAM loop give the same final DRAM, cycles and counters")
    func sameRun() throws {
        let (generator, seed) = SplitMix64.forTest("NativeDRAMLoopTests.sameRun", fallback: 0xD1A)
        var random = generator
        func matrix(_ rows: Int, _ columns: Int) throws -> Tensor<Int8> {
            try Tensor(shape: [rows, columns], elements: (0..<(rows * columns)).map { _ in Int8(truncatingIfNeeded: random.next()) })
        }
        let requantization = try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 0.004)), outputZeroPoint: 1)
        let problem = try GEMMProblem(a: matrix(12, 20), b: matrix(20, 9), bias: nil, inputZeroPoint: 0, requantization: requantization)
        let compiled = try Tiler.compile(problem, config: .tiny)
        let expected = try FunctionalModel(config: .tiny).run(compiled.program, dram: compiled.dram)
        let profile = DRAMProfile(latency: 7, bytesPerCycle: 3, maxOutstanding: 4, requestStallPercent: 20,
                                  responseStallPercent: 30, seed: seed)

        let model = try AcceleratorSimulation.verilatorModel(.tiny)
        let native = try NativeDRAMLoop.build(for: model.build)
        let swift = try AcceleratorHarness(model.makeSimulator(), config: .tiny).run(compiled.program, dram: compiled.dram, profile: profile)
        let cpp = try native.run(compiled.program, dram: compiled.dram, profile: profile, busBytes: AcceleratorConfig.tiny.dramBusBytes)
        #expect(swift.dram == expected.dram, "seed \(seed): the Swift harness's DRAM differs from the functional model")
        #expect(cpp.dram == swift.dram, "seed \(seed): the C++ loop's final DRAM differs")
        #expect(cpp.cycles == swift.simulatedCycles, "seed \(seed): \(cpp.cycles) C++ cycles against \(swift.simulatedCycles) in Swift")
        #expect(cpp.counters == swift.counters.values, "seed \(seed): counters differ")
        #expect(swift.counters.values.count > 5)

        // Another back-pressure stream changes the timing: the cycle comparison can fail.
        var other = profile
        other.seed = seed &+ 1
        let shifted = try native.run(compiled.program, dram: compiled.dram, profile: other, busBytes: AcceleratorConfig.tiny.dramBusBytes)
        #expect(shifted.dram == swift.dram)
        #expect(shifted.cycles != swift.simulatedCycles, "seed \(seed): another stall seed gave the same cycle count")
    }

    @Test("a model that is not the accelerator is refused by name")
    func notTheAccelerator() throws {
        #expect(throws: (any Error).self) { try NativeDRAMLoop.mainSource(PortTable(header: "VL_IN8(&clock,0,0);\n")) }
    }
}
