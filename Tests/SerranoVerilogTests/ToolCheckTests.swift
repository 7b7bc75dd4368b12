import Foundation
@testable import SerranoVerilog
import Testing

/// The tool checks find real problems, say where they are, and fail politely without a tool.
@Suite struct ToolCheckTests {
    /// A module with three classic mistakes: a width mismatch, an unused input and a latch.
    static let faulty = """
        module Faulty (
            input  wire [7:0] a,
            input  wire [7:0] unused,
            input  wire       enable,
            output wire [3:0] narrow,
            output reg  [7:0] held
        );
            assign narrow = a;
            always @* if (enable) held = a;
        endmodule

        """

    func writeFaulty() throws -> (URL, String) {
        let directory = try scratchDirectory("faulty")
        let file = directory.appendingPathComponent("Faulty.v")
        try Self.faulty.write(to: file, atomically: true, encoding: .utf8)
        return (directory, file.path)
    }

    @Test func verilatorReportsWidthAndLatchWithPlaces() throws {
        let (directory, file) = try writeFaulty()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try VerilogChecks.verilatorLint(files: [file], top: "Faulty")
        #expect(!report.isClean)
        let codes = Set(report.findings.compactMap(\.code))
        // Verilator stops at the latch and the width error before its unused-signal pass.
        #expect(codes == ["WIDTH", "LATCH"])
        #expect(report.findings.contains { $0.code == "WIDTH" && $0.file == file && $0.line == 8 })
        #expect(report.findings.contains { $0.code == "LATCH" && $0.line == 9 })
    }

    @Test func verilatorReportsUnusedInput() throws {
        let directory = try scratchDirectory("unused")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Unused.v")
        try "module Unused (\n    input wire [7:0] a,\n    output wire [3:0] y\n);\n    assign y = a[3:0];\nendmodule\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let report = try VerilogChecks.verilatorLint(files: [file.path], top: "Unused")
        #expect(report.findings.map(\.code) == ["UNUSEDSIGNAL"])
        #expect(report.findings.first?.line == 2)
    }

    @Test func yosysRejectsLatch() throws {
        let (directory, file) = try writeFaulty()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try VerilogChecks.yosysCheck(files: [file], top: "Faulty")
        #expect(!report.isClean)
        #expect(report.findings.contains { $0.severity == .error && $0.message.hasPrefix("latch inferred in module Faulty") })
    }

    @Test func icarusReportsSyntaxErrorWithLine() throws {
        let directory = try scratchDirectory("syntax")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Broken.v")
        try "module Broken (input wire a);\n  assign = a;\nendmodule\n".write(to: file, atomically: true, encoding: .utf8)
        let report = try VerilogChecks.icarusParse(files: [file.path], top: "Broken")
        #expect(!report.isClean)
        #expect(report.findings.contains { $0.severity == .error && $0.line == 2 && $0.file == file.path })
    }

    /// `iverilog -o /dev/null` made the machine's /dev/null mode 0755 when run as root
    /// (iverilog marks its output executable): it writes a temporary file instead.
    @Test func icarusNeverWritesIntoADevice() throws {
        let directory = try scratchDirectory("icarus-output")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Wire.v")
        try "module Wire (input wire a, output wire y);\n  assign y = a;\nendmodule\n".write(to: file, atomically: true, encoding: .utf8)
        let report = try VerilogChecks.icarusParse(files: [file.path], top: "Wire")
        #expect(report.isClean, "\(report.findings)")
        let output = try #require(report.command.firstIndex(of: "-o").map { report.command[$0 + 1] })
        #expect(!output.hasPrefix("/dev/"), "iverilog must not write into \(output)")
        #expect(!FileManager.default.fileExists(atPath: output), "the temporary output is removed")
    }

    @Test func missingToolIsAnErrorValueThatSaysHowToInstall() throws {
        #expect(ToolRunner.locate(.verilator, searchPath: "/nonexistent-serrano-path") == nil)
        #expect(throws: ToolError.notInstalled(.yosys)) {
            try ToolRunner.run(.yosys, ["-V"], searchPath: "/nonexistent-serrano-path")
        }
        #expect(ToolError.notInstalled(.iverilog).description.contains("apt-get install verilator yosys iverilog"))
        #expect(ToolError.notInstalled(.iverilog).description.contains("make setup"))
    }

    @Test func noFilesIsAnError() {
        #expect(throws: ToolError.noFiles) { try VerilogChecks.verilatorLint(files: [], top: nil) }
    }

    @Test func parsesEachToolsOutputFormat() {
        let verilator = OutputParsing.verilator("""
            %Warning-WIDTHEXPAND: rtl/Top.v:12:18: Operator ADD expects 16 bits
                                : ... In instance Top
            %Error: rtl/Top.v:3:1: syntax error, unexpected assign
            %Error: Exiting due to 2 warning(s)
            """)
        #expect(verilator == [
            ToolFinding(tool: .verilator, severity: .warning, file: "rtl/Top.v", line: 12, code: "WIDTHEXPAND", message: "Operator ADD expects 16 bits"),
            ToolFinding(tool: .verilator, severity: .error, file: "rtl/Top.v", line: 3, code: nil, message: "syntax error, unexpected assign"),
        ])
        let yosys = OutputParsing.yosys("""
            Warning: Identifier `\\x' is implicitly declared at rtl/Top.v:7.
            rtl/Top.v:9: ERROR: syntax error, unexpected TOK_ASSIGN
            """)
        #expect(yosys.map(\.line) == [7, 9])
        #expect(yosys.map(\.severity) == [.warning, .error])
        let icarus = OutputParsing.icarus("rtl/Top.v:4: warning: Port 1 (a) of Child expects 8 bits, got 4.\nrtl/Top.v:5: syntax error\n")
        #expect(icarus.map(\.line) == [4, 5])
        #expect(icarus.map(\.message) == ["Port 1 (a) of Child expects 8 bits, got 4.", "syntax error"])
    }
}
