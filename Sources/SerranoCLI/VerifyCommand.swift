import ArgumentParser
import Foundation
import Accelerator
import GoldenModel
import SerranoFiles
import SerranoVerify

/// `serrano verify`: the long regression. Random layers × accelerator configurations, compiled
/// by the tiler, run on a backend and compared bit for bit with the reference kernels.
/// Exit 0 all passed, 1 a case failed, 2 bad flags.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Long regression: random layers × configurations against the reference kernels.",
        discussion: """
        Case I of seed S depends only on (S, I), so `serrano verify --seed S --case I` replays one \
        failure alone. --shard K/N runs the cases with I % N == K - 1, for CI matrices and job arrays.

        \(OutputHelp.text)
        """)

    @Option(parsing: .unconditional, help: "Number of cases (1...1000000000; default 2000, or the suite's).") var cases: Int?
    @Option(help: "smoke (300 cases: before every commit) or nightly (100,000 cases: shard it across machines); with --backend rtl, then the directed programs for the cover points random layers cannot reach.") var suite: String?
    @Option(parsing: .unconditional, help: "Seed (default: random, printed).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Run shard K of N (K counted from 1): the cases I with I % N == K - 1.") var shard: String?
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "Replay one case (needs --seed).") var caseIndex: Int?
    @Option(help: "golden (the ISA-level model), rtl (the Verilated accelerator) or interpreter (the accelerator on the IR interpreter).")
    var backend: String = GoldenBackend.name
    @Option(name: .customLong("config"), help: "rtl/interpreter: the configurations cases are drawn for, a name or a .json file (may repeat; default: every named one).")
    var configs: [String] = []
    @Flag(inversion: .prefixedNo, help: "rtl/interpreter: seeded random back-pressure on both DRAM channels.") var backPressure = true
    @Option(parsing: .unconditional, help: "rtl/interpreter: DRAM latency in cycles (1...100000).") var dramLatency: Int = 50
    @Option(parsing: .unconditional, help: "rtl/interpreter: DRAM bandwidth in bytes per cycle.") var dramBandwidth: Int = 16
    @Flag(help: "rtl/interpreter: run the cases on each deliberately broken chip (mutation testing) and report which were caught.")
    var mutants = false
    @Option(help: "rtl: where each failing case's folder goes (trace, expected waveform, wave-diff HTML, program, operands, outputs, README with the replay command).")
    var artifacts: String = ".build/serrano-failures"
    @Option(help: "rtl: verify this folder of Verilog (a hand-edited rtl/<config>/, a gate-level netlist) instead of generating it; its config.json says the configuration unless --config does. Verilated with gate optimisation off (Verilator 5.006 miscompiles netlists with it).")
    var rtl: String?
    @Option(parsing: .unconditional, help: "Worker threads, 1...256 (default: every core).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "rtl/interpreter: print every cover point of the chip with its hits over the run, and the ones never hit (a one-line count is always printed).")
    var coverage = false

    /// The backends `--backend` names, and those of them that run the chip.
    static let backends = RegressionBackends.standard
    static let chipBackends = backends.entries.filter(\.runsTheChip).map(\.name)

    func run() throws {
        let selection = try validatedSelection()
        let generator = try caseGenerator()
        if mutants { return try runMutants(selection, generator) }
        let backend = try makeBackend(mutation: nil)
        guard (1...256).contains(jobs) else { throw UsageFailure("serrano verify: --jobs must be in 1...256, found \(jobs)") }
        if let junit { try checkWritable(junit) }
        let seed = self.seed ?? UInt64.random(in: 1...999_999_999)
        print("serrano verify: \(selection), seed \(seed) (replay with --seed \(seed)), backend \(backend.name), \(jobs) job(s)")
        fflush(stdout)

        let progress = ProgressLine(interactive: isatty(STDOUT_FILENO) == 1, seed: seed, backend: backend.name, replayFlags: replayFlags)
        var runner = RegressionRunner(generator: generator, backend: backend)
        runner.generator.seed = seed
        var report = runner.run(selection, jobs: jobs) { progress.update($0) }
        report.replayFlags = replayFlags
        progress.finish()

        if let junit {
            do { try OutputFile.write(JUnitXML.document(for: report), to: junit) } catch let error as OutputFileError {
                throw UsageFailure("serrano verify: \(error)")
            }
        }
        for line in report.summaryLines() { print(line) }
        if let tally = (backend as? RTLBackend)?.simulation ?? (backend as? InterpreterBackend)?.simulation {
            tally.tableLines(configurations: generator.configurations ?? [], results: report.results).forEach { print($0) }
        }
        var directedFailed = false
        if suite != nil, rtl == nil, let rtlBackend = backend as? RTLBackend {
            // A suite's coverage is complete: the programs for the points random layers cannot
            // reach run on each configuration too, checked against the golden model.
            let outcomes = try DirectedCoverage.run(on: rtlBackend, configurations: generator.configurations ?? [])
            for outcome in outcomes where !outcome.bitExact {
                print("FAIL directed program '\(outcome.program)' on \(outcome.config): DRAM differs from the golden model")
            }
            directedFailed = outcomes.contains { !$0.bitExact }
            let exact = outcomes.filter(\.bitExact).count
            print("  directed cover programs: \(outcomes.count) run (token corners on \(outcomes.map(\.config).joined(separator: ", "))), "
                + "\(exact) bit-exact with the golden model")
        }
        if let tally = (backend as? RTLBackend)?.coverage ?? (backend as? InterpreterBackend)?.coverage {
            let lines = tally.tableLines()
            if coverage { lines.forEach { print($0) } } else if let first = lines.first {
                let missed = tally.neverHit
                print(first + (missed.isEmpty ? "" : "; never hit: " + missed.joined(separator: ", ")) + " (--coverage for the table)")
            }
        }
        if let rtlBackend = backend as? RTLBackend {
            for failure in report.failures.prefix(5) {
                guard let testCase = try? runner.generator.makeCase(failure.index) else { continue }
                let replay = report.replayCommand(for: failure.index)
                do {
                    let folder = try FailureArtifacts.write(testCase, backend: rtlBackend, replay: replay, into: URL(fileURLWithPath: artifacts))
                    print("  artifacts of case \(failure.index): \(folder.path)/ (README.md, rtl.fst, expected.vcd, wave-diff.html, program.txt, .npy)")
                } catch {
                    print("  artifacts of case \(failure.index) could not be written: \(error)")
                }
            }
        }
        if let junit { print("  JUnit XML: \(junit)") }
        if !report.failures.isEmpty || directedFailed { throw ExitCode(1) }
    }

    /// What a replay command needs beside seed, case and backend.
    private var replayFlags: String {
        (rtl.map { " --rtl \($0)" } ?? "") + configs.map { " --config \($0)" }.joined() + (backPressure ? "" : " --no-back-pressure")
    }

    /// The folder `--rtl` names, checked.
    private func verilogFolder() throws -> VerilogFolder? {
        guard let rtl else { return nil }
        guard backend == RTLBackend.name else { throw UsageFailure("serrano verify: --rtl needs --backend rtl") }
        guard !mutants else { throw UsageFailure("serrano verify: --mutants builds its own Verilog; drop --rtl") }
        guard configs.count <= 1 else { throw UsageFailure("serrano verify: --rtl verifies one configuration; give at most one --config") }
        do { return try VerilogFolder(path: rtl, config: configs.first) } catch { throw UsageFailure("serrano verify: \(error)") }
    }

    /// The draw of cases: the golden backend's own mix, or the chip's configurations.
    private func caseGenerator() throws -> RegressionCaseGenerator {
        guard Self.chipBackends.contains(backend) else {
            if rtl != nil { throw UsageFailure("serrano verify: --rtl needs --backend rtl") }
            if !configs.isEmpty { throw UsageFailure("serrano verify: --config needs --backend rtl or interpreter") }
            if coverage { throw UsageFailure("serrano verify: --coverage needs --backend rtl or interpreter (the golden model has no cover points)") }
            if mutants { throw UsageFailure("serrano verify: --mutants needs --backend rtl or interpreter") }
            return RegressionCaseGenerator(seed: 0)
        }
        var configurations = RTLBackend.configurations
        if let folder = try verilogFolder() {
            configurations = [RegressionConfiguration(name: folder.name, config: folder.config)]
        } else if !configs.isEmpty {
            configurations = try configs.map { name in
                do {
                    let resolved = try AcceleratorConfigFile.resolve(name)
                    let problems = HardwareLimits.problems(resolved.config)
                    guard problems.isEmpty else { throw UnsupportedConfiguration(problems: problems) }
                    return RegressionConfiguration(name: resolved.name, config: resolved.config)
                } catch { throw UsageFailure("serrano verify: \(error)") }
            }
        }
        // Cases sized for a simulation: at most 2,000 steps and a million MACs each.
        return RegressionCaseGenerator(seed: 0, maxSteps: 2000, maxMACs: 1_000_000, configurations: configurations)
    }

    private func makeBackend(mutation: Mutation?) throws -> any RegressionBackend {
        let profile = DRAMProfile(latency: dramLatency, bytesPerCycle: dramBandwidth)
        do { try profile.validate() } catch { throw UsageFailure("serrano verify: \(error)") }
        let verilog = backend == RTLBackend.name ? try verilogFolder()?.files : nil
        let settings = RegressionBackendSettings(profile: profile, randomBackPressure: backPressure, mutation: mutation, verilog: verilog)
        switch Self.backends.named(backend, settings: settings) {
        case .success(let found): return found
        case .failure(let error): throw UsageFailure("serrano verify: \(error.message)")
        }
    }

    /// Runs the selection on every mutant; each must fail at least one case.
    private func runMutants(_ selection: RegressionSelection, _ generator: RegressionCaseGenerator) throws {
        guard (1...256).contains(jobs) else { throw UsageFailure("serrano verify: --jobs must be in 1...256, found \(jobs)") }
        let seed = self.seed ?? UInt64.random(in: 1...999_999_999)
        print("serrano verify --mutants: \(selection) per mutant, seed \(seed), backend \(backend), \(jobs) job(s)")
        var survivors: [Mutation] = []
        for mutation in Mutation.allCases {
            var runner = RegressionRunner(generator: generator, backend: try makeBackend(mutation: mutation))
            runner.generator.seed = seed
            let report = runner.run(selection, jobs: jobs)
            if let first = report.results.first(where: { !$0.passed }) {
                let failed = report.results.filter { !$0.passed }.count
                print(String(format: "  %-28@ killed: %d of %d cases fail; first: case %d (%@): %@", mutation.rawValue as NSString, failed,
                             report.results.count, first.index, first.summary, first.failureMessage ?? "failed"))
            } else {
                survivors.append(mutation)
                print(String(format: "  %-28@ SURVIVED all %d cases", mutation.rawValue as NSString, report.results.count))
            }
            fflush(stdout)
        }
        print("mutants: \(Mutation.allCases.count - survivors.count) of \(Mutation.allCases.count) killed")
        if !survivors.isEmpty { throw ExitCode(1) }
    }

    /// Cases per suite: the smoke suite `make verify` runs, and the nightly soak.
    static let suites = [("smoke", 300), ("nightly", 100_000)]

    /// `--cases`, or the `--suite`'s count, or 2000.
    private func caseCount() throws -> Int {
        if let suite {
            guard let count = Self.suites.first(where: { $0.0 == suite })?.1 else {
                throw UsageFailure("serrano verify: --suite is smoke or nightly, found '\(suite)'")
            }
            if cases != nil { throw UsageFailure("serrano verify: give --suite or --cases, not both (--suite \(suite) is \(count) cases)") }
            return count
        }
        let count = cases ?? 2000
        guard (1...1_000_000_000).contains(count) else {
            throw UsageFailure("serrano verify: --cases must be in 1...1000000000, found \(count)")
        }
        return count
    }

    /// The cases the flags select, or a usage error (exit 2).
    private func validatedSelection() throws -> RegressionSelection {
        if let caseIndex {
            guard caseIndex >= 0 else { throw UsageFailure("serrano verify: --case must be ≥ 0, found \(caseIndex)") }
            guard seed != nil else {
                throw UsageFailure("serrano verify: --case needs --seed (the seed of the run that failed)")
            }
            guard shard == nil else { throw UsageFailure("serrano verify: --case replays one case; drop --shard") }
            return .single(caseIndex)
        }
        let cases = try caseCount()
        var selected = RegressionShard.all
        if let shard {
            do { selected = try RegressionShard(parsing: shard) } catch let error as RegressionShardError {
                throw UsageFailure("serrano verify: \(error.message)")
            }
        }
        // Every result is kept for the summary and the JUnit report.
        let perProcess = 1_000_000
        guard selected.caseCount(of: cases) <= perProcess else {
            throw UsageFailure("serrano verify: at most \(perProcess) cases per process; split the run with --shard K/N")
        }
        return .cases(cases, shard: selected)
    }

    /// Fails before the run, not after it, when the report could not be written: opens the
    /// output (a temporary sibling for a regular file) and drops it unwritten.
    private func checkWritable(_ path: String) throws {
        do { _ = try OutputFile.open(path) } catch let error as OutputFileError {
            throw UsageFailure("serrano verify: \(error)")
        }
    }
}

