import Foundation
import Testing
import Serrano
import SerranoExamples
import SerranoVerilog
import SerranoWaves
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import SerranoSupport

/// The waveform diff on real traces of a DSL example: Verilator's FST of the counter against the
/// VCD the IR interpreter writes for the same stimulus — equal, and with a one-cycle change of
/// stimulus injected, different from exactly the cycle it shows up.
@Suite("Cross-backend waveform diff")
struct CrossBackendWaveTests {
    static let cycles = 60
    static let injectedCycle = 23

    /// Runs the counter for `cycles` cycles with a seeded random enable (flipped at `flip`),
    /// tracing to `path`.
    func run(_ simulator: any Simulator, tracingTo path: String, flipAt flip: Int?) throws -> String {
        let written = try simulator.startTrace(to: path)
        let enable = try simulator.port("enable")
        var random = SplitMix64(seed: Fixtures.seed)
        try simulator.reset(cycles: 2)
        for cycle in 0..<Self.cycles {
            var on = UInt64(random.int(in: 0...3)) != 0
            if cycle == flip { on.toggle() }
            try simulator.poke(enable, on ? 1 : 0)
            try simulator.step(1)
        }
        try simulator.stopTrace()
        return written
    }

    @Test("Verilator's trace and the interpreter's agree, and an injected difference is found at its cycle")
    func diffAcrossBackends() throws {
        print("cross-backend wave diff seed \(Fixtures.seed) (replay: SERRANO_SEED=\(Fixtures.seed))")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-cross-wave-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let design = try Elaboration.elaborate(CounterExample(limit: 10)).get()
        try VerilogPrinter.print(design).write(to: folder)
        let model = try VerilatorModel.build(VerilogSources(top: "Counter", fileList: folder.appendingPathComponent("Counter.f")))

        let rtl = try run(try model.makeSimulator(), tracingTo: folder.appendingPathComponent("rtl.fst").path, flipAt: nil)
        let same = try run(try IRInterpreter(design: design), tracingTo: folder.appendingPathComponent("same.vcd").path, flipAt: nil)
        let injected = try run(try IRInterpreter(design: design), tracingTo: folder.appendingPathComponent("injected.vcd").path,
                               flipAt: Self.injectedCycle)

        var options = DiffOptions(clock: SignalPairName(actual: "TOP.Counter.clock", expected: "TOP.Counter.clock"))
        options.signals = ["TOP.Counter.count", "TOP.Counter.wrapped"]
        let agree = try WaveDiff.run(actual: rtl, expected: same, options: options)
        #expect(agree.isSame, "\(agree.divergences.prefix(3))")
        #expect(agree.comparedSampleCount > Self.cycles)

        // Time-aligned: both backends write 1 ps ticks and change inputs at 10k+1, so every
        // port, clock included, matches at every timestamp of either file.
        let rtlWave = try WaveFile.read(rtl)
        let sameWave = try WaveFile.read(same)
        #expect(rtlWave.timescale == sameWave.timescale)
        let timed = try WaveDiff.run(actual: rtl, expected: same, options: DiffOptions(
            signals: ["TOP.Counter.clock", "TOP.Counter.reset", "TOP.Counter.enable", "TOP.Counter.count", "TOP.Counter.wrapped"]))
        #expect(timed.alignment == .timestamp)
        #expect(timed.isSame, "\(DiffReport.text(timed))")
        #expect(timed.comparedSampleCount >= 3 * (Self.cycles + 2))
        func changeTimes(_ wave: Waveform, _ name: String) -> [UInt64] {
            guard let variable = wave.variable(named: name) else { return [] }
            return wave.trace(of: variable).timeIndices.map { wave.times[Int($0)] }
        }
        #expect(changeTimes(sameWave, "TOP.Counter.enable") == changeTimes(rtlWave, "TOP.Counter.enable"))
        #expect(changeTimes(sameWave, "TOP.Counter.enable").dropFirst().allSatisfy { $0 % 10 == 1 })

        // Reset takes 2 cycles; the flipped enable is sampled at the edge that ends cycle
        // 2 + injectedCycle, so `count` first differs when sampled at the next edge.
        let differ = try WaveDiff.run(actual: rtl, expected: injected, options: options)
        let first = try #require(differ.divergences.first)
        #expect(first.actual?.cycle == 2 + Self.injectedCycle + 1)
        #expect(first.mismatches.map(\.signal.actualName).contains("TOP.Counter.count"))
    }
}
