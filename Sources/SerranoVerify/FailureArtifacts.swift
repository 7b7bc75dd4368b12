import Accelerator
import Foundation
import GoldenModel
import SerranoFiles
import SerranoSim
import SerranoWaves

/// One folder per failing regression case, enough to debug it without re-running anything: the
/// RTL trace up to the first wrong write (FST), the golden model's expected waveform of the
/// DRAM writes (VCD) and the wave diff of the two (HTML), the program disassembled, the layer's
/// operands and the expected and actual outputs as `.npy`, and a README with the failure, the
/// wave diff's report and the replay command.
public enum FailureArtifacts {
    /// Re-runs `testCase` on `backend` with a trace and writes the folder; returns its path.
    public static func write(_ testCase: RegressionCase, backend: RTLBackend, replay: String, into root: URL) throws -> URL {
        let folder = root.appendingPathComponent("seed\(testCase.seed)-case\(testCase.index)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = testCase.configuration.config
        let compiled = try testCase.layer.compile(for: config)
        let reference = try testCase.layer.reference()
        let expected = DRAMComparison.expectedImage(compiled, output: reference)

        // The run again, traced; it stops at the first wrong write.
        var failure = "passed when re-run"
        let model = try backend.model(for: config, tracing: true)
        let simulator = try model.makeSimulator()
        _ = try simulator.startTrace(to: folder.appendingPathComponent("rtl.fst").path)
        var actual = compiled.dram
        do {
            let profile = backend.profile(for: compiled)
            let checks = try RTLBackend.checks(compiled, config: config, profile: profile)
            let run = try AcceleratorHarness(simulator, config: config).run(
                compiled.program, dram: compiled.dram, profile: profile, cycleLimit: checks.cycleLimit, scoreboard: checks.scoreboard)
            actual = run.dram
            if let difference = DRAMComparison.difference(expected: expected, actual: run.dram, layout: compiled.layout) {
                failure = difference
            }
        } catch {
            failure = "\(error)"
        }
        try? simulator.stopTrace()

        // The golden model's expected waveform, and the chip's trace compared with it.
        let tracePath = folder.appendingPathComponent("rtl.fst").path
        let expectedPath = folder.appendingPathComponent("expected.vcd").path
        let htmlPath = folder.appendingPathComponent("wave-diff.html").path
        try ExpectedWaveform.write(compiled, config: config, to: expectedPath)
        // The trace ends at the first wrong write, so only the first divergence is listed.
        var diffOptions = ExpectedWaveform.diffOptions
        diffOptions.maxListed = 0
        let waveDiff: String
        do {
            waveDiff = try WaveTool.diff(actual: tracePath, expected: expectedPath, options: diffOptions, htmlPath: htmlPath).output
        } catch {
            waveDiff = "the wave diff could not run: \(error)"
        }

        try OutputFile.write(Instruction.assembly(of: compiled.program), to: folder.appendingPathComponent("program.txt").path)
        for (name, array) in operands(testCase.layer) {
            try Npy.write(array, path: folder.appendingPathComponent("\(name).npy").path)
        }
        try Npy.write(reference, path: folder.appendingPathComponent("expected.npy").path)
        if let output = try? compiled.output(from: actual) {
            try Npy.write(output, path: folder.appendingPathComponent("actual.npy").path)
        }
        let readme = """
        # \(testCase.summary)

        Failure: \(failure)

        Replay alone: `\(replay)`

        Wave diff against the golden model's writes (`wave-diff.html` draws it; the trace ends one
        cycle after the first wrong write, so the expected transactions after it have no partner):

        ```
        \(waveDiff.trimmingCharacters(in: .whitespacesAndNewlines))
        ```

        Re-run it: `\(ExpectedWaveform.diffCommand(actual: "rtl.fst", expected: "expected.vcd", html: "wave-diff.html"))`

        - `rtl.fst`: the Verilated chip's trace, up to one cycle after the first wrong write (`gtkwave rtl.fst`)
        - `expected.vcd`: the golden model's DRAM writes as transactions on the store unit's write channel, under the RTL's names (x: byte not written)
        - `wave-diff.html`: the two compared transaction by transaction, the first divergence drawn
        - `program.txt`: the program, one instruction a line
        - operands, `expected.npy` (TFLite's reference kernels) and `actual.npy` (the chip's output)
        - configuration: \(testCase.configuration.name): \(config)
        """
        try OutputFile.write(readme + "\n", to: folder.appendingPathComponent("README.md").path)
        return folder
    }

    static func operands(_ layer: RegressionLayer) -> [(String, NpyArray)] {
        switch layer {
        case .gemm(let p): return [("a", .int8(p.a)), ("b", .int8(p.b))]
        case .fullyConnected(let l): return [("input", .int8(l.input)), ("weights", .int8(l.weights))]
        case .conv2d(let l): return [("input", .int8(l.input)), ("filter", .int8(l.filter))]
        }
    }
}
