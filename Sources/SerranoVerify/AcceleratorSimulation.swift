import Accelerator
import Foundation
import GoldenModel
import Serrano
import SerranoSim
import SerranoVerilator
import SerranoVerilog

/// Builds simulations of the accelerator for a configuration, on either backend.
public enum AcceleratorSimulation {
    /// The Verilator model of `config`'s generated Verilog (cached across runs by its content).
    public static func verilatorModel(_ config: AcceleratorConfig, mutation: Mutation? = nil,
                                      options: VerilatorOptions = VerilatorOptions()) throws -> VerilatorModel {
        let design = try Accelerator.elaborate(config, mutation: mutation)
        let files = try VerilogPrinter.print(design)
        return try verilatorModel(files: files, options: options)
    }

    /// The Verilator model of already printed files (for example a folder given by the user).
    public static func verilatorModel(files: [GeneratedFile], options: VerilatorOptions = VerilatorOptions()) throws -> VerilatorModel {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-accelerator-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try files.write(to: folder)
        let verilog = files.map(\.name).filter { $0.hasSuffix(".v") }.sorted().map { folder.appendingPathComponent($0) }
        return try VerilatorModel.build(VerilogSources(top: "Accelerator", files: verilog), options: options)
    }

    /// The Swift IR interpreter running `config`'s design (no build step).
    public static func interpreter(_ config: AcceleratorConfig, mutation: Mutation? = nil) throws -> IRInterpreter {
        try IRInterpreter(design: Accelerator.elaborate(config, mutation: mutation))
    }
}
