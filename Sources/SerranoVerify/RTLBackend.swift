import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerilator

/// The Verilated accelerator as a regression backend: each configuration's model is built (or
/// found in the cache) once, and every case runs on a fresh instance of it through the
/// `AcceleratorHarness`, against a `DRAMModel` with the given profile.
///
/// With `randomBackPressure`, each case gets back-pressure on both DRAM channels seeded from its
/// program, so the same case always sees the same stalls.
public final class RTLBackend: RegressionBackend, @unchecked Sendable {
    public static let name = "rtl"
    public var name: String { Self.name }

    public let profile: DRAMProfile
    public let randomBackPressure: Bool
    public let options: VerilatorOptions
    /// A deliberate bug built into every model (mutation testing); nil for the real chip.
    public let mutation: Mutation?
    /// Verilog to simulate instead of generating it (`serrano verify --rtl DIR`): the files of
    /// one configuration, top module `Accelerator`.
    public let verilog: [URL]?
    private let lock = NSLock()
    private var models: [AcceleratorConfig: VerilatorModel] = [:]
    private var coverPathsByConfig: [AcceleratorConfig: [String]] = [:]
    /// The cover points of every case run so far, summed.
    public let coverage = CoverageTally()
    /// Cycles, MACs and simulation time per configuration, summed.
    public let simulation = SimulationTally()

    public init(profile: DRAMProfile = DRAMProfile(), randomBackPressure: Bool = false, options: VerilatorOptions = VerilatorOptions(),
                mutation: Mutation? = nil, verilog: [URL]? = nil) {
        self.mutation = mutation
        self.verilog = verilog
        self.profile = profile
        self.randomBackPressure = randomBackPressure
        self.options = options
    }

    /// The loaded model of `config`, built by the first caller that asks; `tracing` builds the
    /// variant that can write an FST (for failure artifacts).
    public func model(for config: AcceleratorConfig, tracing: Bool = false) throws -> VerilatorModel {
        if tracing {
            var options = self.options
            options.trace = .fst
            return try build(config, options: options)
        }
        lock.lock()
        if let model = models[config] {
            lock.unlock()
            return model
        }
        lock.unlock()
        // ModelCache locks per entry across threads and processes, so concurrent first calls build once.
        let model = try build(config, options: options)
        lock.lock()
        defer { lock.unlock() }
        if let existing = models[config] { return existing }
        models[config] = model
        return model
    }

    /// The model of the given Verilog (`--rtl`), or of the generated chip.
    private func build(_ config: AcceleratorConfig, options: VerilatorOptions) throws -> VerilatorModel {
        if let verilog {
            return try VerilatorModel.build(VerilogSources(top: "Accelerator", files: verilog), options: Self.foreignVerilogOptions(options))
        }
        return try AcceleratorSimulation.verilatorModel(config, mutation: mutation, options: options)
    }

    /// The options for Verilog that did not come from the generator (`--rtl`): every Verilator
    /// optimisation that differential fuzzing caught miscompiling is off, gate optimisation
    /// included. Verilator 5.006's V3Gate miscompiles Yosys's gate-level netlist of `tiny`: the
    /// DRAM arbiter's read counter (`readsInFlight`) goes from 0 to 127 on the first accepted
    /// request and every case hangs, while the same netlist with `-fno-gate` passes. The
    /// generated RTL keeps gate optimisation (3× faster; fuzzing keeps checking it).
    public static func foreignVerilogOptions(_ options: VerilatorOptions) -> VerilatorOptions {
        var options = options
        for flag in VerilatorOptions.conservativeOptimizationFlags where !options.verilatorFlags.contains(flag) {
            options.verilatorFlags.append(flag)
        }
        return options
    }

    /// The DRAM profile of one case.
    public func profile(for compiled: CompiledProgram) -> DRAMProfile {
        guard randomBackPressure else { return profile }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for instruction in compiled.program {
            if let word = try? instruction.encoded() {
                for part in [word.low, word.high] { hash = (hash ^ part) &* 0x100_0000_01b3 }
            }
        }
        var profile = self.profile
        profile.seed = hash
        profile.requestStallPercent = Int(hash % 40)
        profile.responseStallPercent = Int((hash >> 8) % 40)
        return profile
    }

