@testable import SerranoVerilog
import Testing

/// `print(report)` reads as a sentence and a list, not a struct dump.
@Suite struct ToolReportDescriptionTests {
    @Test func cleanReportIsOneLine() {
        let report = ToolReport(tool: .verilator, command: ["verilator", "--lint-only"], findings: [], exitStatus: 0, output: "")
        #expect(report.description == "verilator: clean")
    }

    @Test func findingsAreCountedAndListed() {
        let findings = [
            ToolFinding(tool: .yosys, severity: .error, file: "Top.v", line: 3, code: nil, message: "latch inferred"),
            ToolFinding(tool: .yosys, severity: .warning, file: nil, line: nil, code: nil, message: "unused wire"),
        ]
        let report = ToolReport(tool: .yosys, command: ["yosys"], findings: findings, exitStatus: 1, output: "…")
        #expect(report.description == """
            yosys: 1 error, 1 warning, exit 1
              Top.v:3: error: [yosys] latch inferred
              warning: [yosys] unused wire
            """)
    }

    @Test func synthesisShowsItsCellCount() {
        var report = ToolReport(tool: .yosys, command: ["yosys"], findings: [], exitStatus: 0, output: "")
        report.synthesizedCells = 1234
        #expect(report.description == "yosys: clean (synthesized: 1234 cells)")
        #expect(!report.description.contains("output:"))
    }
}
