import ArgumentParser
import Foundation
import GoldenModel
import Serrano
import SerranoExamples
import SerranoSim
import SerranoVerilog

/// `serrano demo`: what `make demo` shows a new user — generate the example designs, lint
/// them, run a matrix product on the systolic array in Verilator and check it bit for bit
/// against the golden model.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate, lint and simulate the example designs; check the systolic array against the golden model.",
        discussion: OutputHelp.text)

    @Option(help: "The folder the example Verilog goes to.")
    var out: String = "rtl"

    @Option(parsing: .unconditional, help: "Activation vectors streamed through the 16×16 array (1...100000).")
    var vectors: Int = 2048

    @Option(parsing: .unconditional, help: "Seed of the random int8 matrices (default: random, printed).")
    var seed: UInt64?

    func validate() throws {
        guard (1...100_000).contains(vectors) else { throw ValidationError("--vectors must be between 1 and 100000") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: out)
        for entry in Examples.all {
            print(try RTLGeneration.generate(entry, into: root.appendingPathComponent(entry.name)).summary)
        }
        try lint(root)
        try runSystolicArray(root: root)
    }

    private func lint(_ root: URL) throws {
        let start = Date()
        let units = try LintUnit.discover(in: root)
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

    private func runSystolicArray(root: URL) throws {
        let size = 16
        let folder = root.appendingPathComponent("systolic\(size)x\(size)")
        let top = "SystolicArray_\(size)x\(size)"
        let toolchain = try VerilatorToolchain.detect()
        let buildStart = Date()
        let options = VerilatorOptions()
        let model = try VerilatorModel.build(VerilogSources(top: top, fileList: folder.appendingPathComponent("\(top).f")), options: options)
        let launcher: String = model.build.compilerLauncher.map { "; compiled through \($0)" } ?? ""
        print(String(format: "build    %@ with %@ (%@) in %.1f s%@", top, toolchain.versionLine, "\(options.compiler)",
                     Date().timeIntervalSince(buildStart), model.build.cacheHit ? " (cached)" : " (cached for next time\(launcher))"))

        let seed = self.seed ?? UInt64.random(in: 0...999_999)
        var generator = SeededRandom(seed: seed)
        let activations = (0..<vectors).map { _ in (0..<size).map { _ in Int8(truncatingIfNeeded: generator.next()) } }
        let weights = (0..<size).map { _ in (0..<size).map { _ in Int8(truncatingIfNeeded: generator.next()) } }

        let driver = try SystolicArrayDriver(try model.makeSimulator(), rows: size, columns: size)
        let runStart = Date()
        let sums = try driver.multiply(activations, weights)
        let seconds = Date().timeIntervalSince(runStart)
        let cycles = driver.cycles(vectors: vectors)
        print(String(format: "run      GEMM %d×%d · %d×%d int8 → int32 on Verilator: %d cycles in %.3f s, %@ cycles/s (seed %llu)",
                     vectors, size, size, size, cycles, seconds, Int(Double(cycles) / max(seconds, 1e-9)).formatted(), seed))

        // A second instance of the same model records the waveform (tracing costs speed).
        let traced = try model.makeSimulator()
        let trace = try traced.startTrace(to: "demo-\(top).fst")
        let tracedSums = try SystolicArrayDriver(traced, rows: size, columns: size).multiply(activations, weights)
        try traced.stopTrace()
        guard tracedSums == sums else {
            print("run      ✗ the traced run differs from the untraced one")
            throw ExitCode(1)
        }

        let expected = try ReferenceKernels.gemm(
            Tensor(rows: vectors, columns: size, activations.flatMap { $0 }),
            Tensor(rows: size, columns: size, weights.flatMap { $0 }))
        let actual = sums.flatMap { $0 }
        let wrong = zip(actual, expected.elements).enumerated().filter { $0.element.0 != $0.element.1 }
        if let first = wrong.first {
            let row = first.offset / size, column = first.offset % size
            print("check    ✗ \(wrong.count) of \(actual.count) outputs differ from the golden model; first: C[\(row)][\(column)] = \(first.element.0), expected \(first.element.1) (replay: serrano demo --seed \(seed))")
            throw ExitCode(1)
        }
        print("check    bit-exact against the golden model ✓ (\(actual.count.formatted()) outputs)")
        try runOnInterpreter(top: top, size: size, activations: activations, weights: weights, verilator: sums)
        print("waves    trace written to \(Self.display(trace)) · view: gtkwave \(Self.display(trace))")
    }

    /// The same product on the Swift IR interpreter: no build step, same answers.
    private func runOnInterpreter(top: String, size: Int, activations: [[Int8]], weights: [[Int8]], verilator: [[Int32]]) throws {
        let design: Design
        switch Examples.named("systolic\(size)x\(size)")?.elaborate() {
        case .success(let elaborated)?: design = elaborated
        case .failure(let error)?: throw UsageFailure("\(error)")
        case nil: throw UsageFailure("no systolic\(size)x\(size) example")
        }
        let interpreter = try IRInterpreter(design: design)
        let driver = try SystolicArrayDriver(interpreter, rows: size, columns: size)
        let start = Date()
        let sums = try driver.multiply(activations, weights)
        let seconds = Date().timeIntervalSince(start)
        let cycles = driver.cycles(vectors: activations.count)
        guard sums == verilator else {
            print("run      ✗ the IR interpreter's results differ from Verilator's")
            throw ExitCode(1)
        }
        print(String(format: "run      the same on the Swift IR interpreter: identical ✓ (%d cycles in %.2f s, %@ cycles/s)",
                     cycles, seconds, Int(Double(cycles) / max(seconds, 1e-9)).formatted()))
    }

    /// A path relative to the working directory when it is below it.
    static func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