/// The progress display: a carriage-return line redrawn a few times a second on a terminal,
/// plain lines every 10% of the run otherwise (logs stay readable). Failures print at once.
private final class ProgressLine: @unchecked Sendable {
    private let interactive: Bool
    private let seed: UInt64
    private let backend: String
    private let replayFlags: String
    private var lastDraw = -1.0
    private var lastDecile = 0
    private var drawn = false

    init(interactive: Bool, seed: UInt64, backend: String, replayFlags: String) {
        self.interactive = interactive
        self.seed = seed
        self.backend = backend
        self.replayFlags = replayFlags
    }

    /// Called serialized by the runner.
    func update(_ progress: RegressionRunner.Progress) {
        if let message = progress.latest.failureMessage {
            clear()
            let replay = RegressionCase.replayCommand(seed: seed, index: progress.latest.index, backend: backend) + replayFlags
            print("FAIL case \(progress.latest.index): \(progress.latest.summary): \(message) — replay: \(replay)")
        }
        let finished = progress.done == progress.total
        if interactive {
            guard finished || progress.seconds - lastDraw >= 0.1 else { return }
            lastDraw = progress.seconds
            print("\r" + line(progress) + "\u{1B}[K", terminator: "")
            drawn = true
        } else {
            let decile = progress.total == 0 ? 10 : progress.done * 10 / progress.total
            guard decile > lastDecile else { return }
            lastDecile = decile
            print(line(progress))
        }
        fflush(stdout)
    }

    func finish() {
        if interactive, drawn { print("") }
        fflush(stdout)
    }

    private func clear() {
        guard interactive, drawn else { return }
        print("\r\u{1B}[2K", terminator: "")
    }

    private func line(_ progress: RegressionRunner.Progress) -> String {
        let width = 30
        let filled = progress.total == 0 ? width : progress.done * width / progress.total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        return "[\(bar)] \(progress.done)/\(progress.total) cases, \(progress.failed) failed, "
            + String(format: "%.1f s, %.0f cases/s", progress.seconds, rate)
    }
}
