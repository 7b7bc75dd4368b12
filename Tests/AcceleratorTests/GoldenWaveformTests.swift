import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import SerranoWaves
import Testing

/// The golden model's expected waveform of the DRAM write channel, diffed with the Verilated
/// chip's trace transaction by transaction: no divergence on the real chip, and on a mutant the
/// first divergence is the scoreboard's first wrong write.
@Suite struct GoldenWaveformTests {
    static let tiny = [RegressionConfiguration(name: "tiny", config: .tiny)]

    /// Runs case `index` of seed 3 on `backend`, traced; returns the scoreboard's first wrong
    /// write, the trace and the expected waveform.
    static func tracedRun(_ index: Int, backend: RTLBackend, in folder: URL) throws -> (mismatch: WriteMismatch?, beats: Int, trace: String, expected: String) {
        let generator = RegressionCaseGenerator(seed: 3, maxSteps: 24, maxMACs: 6_000, configurations: tiny)
        let testCase = try generator.makeCase(index)
        let config = testCase.configuration.config
        let compiled = try testCase.layer.compile(for: config)
        let simulator = try backend.model(for: config, tracing: true).makeSimulator()
        let trace = folder.appendingPathComponent("case\(index).fst").path
        _ = try simulator.startTrace(to: trace)
        let profile = backend.profile(for: compiled)
        let checks = try RTLBackend.checks(compiled, config: config, profile: profile)
        let scoreboard = checks.scoreboard
        do {
            _ = try AcceleratorHarness(simulator, config: config).run(
                compiled.program, dram: compiled.dram, profile: profile, cycleLimit: checks.cycleLimit, scoreboard: scoreboard)
        } catch HarnessError.wrongWrite {
            // The scoreboard keeps it; the trace ends one cycle after it.
        }
        try simulator.stopTrace()
        let expected = folder.appendingPathComponent("case\(index).vcd").path
        let beats = try ExpectedWaveform.write(compiled, config: config, to: expected)
        return (scoreboard.firstMismatch, beats, trace, expected)
    }

    static func scratch(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-golden-waves-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theRealChipsWritesAreTheExpectedWaveform() throws {
        let folder = try Self.scratch("real")
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = RTLBackend(randomBackPressure: true)
        for index in 0..<3 {
            let run = try Self.tracedRun(index, backend: backend, in: folder)
            #expect(run.mismatch == nil)
            let result = try WaveDiff.run(actual: run.trace, expected: run.expected, options: ExpectedWaveform.diffOptions)
            #expect(result.isSame, "case \(index) of seed 3: \(DiffReport.text(result))")
            #expect(result.alignment == .transaction)
            #expect(result.actualSampleCount == run.beats && result.expectedSampleCount == run.beats && run.beats > 0)
        }
    }

    @Test func onAMutantTheFirstDivergenceIsTheScoreboardsFirstWrongWrite() throws {
        let folder = try Self.scratch("mutant")
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = RTLBackend(randomBackPressure: true, mutation: .saturationOffByOne)
        var compared = 0
        for index in 0..<8 {
            let run = try Self.tracedRun(index, backend: backend, in: folder)
            guard let mismatch = run.mismatch else { continue }
            compared += 1
            let result = try WaveDiff.run(actual: run.trace, expected: run.expected, options: ExpectedWaveform.diffOptions)
            let first = try #require(result.divergences.first, "case \(index): the wave diff found no divergence, the scoreboard found \(mismatch)")
            #expect(first.index == mismatch.beat, "case \(index): wave diff transaction \(first.index), scoreboard write beat #\(mismatch.beat)")
            let window = try #require(result.window)
            let addressRow = try #require(window.rows.first { $0.signal.actualName == ExpectedWaveform.address })
            guard case .logic(let address)? = addressRow.actual[window.focusColumn] else {
                Issue.record("case \(index): no address at the divergence")
                continue
            }
            #expect(address.uint64 == mismatch.address)
            #expect(first.mismatches.contains { $0.signal.actualName == ExpectedWaveform.data })
        }
        #expect(compared > 0, "saturationOffByOne survived 8 cases of seed 3")
    }
}
