import ArgumentParser
import Foundation
import SerranoFiles
import SerranoSim
import SerranoVerilator
import SerranoVerify
import SerranoVerilog
import SerranoSupport

/// `serrano fuzz`: random circuits on the IR interpreter and on Verilator, compared cycle by
/// cycle. Exit 1 on the first batch with a mismatch (its Verilog is kept), 0 when all agree.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Differential fuzzing: the IR interpreter against Verilator.",
        discussion: OutputHelp.text)

    @Option(parsing: .unconditional, help: "How many random circuits to run (1...\(Limits.count)).")
    var count: Int = 200

    @Option(parsing: .unconditional, help: "The seed (default: random; printed so a run can be replayed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "The first circuit's index (replay one circuit: --from 465 --count 1).")
    var from: Int = 0

    @Option(parsing: .unconditional, help: "Clock cycles per circuit (1...\(Limits.cycles)).")
    var cycles: Int = 1000

    @Option(name: .customLong("per-build"), parsing: .unconditional, help: "Circuits side by side in one Verilator build (1...500).")
    var perBuild: Int = 50

    @Option(help: "Where the Verilog goes (kept for failing batches).")
    var out: String = ".build/fuzz"

    @Option(name: .customLong("verilator-flag"), parsing: .unconditionalSingleValue,
            help: "An extra Verilator argument (repeat for several), e.g. --verilator-flag -fno-dfg.")
    var verilatorFlags: [String] = []

    @Option(name: .customLong("max-seconds"), parsing: .unconditional, help: "Stop after the batch that passes this many seconds (0: no limit).")
    var maxSeconds: Double = 0

    /// The ranges every number is checked against before any arithmetic.
    enum Limits {
        static let count = 1_000_000_000
        /// Circuit indices stay below 2^53, so `from + count` and every batch bound are exact.
        static let lastIndex = 1 << 53
        static let cycles = 1_000_000_000
        static let seconds = 1e9
    }

    /// Checks every number before it is used; a bad one is a usage error (exit 2).
    func validated() throws {
        guard (0...Limits.lastIndex).contains(from) else { throw UsageFailure("serrano fuzz: --from must be in 0...\(Limits.lastIndex), found \(from)") }
        guard (1...Limits.count).contains(count) else { throw UsageFailure("serrano fuzz: --count must be in 1...\(Limits.count), found \(count)") }
        guard from + count <= Limits.lastIndex else {
            throw UsageFailure("serrano fuzz: --from + --count must be at most \(Limits.lastIndex), found \(from) + \(count)")
        }
        guard (1...Limits.cycles).contains(cycles) else { throw UsageFailure("serrano fuzz: --cycles must be in 1...\(Limits.cycles), found \(cycles)") }
        guard (1...500).contains(perBuild) else { throw UsageFailure("serrano fuzz: --per-build must be in 1...500, found \(perBuild)") }
        guard maxSeconds.isFinite, (0...Limits.seconds).contains(maxSeconds) else {
            throw UsageFailure("serrano fuzz: --max-seconds must be in 0...\(Int(Limits.seconds)), found \(maxSeconds)")
        }
    }

    func run() throws {
        try validated()
        try checkVerilatorFlags()
        let seed = self.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        let directory = URL(fileURLWithPath: out)
        // Every batch's model is new: keep them out of the shared cache and drop each after use.
        let models = directory.appendingPathComponent("models")
        let cache = ModelCache(directory: models, runtimeDirectory: ModelCache.standard.runtimeDirectory)
        print("fuzz: seed \(seed), \(count) circuits × \(cycles) cycles, \(perBuild) per Verilator build (replay: serrano fuzz --count \(count) --seed \(seed)\(from > 0 ? " --from \(from)" : ""))")
        let start = Date()
        var done = 0
        var buildSeconds = 0.0, runSeconds = 0.0
        let batches = (count + perBuild - 1) / perBuild
        for batch in 0..<batches {
            if maxSeconds > 0, Date().timeIntervalSince(start) > maxSeconds {
                print("fuzz: time limit of \(Int(maxSeconds)) s reached after \(done) of \(count) circuits")
                break
            }
            let circuits = (from + batch * perBuild)..<(from + min(count, (batch + 1) * perBuild))
            let outcome: DifferentialBatch.Outcome
            do {
                var run = DifferentialBatch(seed: seed, circuits: circuits, cycles: cycles, workDirectory: directory, cache: cache)
                run.options.verilatorFlags += verilatorFlags
                outcome = try run.run()
            } catch VerilatorBuildError.toolFailed(let failure) {
                // Verilator or the compiler rejected the printed Verilog: a finding, like a mismatch.
                print("fuzz: batch \(batch + 1)/\(batches): Verilator rejected the printed Verilog (kept in \(directory.path)): \(failure.headline)")
                print("fuzz: FAILED; replay: serrano fuzz --count \(count) --seed \(seed) --from \(from)")
                throw ExitCode(1)
            } catch let error as DifferentialError {
                print("fuzz: batch \(batch + 1)/\(batches): \(error)")
                throw ExitCode(1)
            } catch {
                throw UsageFailure("fuzz: batch \(batch + 1)/\(batches) could not run: \(error)")
            }
            done += circuits.count
            if outcome.mismatches.isEmpty { try? FileManager.default.removeItem(at: models) }
            buildSeconds += outcome.buildSeconds
            runSeconds += outcome.runSeconds
            let build = outcome.cacheHit ? "cached" : String(format: "%.1f s", outcome.buildSeconds)
            print(String(format: "fuzz: batch %d/%d: circuits %d…%d, build %@, run %.2f s, %@",
                         batch + 1, batches, circuits.lowerBound, circuits.upperBound - 1, build, outcome.runSeconds,
                         outcome.mismatches.isEmpty ? "agree" : "MISMATCH"))
            fflush(stdout)  // progress shows up at once when the output is a file or a pipe
            if !outcome.mismatches.isEmpty {
                for mismatch in outcome.mismatches { print(mismatch) }
                let culprit = outcome.mismatches.first?.circuit.map { " (that circuit alone, other stimulus: serrano fuzz --seed \(seed) --from \($0) --count 1)" } ?? ""
                print("fuzz: FAILED after \(done) circuits; replay: serrano fuzz --count \(count) --seed \(seed) --from \(from)\(culprit)")
                throw ExitCode(1)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "fuzz: %d circuits × %d cycles agree (seed %llu): %.1f s total, %.1f s building, %.1f s running, %.1f circuits/s",
                     done, cycles, seed, seconds, buildSeconds, runSeconds, Double(done) / max(seconds, 1e-9)))
    }

    /// Runs Verilator once with the user's `--verilator-flag`s on a one-line module, so a flag
    /// Verilator rejects is blamed on the flag (exit 2), not on the printed Verilog.
    private func checkVerilatorFlags() throws {
        guard !verilatorFlags.isEmpty else { return }
        guard let verilator = ToolProcess.find("verilator") else { throw UsageFailure("serrano fuzz: \(VerilatorBuildError.verilatorMissing)") }
        let folder = URL(fileURLWithPath: out).appendingPathComponent("flag-check")
        let source = folder.appendingPathComponent("FlagCheck.v")
        do {
            try OutputFile.createDirectory(folder.path)
            try OutputFile.write("module FlagCheck(input wire a, output wire y);\n  assign y = a;\nendmodule\n", to: source.path)
        } catch let error as OutputFileError { throw UsageFailure("serrano fuzz: \(error)") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ToolProcess.run(verilator, ["--lint-only", "-Wall"] + verilatorFlags + [source.path], in: folder)
        guard result.status != 0 else { return }
        let firstError = result.output.split(separator: "\n").first { $0.contains("%Error") }.map(String.init)
            ?? result.output.split(separator: "\n").first.map(String.init) ?? "exit \(result.status)"
        let flags = verilatorFlags.map { "--verilator-flag \($0)" }.joined(separator: " ")
        throw UsageFailure("serrano fuzz: Verilator rejects \(flags): \(firstError)")
    }
}
