import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerilator

/// One program on the Verilated chip, the way a command runs it: build (or find) the model,
/// open a trace when asked, run with the scoreboard watching every write, and keep the result.
public struct AcceleratorSession {
    public let config: AcceleratorConfig
    public let profile: DRAMProfile
    /// Where the waveform goes (`.fst` or `.vcd`), if anywhere.
    public let trace: String?

    public init(config: AcceleratorConfig, profile: DRAMProfile = DRAMProfile(), trace: String? = nil) {
        self.config = config
        self.profile = profile
        self.trace = trace
    }

    /// What a run produced: the run itself, the first wrong write (nil when every write matched
    /// the golden model), the trace's path and the Verilator build.
    public struct Outcome {
        public let run: AcceleratorRun
        public let mismatch: WriteMismatch?
        public let tracePath: String?
        public let build: VerilatorBuild
        public let seconds: Double
    }

    /// The lines a command prints after a run: counters, waveform, verdict.
    public static func report(_ outcome: Outcome) -> (lines: [String], passed: Bool) {
        var lines = ["         \(outcome.run.counters)"]
        if let path = outcome.tracePath { lines.append("         waveform: \(path)") }
        if let mismatch = outcome.mismatch {
            lines.append("check    ✗ \(mismatch)")
            return (lines, false)
        }
        lines.append("check    every DRAM write bit-exact against the golden model ✓")
        return (lines, true)
    }

    public func run(_ compiled: CompiledProgram) throws -> Outcome {
        var options = VerilatorOptions()
        if let trace { options.trace = trace.hasSuffix(".vcd") ? .vcd : .fst }
        return try run(compiled, on: AcceleratorSimulation.verilatorModel(config, options: options))
    }

    /// Runs `compiled` on a fresh instance of an already built `model` of this configuration.
    public func run(_ compiled: CompiledProgram, on model: VerilatorModel) throws -> Outcome {
        let simulator = try model.makeSimulator()
        let path = try trace.map { try simulator.startTrace(to: $0) }
        let scoreboard = try RTLBackend.scoreboard(compiled, config: config)
        scoreboard.stopsRun = false
        let start = Date()
        let run = try AcceleratorHarness(simulator, config: config).run(compiled.program, dram: compiled.dram, profile: profile,
                                                                        scoreboard: scoreboard)
        let seconds = Date().timeIntervalSince(start)
        if path != nil { try simulator.stopTrace() }
        return Outcome(run: run, mismatch: scoreboard.firstMismatch, tracePath: path, build: model.build, seconds: seconds)
    }

    /// A layer compiled by the tiler and run on `model`, its final DRAM also checked against the
    /// reference kernels: `failure` is the first wrong write, or the reference's difference, or nil.
    public func run(_ layer: RegressionLayer, on model: VerilatorModel) throws
        -> (outcome: Outcome, compiled: CompiledProgram, failure: String?) {
        let compiled = try layer.compile(for: config)
        let outcome = try run(compiled, on: model)
        let expected = DRAMComparison.expectedImage(compiled, output: try layer.reference())
        let failure = outcome.mismatch.map(\.description)
            ?? DRAMComparison.difference(expected: expected, actual: outcome.run.dram, layout: compiled.layout)
        return (outcome, compiled, failure)
    }
}
