import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import SerranoVerilog

/// What an architect decides with, for one configuration: area (Yosys), speed on the layer suite
/// (the Verilated RTL, against the roofline) and energy (the RTL's counters × the energy table).
public struct ArchitectureReport: Codable, Equatable, Sendable {
    public var configName: String
    public var config: ConfigSummary
    public var clockMHz: Double
    public var dram: DRAMSummary
    public var suite: String
    /// nil when area was not asked for.
    public var area: AreaReport?
    public var layers: [LayerResult]
    public var workloads: [WorkloadResult]
    public var energyTable: EnergyTable
    /// The whole suite, each layer once: pJ per useful MAC and the shares of its energy.
    public var picojoulesPerMAC: Double
    public var energyShares: EnergyShares

    public struct ConfigSummary: Codable, Equatable, Sendable {
        public var rows: Int, columns: Int
        public var scratchpadBytes: Int, scratchpadBanks: Int
        public var accumulatorBytes: Int, accumulatorBanks: Int
        public var dramBusBytes: Int
        public var description: String

        init(_ config: AcceleratorConfig) {
            (rows, columns) = (config.rows, config.columns)
            (scratchpadBytes, scratchpadBanks) = (config.scratchpadBytes, config.scratchpadBanks)
            (accumulatorBytes, accumulatorBanks) = (config.accumulatorBytes, config.accumulatorBanks)
            dramBusBytes = config.dramBusBytes
            description = config.description
        }
    }

    public struct DRAMSummary: Codable, Equatable, Sendable {
        public var latencyCycles: Int
        public var bytesPerCycle: Int
        public var maxOutstanding: Int
    }

    /// Fractions of the total energy.
    public struct EnergyShares: Codable, Equatable, Sendable {
        public var dram: Double
        public var sram: Double
        public var arithmetic: Double
        public var registers: Double
        public var requantizer: Double

        init(_ energy: EnergyEstimate) {
            let total = max(energy.total, 1e-12)
            dram = energy.dram / total
            sram = energy.sram / total
            arithmetic = energy.arithmetic / total
            registers = energy.peRegisters / total
            requantizer = energy.requantizer / total
        }
    }

    /// How a report is made.
    public struct Options: Sendable {
        public var suite: LayerSuite
        public var profile: DRAMProfile
        public var table: EnergyTable
        public var clockMHz: Double
        public var synthesizeArea: Bool

        public init(suite: LayerSuite, profile: DRAMProfile, table: EnergyTable = .horowitz45nm, clockMHz: Double = 1000,
                    synthesizeArea: Bool = true) {
            self.suite = suite
            self.profile = profile
            self.table = table
            self.clockMHz = clockMHz
            self.synthesizeArea = synthesizeArea
        }
    }

    /// Why a report could not be made.
    public enum Failure: Error, CustomStringConvertible {
        case unsupported(String)

        public var description: String {
            switch self {
            case .unsupported(let reason): return reason
            }
        }
    }

    /// Builds the Verilator model, runs every layer (each checked bit for bit), synthesizes the
    /// design when asked, and prices it. `progress` gets one line per step.
    public static func measure(_ configName: String, _ config: AcceleratorConfig, options: Options,
                               progress: (String) -> Void = { _ in }) throws -> ArchitectureReport {
        let problems = HardwareLimits.problems(config)
        guard problems.isEmpty else { throw Failure.unsupported("config \(configName) cannot be built: \(problems.joined(separator: "; "))") }
        var area: AreaReport?
        if options.synthesizeArea {
            progress("area     Yosys generic synthesis of \(configName), module by module…")
            area = AreaReport(try synthesize(config))
            if let area {
                progress(String(format: "area     %.0f NAND2-eq in %@ cells (%@ flip-flops), %@ SRAM bits; deepest path %d gates in %@ (%.0f s)",
                                area.totalNAND2Equivalents, area.totalCells.formatted(), area.totalFlipFlops.formatted(),
                                area.sramBits.formatted(), area.longestPath, area.longestPathModule, area.synthesisSeconds))
            }
        }
        progress("build    Verilator model of \(configName)…")
        let buildStart = Date()
        let model = try AcceleratorSimulation.verilatorModel(config)
        progress(String(format: "build    %.1f s%@", Date().timeIntervalSince(buildStart), model.build.cacheHit ? " (cached)" : ""))
        let session = AcceleratorSession(config: config, profile: options.profile)
        var layers: [LayerResult] = []
        for entry in options.suite.entries {
            let (outcome, _, failure) = try session.run(entry.layer, on: model)
            let result = LayerResult(entry: entry, counters: outcome.run.counters, failure: failure, seconds: outcome.seconds,
                                     simulatedCycles: outcome.run.simulatedCycles, bytesPerCycle: options.profile.bytesPerCycle,
                                     table: options.table)
            progress(String(format: "layer    %@: %@ cycles, MAC utilization %.1f %%, %.0f %% of the %@ roofline, DRAM bus %.0f %% busy, %.2f pJ/MAC%@",
                            result.name, result.cycles.formatted(), 100 * result.macUtilization, 100 * result.rooflineFraction,
                            result.boundBy, 100 * result.dramBusUtilization, result.picojoulesPerMAC, failure.map { " ✗ \($0)" } ?? " ✓"))
            layers.append(result)
        }
        let pes = config.rows * config.columns
        let workloads = options.suite.workloads.map { workload in
            WorkloadResult(name: workload.name, description: workload.description, layers: layers.filter { $0.workload == workload.name },
                           pes: pes, clockMHz: options.clockMHz)
        }
        let energy = layers.reduce(EnergyEstimate.zero) { $0 + $1.energy }
        let macs = layers.reduce(UInt64(0)) { $0 + $1.usefulMACs }
        return ArchitectureReport(
            configName: configName, config: ConfigSummary(config), clockMHz: options.clockMHz,
            dram: DRAMSummary(latencyCycles: options.profile.latency, bytesPerCycle: options.profile.bytesPerCycle,
                              maxOutstanding: options.profile.maxOutstanding),
            suite: options.suite.name, area: area, layers: layers, workloads: workloads, energyTable: options.table,
            picojoulesPerMAC: energy.total / Double(max(macs, 1)), energyShares: EnergyShares(energy))
    }

    /// Yosys generic synthesis of the configuration's generated Verilog, SRAMs as black boxes.
    public static func synthesize(_ config: AcceleratorConfig) throws -> SynthesisArea {
        let files = try AcceleratorRTL.files(config)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-report-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try files.write(to: folder)
        let verilog = files.map(\.name).filter { $0.hasSuffix(".v") }.sorted()
        let macros = verilog.filter { $0.hasPrefix("serrano_sram_") }
        return try SynthesisArea.measure(files: verilog.filter { !macros.contains($0) }.map { folder.appendingPathComponent($0).path },
                                         macros: macros.map { folder.appendingPathComponent($0).path }, top: "Accelerator")
    }

    /// True when every layer matched the golden model bit for bit.
    public var passed: Bool { layers.allSatisfy { $0.failure == nil } }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
