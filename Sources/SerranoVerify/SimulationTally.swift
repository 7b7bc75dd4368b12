import Foundation
import GoldenModel

/// What the chip did per configuration over a regression: simulated cycles, the chip's own
/// cycles and MACs, and the wall time spent simulating, summed across jobs — the per-configuration
/// table `serrano verify --backend rtl` prints (with the cases and failures of each).
public final class SimulationTally: @unchecked Sendable {
    public struct Totals: Equatable, Sendable {
        public var runs = 0
        /// Clock cycles simulated (reset included).
        public var simulatedCycles: UInt64 = 0
        /// The chip's cycle counter (reset to done) and its MAC counter.
        public var chipCycles: UInt64 = 0
        public var macs: UInt64 = 0
        public var seconds: Double = 0
    }

    private let lock = NSLock()
    private var totals: [AcceleratorConfig: Totals] = [:]

    public init() {}

    public func add(_ run: AcceleratorRun, config: AcceleratorConfig, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        var entry = totals[config] ?? Totals()
        entry.runs += 1
        entry.simulatedCycles += run.simulatedCycles
        entry.chipCycles += run.counters.cycles
        entry.macs += run.counters.macs
        entry.seconds += seconds
        totals[config] = entry
    }

    public func totals(for config: AcceleratorConfig) -> Totals {
        lock.lock()
        defer { lock.unlock() }
        return totals[config] ?? Totals()
    }

    /// One row per configuration of `configurations` that ran: cases, passed, failed (from
    /// `results`, by configuration name), simulated cycles, MAC utilization, simulated cycles/s.
    public func tableLines(configurations: [RegressionConfiguration], results: [RegressionCaseResult]) -> [String] {
        var rows: [[String]] = [["config", "cases", "passed", "failed", "simulated cycles", "MAC utilization", "cycles/s"]]
        for configuration in configurations {
            let cases = results.filter { $0.configuration == configuration.name }
            guard !cases.isEmpty else { continue }
            let entry = totals(for: configuration.config)
            let pes = Double(configuration.config.rows * configuration.config.columns)
            let utilization = entry.chipCycles == 0 ? 0 : Double(entry.macs) / (pes * Double(entry.chipCycles))
            let rate = entry.seconds > 0 ? Double(entry.simulatedCycles) / entry.seconds : 0
            let failed = cases.filter { !$0.passed }.count
            rows.append([configuration.name, "\(cases.count)", "\(cases.count - failed)", "\(failed)", entry.simulatedCycles.formatted(),
                         String(format: "%.1f %%", 100 * utilization), Int(rate).formatted()])
        }
        guard rows.count > 1 else { return [] }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, text in
                column == 0 ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ")
        }
    }
}
