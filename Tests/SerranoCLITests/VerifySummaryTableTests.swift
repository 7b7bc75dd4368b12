import Foundation
import Testing

/// `serrano verify --backend rtl` ends with one row per configuration: cases, passed, failed,
/// simulated cycles, MAC utilization and simulated cycles/s.
@Suite struct VerifySummaryTableTests {
    @Test("the RTL run prints a row per configuration that adds up to the run")
    func perConfigurationRows() throws {
        let run = try CLI.run(["verify", "--backend", "rtl", "--config", "tiny", "--config", "wide", "--cases", "6", "--seed", "4", "--jobs", "2"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  config") && $0.contains("MAC utilization") && $0.contains("cycles/s") })
        let rows = lines[(header + 1)...].prefix { $0.hasPrefix("  tiny") || $0.hasPrefix("  wide") }
        #expect(!rows.isEmpty)
        var cases = 0
        for row in rows {
            let fields = row.split(separator: " ")
            #expect(fields.count == 8, "\(row)")  // name, cases, passed, failed, cycles, utilization, %, cycles/s
            let count = Int(fields[1]) ?? -1, passed = Int(fields[2]) ?? -2, failed = Int(fields[3]) ?? -3
            #expect(count == passed + failed && failed == 0, "\(row)")
            #expect(Int(fields[4].replacingOccurrences(of: ",", with: "")) ?? 0 > 0, "\(row)")
            cases += count
        }
        #expect(cases == 6)
    }
}
