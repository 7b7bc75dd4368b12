import Accelerator
import Foundation
import GoldenModel
import SerranoVerify
import SerranoVerilator
import Testing

/// `serrano verify --rtl DIR`: a folder of Verilog that did not come from the generator runs the
/// same suite, told its configuration by the folder's `config.json`.
@Suite struct VerilogFolderTests {
    static let tiny = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rtl").appendingPathComponent("tiny")

    @Test func aFolderSaysItsConfigurationThroughConfigJSON() throws {
        let folder = try VerilogFolder(path: Self.tiny.path)
        #expect(folder.config == AcceleratorConfig.tiny)
        #expect(folder.files.contains { $0.lastPathComponent == "Accelerator.v" })
        #expect(folder.files.allSatisfy { $0.pathExtension == "v" })
    }

    @Test func badFoldersAreOneSentenceNamingTheFolder() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(throws: ConfigFileError("--rtl \(scratch.path) holds no .v files")) { try VerilogFolder(path: scratch.path) }
        try Data("module Accelerator; endmodule\n".utf8).write(to: scratch.appendingPathComponent("Accelerator.v"))
        #expect(throws: ConfigFileError("--rtl \(scratch.path) has no config.json: say which configuration it implements with --config")) {
            try VerilogFolder(path: scratch.path)
        }
        let file = scratch.appendingPathComponent("Accelerator.v").path
        #expect(throws: ConfigFileError("--rtl \(file) is not a folder")) { try VerilogFolder(path: file) }
    }

    /// Verilator 5.006's gate optimisation miscompiles Yosys's netlist of `tiny` (every case
    /// hangs, the read counter wrapping to 127 on the first request): Verilog from outside the
    /// generator is built with every optimisation fuzzing caught miscompiling turned off.
    @Test func foreignVerilogIsBuiltWithoutTheOptimisationsFuzzingCaught() {
        var options = VerilatorOptions()
        options.verilatorFlags.append("-Wno-WIDTH")
        let foreign = RTLBackend.foreignVerilogOptions(options)
        for flag in VerilatorOptions.conservativeOptimizationFlags { #expect(foreign.verilatorFlags.filter { $0 == flag }.count == 1) }
        #expect(foreign.verilatorFlags.contains("-Wno-WIDTH"))
        #expect(VerilatorOptions().verilatorFlags.contains("-fno-gate") == false, "the generated chip keeps gate optimisation")
    }

    /// The committed `rtl/tiny/`, read back as a folder, passes the random layers the generated
    /// chip passes (the gate-level netlist of the same folder runs in `make gate-level`).
    @Test func theCommittedTinyFolderPassesTheRegression() throws {
        let folder = try VerilogFolder(path: Self.tiny.path)
        let generator = RegressionCaseGenerator(seed: 7, maxSteps: 200, maxMACs: 100_000,
                                                configurations: [RegressionConfiguration(name: folder.name, config: folder.config)])
        let runner = RegressionRunner(generator: generator, backend: RTLBackend(randomBackPressure: true, verilog: folder.files))
        let report = runner.run(.cases(12, shard: .all), jobs: 2)
        for result in report.results where !result.passed {
            Issue.record("seed 7 \(result.summary): \(result.outcome) — replay: serrano verify --backend rtl --rtl rtl/tiny --seed 7 --case \(result.index)")
        }
        #expect(report.results.count == 12)
    }
}
