import Foundation
import GoldenModel

/// The outcome of a regression run: every case's result plus the totals the CLI prints.
public struct RegressionReport: Equatable, Sendable {
    public var seed: UInt64
    public var backend: String
    public var selection: RegressionSelection
    /// In case order.
    public var results: [RegressionCaseResult]
    /// Wall time of the whole run.
    public var seconds: Double
    /// What a replay needs besides seed, case and backend (` --rtl DIR --config tiny`, say): set
    /// by the caller that knows its flags, so every replay command it prints reruns the same case.
    public var replayFlags: String = ""

    public init(seed: UInt64, backend: String, selection: RegressionSelection, results: [RegressionCaseResult], seconds: Double) {
        self.seed = seed
        self.backend = backend
        self.selection = selection
        self.results = results
        self.seconds = seconds
    }

    public var failures: [RegressionCaseResult] { results.filter { !$0.passed } }
    public var passedCount: Int { results.count - failures.count }
    /// Multiply-accumulates over every case.
    public var macs: Int { results.reduce(0) { $0 + $1.macs } }
    public var casesPerSecond: Double { seconds > 0 ? Double(results.count) / seconds : 0 }
    /// Layer MACs checked per wall-clock second (drawing, reference and comparison included).
    public var macsPerSecond: Double { seconds > 0 ? Double(macs) / seconds : 0 }

    /// The command that reruns case `index` of this run alone.
    public func replayCommand(for index: Int) -> String {
        RegressionCase.replayCommand(seed: seed, index: index, backend: backend) + replayFlags
    }

    /// One line per failure with its replay command, then the totals.
    public func summaryLines() -> [String] {
        var lines = failures.map { failure in
            "FAIL case \(failure.index): \(failure.summary): \(failure.failureMessage ?? "") — replay: \(replayCommand(for: failure.index))"
        }
        let verdict = failures.isEmpty ? "all passed" : "\(failures.count) FAILED"
        lines.append("serrano verify: \(selection), seed \(seed), backend \(backend): \(passedCount) passed, "
            + "\(failures.count) failed (\(verdict))")
        let rates = String(format: "  %.2f s, %.1f cases/s, %.2f M MAC/s", seconds, casesPerSecond, macsPerSecond / 1e6)
        lines.append(rates + " (\(Self.grouped(macs)) layer MACs)")
        lines.append("  layers: " + Self.counts(results.map(\.kind)))
        lines.append("  configurations: " + Self.counts(results.map(\.configuration)))
        return lines
    }

    /// `name count` pairs, most frequent first; drawn configurations count as one group.
    private static func counts(_ names: [String]) -> String {
        if names.isEmpty { return "none" }
        var tally: [String: Int] = [:]
        for name in names { tally[name.hasPrefix("random ") ? "random" : name, default: 0] += 1 }
        return tally.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}
