import Accelerator
import Foundation
import GoldenModel
import Serrano
import SerranoSim

/// The accelerator on the Swift IR interpreter as a regression backend: no Verilator build,
/// slower per cycle — for small configurations, quick mutation checks and machines without a
/// C++ toolchain. Back-pressure follows `RTLBackend`'s seeding, so both see the same stalls.
public final class InterpreterBackend: RegressionBackend, @unchecked Sendable {
    public static let name = "interpreter"
    public var name: String { Self.name }

    let profileSource: RTLBackend
    public let mutation: Mutation?
    public let cycleLimit: UInt64
    private let lock = NSLock()
    private var designs: [AcceleratorConfig: LegalDesign] = [:]
    /// The cover points of every case run so far, summed.
    public let coverage = CoverageTally()
    /// Cycles, MACs and simulation time per configuration, summed.
    public let simulation = SimulationTally()

    public init(profile: DRAMProfile = DRAMProfile(), mutation: Mutation? = nil, randomBackPressure: Bool = false,
                cycleLimit: UInt64 = 50_000_000) {
        self.profileSource = RTLBackend(profile: profile, randomBackPressure: randomBackPressure)
        self.mutation = mutation
        self.cycleLimit = cycleLimit
    }

    func design(for config: AcceleratorConfig) throws -> LegalDesign {
        lock.lock()
        defer { lock.unlock() }
        if let design = designs[config] { return design }
        let design = try Accelerator.elaborate(config, mutation: mutation)
        designs[config] = design
        return design
    }

    public func run(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> AcceleratorRun {
        let design = try design(for: config)
        let simulator = try IRInterpreter(design: design)
        let paths = CoverageTally.paths(of: design)
        let profile = profileSource.profile(for: compiled)
        let checks = try RTLBackend.checks(compiled, config: config, profile: profile)
        let start = Date()
        let run = try AcceleratorHarness(simulator, config: config)
            .run(compiled.program, dram: compiled.dram, profile: profile, cycleLimit: min(cycleLimit, checks.cycleLimit),
                 scoreboard: checks.scoreboard, coverPaths: paths)
        coverage.add(run.covers, paths: paths)
        simulation.add(run, config: config, seconds: Date().timeIntervalSince(start))
        return run
    }

    public func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
        try run(compiled, config: config).dram
    }
}

extension InterpreterBackend {
    /// The chip on the IR interpreter in a registry.
    public static let entry = RegressionBackendEntry(name: name, runsTheChip: true) { settings in
        InterpreterBackend(profile: settings.profile, mutation: settings.mutation, randomBackPressure: settings.randomBackPressure)
    }
}
