import ArgumentParser
import Foundation
import SerranoSim

/// `serrano fuzz`: random circuits on the IR interpreter and on Verilator, compared cycle by
/// cycle. Exit 1 on the first batch with a mismatch (its Verilog is kept), 0 when all agree.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Differential fuzzing: the IR interpreter against Verilator.")

    @Option(help: "How many random circuits to run.")
    var count: Int = 200

    @Option(help: "The seed (default: random; printed so a run can be replayed).")
    var seed: UInt64?

    @Option(help: "The first circuit's index (replay one circuit: --from 465 --count 1).")
    var from: Int = 0

    @Option(help: "Clock cycles per circuit.")
    var cycles: Int = 1000

    @Option(name: .customLong("per-build"), help: "Circuits side by side in one Verilator build.")
    var perBuild: Int = 50

    @Option(help: "Where the Verilog goes (kept for failing batches).")
    var out: String = ".build/fuzz"

    @Option(name: .customLong("verilator-flag"), help: "An extra Verilator argument (repeat for several), e.g. -fno-dfg.")
    var verilatorFlags: [String] = []

    @Option(name: .customLong("max-seconds"), help: "Stop after the batch that passes this many seconds (0: no limit).")
    var maxSeconds: Double = 0

    func run() throws {
        guard from >= 0 else { throw UsageFailure("--from must not be negative (got \(from))") }
        guard count >= 1 else { throw UsageFailure("--count must be at least 1 (got \(count))") }
        guard cycles >= 1 else { throw UsageFailure("--cycles must be at least 1 (got \(cycles))") }
        guard (1...500).contains(perBuild) else { throw UsageFailure("--per-build must be 1…500 (got \(perBuild))") }
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
                print("fuzz: batch \(batch + 1)/\(batches) could not run: \(error)")
                throw ExitCode(2)
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
}
