import Accelerator
import GoldenModel
import SerranoSim
import SerranoVerify
import Testing
import SerranoSupport

/// Random int8 GEMMs on the simulated chip against the golden model, bit for bit.
@Suite struct GEMMOnChipTests {
    static func problem(m: Int, k: Int, n: Int, seed: UInt64, bias: Bool = false, requantize: Bool = true) throws -> GEMMProblem {
        var random = SplitMix64(seed: seed)
        let a = try Tensor<Int8>(shape: [m, k], elements: (0..<(m * k)).map { _ in Int8(truncatingIfNeeded: random.next()) })
        let b = try Tensor<Int8>(shape: [k, n], elements: (0..<(k * n)).map { _ in Int8(truncatingIfNeeded: random.next()) })
        let biasValues = bias ? (0..<n).map { _ in Int32(truncatingIfNeeded: random.next() % 20000) - 10000 } : nil
        let requantization = requantize
            ? try Requantization(multipliers: .perTensor(QuantizedMultiplier(multiplier: 1_518_500_250, shift: -9)),
                                 outputZeroPoint: 3, activation: ActivationRange(min: -128, max: 127), rounding: .double)
            : nil
        return try GEMMProblem(a: a, b: b, bias: biasValues, inputZeroPoint: 1, weightZeroPoint: -2, requantization: requantization)
    }

    static func check(_ problem: GEMMProblem, config: AcceleratorConfig, on simulator: any Simulator,
                      profile: DRAMProfile = DRAMProfile(), label: String) throws {
        let compiled = try Tiler.compile(problem, config: config)
        let expected = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram)
        let run = try AcceleratorHarness(simulator, config: config).run(compiled.program, dram: compiled.dram, profile: profile)
        let output = compiled.layout.output
        let range = output.offset..<(output.offset + output.byteCount)
        let wrong = range.filter { run.dram[$0] != expected.dram[$0] }
        #expect(wrong.isEmpty, "\(label): \(wrong.count) of \(range.count) output bytes differ; first at byte \(wrong.first.map { $0 - output.offset } ?? 0): \(wrong.first.map { run.dram[$0] } ?? 0) vs expected \(wrong.first.map { expected.dram[$0] } ?? 0); \(run.counters)")
        #expect(run.dram.count == expected.dram.count && run.dram == expected.dram, "\(label): DRAM differs outside the output")
        #expect(run.counters.macs == UInt64(expected.statistics.macs), "\(label): MAC counter")
        print("\(label): \(run.counters); outputs \(Array(run.dram[range].prefix(8)))")
    }

    @Test func smallGEMMOnTheInterpreter() throws {
        let problem = try Self.problem(m: 5, k: 6, n: 7, seed: 1)
        try Self.check(problem, config: .tiny, on: try AcceleratorSimulation.interpreter(.tiny), label: "5×6×7 seed 1 interpreter")
    }

    @Test func smallGEMMOnVerilator() throws {
        let model = try AcceleratorSimulation.verilatorModel(.tiny)
        let problem = try Self.problem(m: 5, k: 6, n: 7, seed: 1)
        try Self.check(problem, config: .tiny, on: try model.makeSimulator(), label: "5×6×7 seed 1 verilator")
    }
}

/// The Verilated chip and the Swift IR interpreter running the chip's IR agree cycle for cycle:
/// the printer is checked on the real design, not only on random circuits.
@Suite struct BackendAgreementTests {
    @Test func tinyRunsIdenticallyOnVerilatorAndTheInterpreter() throws {
        let model = try AcceleratorSimulation.verilatorModel(.tiny)
        let generator = RegressionCaseGenerator(seed: 11, maxSteps: 60, maxMACs: 20_000,
                                                configurations: [RegressionConfiguration(name: "tiny", config: .tiny)])
        let backend = RTLBackend(randomBackPressure: true)
        for index in 0..<6 {
            let testCase = try generator.makeCase(index)
            let compiled = try testCase.layer.compile(for: .tiny)
            let profile = backend.profile(for: compiled)
            let verilator = try AcceleratorHarness(model.makeSimulator(), config: .tiny).run(compiled.program, dram: compiled.dram, profile: profile)
            let interpreter = try AcceleratorHarness(AcceleratorSimulation.interpreter(.tiny), config: .tiny)
                .run(compiled.program, dram: compiled.dram, profile: profile)
            #expect(verilator.dram == interpreter.dram, "seed 11 case \(index) \(testCase.summary): DRAM differs")
            #expect(verilator.counters == interpreter.counters, "seed 11 case \(index) \(testCase.summary): counters differ")
            #expect(verilator.simulatedCycles == interpreter.simulatedCycles)
        }
    }
}