    /// Runs a case with the scoreboard checking every write against the golden model, and a
    /// cycle limit from the work the program does, so a hang ends in seconds.
    public func run(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> AcceleratorRun {
        let profile = profile(for: compiled)
        let checks = try Self.checks(compiled, config: config, profile: profile)
        let start = Date()
        let run = try run(compiled.program, dram: compiled.dram, config: config, profile: profile,
                          cycleLimit: checks.cycleLimit, scoreboard: checks.scoreboard)
        simulation.add(run, config: config, seconds: Date().timeIntervalSince(start))
        return run
    }

    /// Runs `program` against `dram` on a fresh instance of `config`'s model and adds its cover
    /// counts to `coverage` (the regression's cases and the directed cover programs alike).
    public func run(_ program: [Instruction], dram: [UInt8], config: AcceleratorConfig, profile: DRAMProfile = DRAMProfile(),
                    cycleLimit: UInt64, scoreboard: DRAMScoreboard? = nil) throws -> AcceleratorRun {
        let simulator = try model(for: config).makeSimulator()
        let paths = try coverPaths(for: config)
        let run = try AcceleratorHarness(simulator, config: config).run(program, dram: dram, profile: profile, cycleLimit: cycleLimit,
                                                                       scoreboard: scoreboard, coverPaths: paths)
        coverage.add(run.covers, paths: paths)
        return run
    }

    /// The chip's cover points for `config` (those of the generated design; a `--rtl` folder
    /// is read for the same names, and a netlist without covers simply has none).
    public func coverPaths(for config: AcceleratorConfig) throws -> [String] {
        lock.lock()
        if let paths = coverPathsByConfig[config] {
            lock.unlock()
            return paths
        }
        lock.unlock()
        let paths = CoverageTally.paths(of: try Accelerator.elaborate(config, mutation: mutation))
        lock.lock()
        defer { lock.unlock() }
        coverPathsByConfig[config] = paths
        return paths
    }

    /// What a run is held to, from one golden-model run of `compiled`: the scoreboard of its
    /// predicted writes, and a cycle limit of twenty times the cycles the program's work needs at
    /// the slowest (array slots, DRAM beats at the profile's bandwidth under back-pressure, and
    /// DRAM latency per instruction) plus 100,000 — what a correct chip never reaches and a hung
    /// one reaches quickly.
    public static func checks(_ compiled: CompiledProgram, config: AcceleratorConfig, profile: DRAMProfile) throws
        -> (scoreboard: DRAMScoreboard, cycleLimit: UInt64) {
        let golden = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram)
        let statistics = golden.statistics
        let beatCycles = max(1, config.dramBusBytes / max(1, profile.bytesPerCycle))
        let work = statistics.arrayMACSlots / max(1, config.rows * config.columns) + statistics.dramBeats * beatCycles * 2
            + statistics.instructions * (profile.latency + config.rows + config.columns)
        let scoreboard = DRAMScoreboard(expected: golden.dram, program: compiled.program, output: compiled.layout.output)
        return (scoreboard, UInt64(min(work, Int(UInt32.max))) * 20 + 100_000)
    }

    /// A scoreboard holding the golden model's prediction of `compiled`'s writes.
    public static func scoreboard(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> DRAMScoreboard {
        try checks(compiled, config: config, profile: DRAMProfile()).scoreboard
    }

    public func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
        try run(compiled, config: config).dram
    }

    /// The configurations the RTL regression draws from: the named ones the generator builds.
    public static let configurations: [RegressionConfiguration] = AcceleratorConfig.named
        .filter { HardwareLimits.problems($0.config).isEmpty }
        .map { RegressionConfiguration(name: $0.name, config: $0.config) }
}

extension RTLBackend {
    /// The Verilated chip in a registry.
    public static let entry = RegressionBackendEntry(name: name, runsTheChip: true) { settings in
        RTLBackend(profile: settings.profile, randomBackPressure: settings.randomBackPressure, mutation: settings.mutation, verilog: settings.verilog)
    }
}
