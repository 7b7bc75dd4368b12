import ArgumentParser
import Foundation
import GoldenModel
import Serrano
import SerranoExamples
import SerranoSim
import SerranoVerilator
import SerranoVerify
import SerranoVerilog

/// `serrano demo`: what `make demo` shows a new user — generate the accelerator (default
/// configuration) and the example designs, lint them, then run a 2-layer quantized MLP on the
/// Verilated accelerator and check every output bit for bit against the golden model.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate and lint the accelerator and the examples; run a quantized MLP on the accelerator in Verilator against the golden model.",
        discussion: OutputHelp.text)

    @Option(help: "The folder the Verilog goes to.")
    var out: String = "rtl"

    @Option(parsing: .unconditional, help: "MLP batch size (1...4096).")
    var batch: Int = 64

    @Option(parsing: .unconditional, help: "Seed of the weights and inputs (default: random, printed).")
    var seed: UInt64?

    func validate() throws {
        guard (1...4096).contains(batch) else { throw ValidationError("--batch must be between 1 and 4096") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: out)
        let config = AcceleratorConfig.default
        let start = Date()
        let files: [GeneratedFile]
        do { files = try AcceleratorRTL.files(config) } catch { throw UsageFailure("serrano demo: \(error)") }
        let generated = try RTLGeneration.write("default", files: files, into: root.appendingPathComponent("default"), since: start)
        print(generated.summary + " · \(config)")
        var linted: [URL] = [root.appendingPathComponent("default")]
        for entry in Examples.all {
            print(try RTLGeneration.generate(entry, into: root.appendingPathComponent(entry.name)).summary)
            linted.append(root.appendingPathComponent(entry.name))
        }
        try lint(linted)
        try runMLP(config: config)
    }

    private func runMLP(config: AcceleratorConfig) throws {
        let buildStart = Date()
        var options = VerilatorOptions()
        options.trace = .fst
        let model = try AcceleratorSimulation.verilatorModel(config, options: options)
        let toolchain = try VerilatorToolchain.detect()
        let note = model.build.cacheHit ? " (cached)" : " (cached for next time)"
        print(String(format: "build    the accelerator with %@ (%@) in %.1f s%@%@", toolchain.versionLine, "\(options.compiler)",
                     Date().timeIntervalSince(buildStart), note, model.build.compilerLauncher.map { ", through \($0)" } ?? ""))
        let seed = self.seed ?? UInt64.random(in: 0...999_999)
        let profile = DRAMProfile(latency: 50, bytesPerCycle: 16)
        let workload = MLPWorkload(batch: batch, seed: seed)
        print("run      2-layer int8 MLP (batch \(batch): \(workload.widths.map(String.init).joined(separator: "→"))) on Verilator, \(profile), seed \(seed)")
        let (layers, trace) = try workload.run(on: model, config: config, profile: profile, trace: "demo-mlp.fst")
        var failed = false
        for layer in layers {
            let rate = Int(Double(layer.simulatedCycles) / max(layer.seconds, 1e-9))
            print("         \(layer.name): \(layer.counters) · \(rate.formatted()) cycles/s simulated")
            if let failure = layer.failure {
                print("check    ✗ \(layer.name): \(failure) (replay: serrano demo --seed \(seed))")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
        let outputs = layers.reduce(0) { $0 + $1.outputs }
        print("check    bit-exact against the golden model ✓ (\(outputs.formatted()) outputs, every DRAM write checked as it happened)")
        if let trace { print("waves    last layer's trace: \(Self.display(trace)) · view: gtkwave \(Self.display(trace))") }
    }

    private func lint(_ folders: [URL]) throws {
        let start = Date()
        let units = try folders.flatMap { try LintUnit.discover(in: $0) }
        var findings: [String] = []
        for unit in units {
            for report in try VerilogChecks.all(files: unit.files, top: unit.top) {
                findings += report.findings.map(\.description)
            }
        }
        let summary = String(format: "lint     %d designs: verilator -Wall, yosys (no latches), iverilog — %@ (%.1f s)",
                             units.count, findings.isEmpty ? "clean" : "\(findings.count) findings", Date().timeIntervalSince(start))
        print(summary)
        if !findings.isEmpty {
            findings.forEach { print("         \($0)") }
            throw ExitCode(1)
        }
    }

    /// A path relative to the working directory when it is below it.
    static func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
