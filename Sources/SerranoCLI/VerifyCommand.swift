import ArgumentParser
import Foundation
import GoldenModel
import SerranoFiles

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

    @Option(parsing: .unconditional, help: "Number of cases (1...1000000000).") var cases: Int = 2000
    @Option(parsing: .unconditional, help: "Seed (default: random, printed).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Run shard K of N (K counted from 1): the cases I with I % N == K - 1.") var shard: String?
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "Replay one case (needs --seed).") var caseIndex: Int?
    @Option(help: "golden (rtl arrives with the accelerator).") var backend: String = GoldenBackend.name
    @Option(parsing: .unconditional, help: "Worker threads, 1...256 (default: every core).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let selection = try validatedSelection()
        let backend: any RegressionBackend
        switch RegressionBackends.named(self.backend) {
        case .success(let found): backend = found
        case .failure(let error): throw UsageFailure("serrano verify: \(error.message)")
        }
        guard (1...256).contains(jobs) else { throw UsageFailure("serrano verify: --jobs must be in 1...256, found \(jobs)") }
        if let junit { try checkWritable(junit) }
        let seed = self.seed ?? UInt64.random(in: 1...999_999_999)
        print("serrano verify: \(selection), seed \(seed) (replay with --seed \(seed)), backend \(backend.name), \(jobs) job(s)")
        fflush(stdout)

        let progress = ProgressLine(interactive: isatty(STDOUT_FILENO) == 1, seed: seed, backend: backend.name)
        let report = RegressionRunner(seed: seed, backend: backend).run(selection, jobs: jobs) { progress.update($0) }
        progress.finish()

        if let junit {
            do { try OutputFile.write(JUnitXML.document(for: report), to: junit) } catch let error as OutputFileError {
                throw UsageFailure("serrano verify: \(error)")
            }
        }
        for line in report.summaryLines() { print(line) }
        if let junit { print("  JUnit XML: \(junit)") }
        if !report.failures.isEmpty { throw ExitCode(1) }
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
        guard (1...1_000_000_000).contains(cases) else {
            throw UsageFailure("serrano verify: --cases must be in 1...1000000000, found \(cases)")
        }
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
    private var lastDraw = -1.0
    private var lastDecile = 0
    private var drawn = false

    init(interactive: Bool, seed: UInt64, backend: String) {
        self.interactive = interactive
        self.seed = seed
        self.backend = backend
    }

    /// Called serialized by the runner.
    func update(_ progress: RegressionRunner.Progress) {
        if let message = progress.latest.failureMessage {
            clear()
            let replay = RegressionCase.replayCommand(seed: seed, index: progress.latest.index, backend: backend)
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
