import Foundation

/// Checks Verilog files with the external tools; each returns the tool's findings as values.
///
/// A tool that is not installed throws `ToolError.notInstalled`, whose message says how to
/// install it. Findings (warnings included) make a report unclean: generated Verilog must pass
/// every tool with no warnings at all.
public enum VerilogChecks {
    /// `verilator --lint-only -Wall`.
    public static func verilatorLint(files: [String], top: String?) throws -> ToolReport {
        guard !files.isEmpty else { throw ToolError.noFiles }
        var arguments = ["--lint-only", "-Wall"]
        if let top { arguments += ["--top-module", top] }
        arguments += files
        return try report(.verilator, arguments, parse: OutputParsing.verilator)
    }

    /// Yosys: `hierarchy -check`, `proc`, `check -assert`, and no latch cells; with
    /// `synthesize`, a full `synth` followed by another `check -assert`. Modules in `blackBoxes`
    /// (SRAM models, say) are read as black boxes: kept as cells, never synthesized.
    public static func yosysCheck(files: [String], top: String?, synthesize: Bool = false, blackBoxes: [String] = []) throws -> ToolReport {
        guard !files.isEmpty else { throw ToolError.noFiles }
        let topOption = top.map { "-top \($0)" } ?? "-auto-top"
        for path in blackBoxes where path.contains(";") || path.contains("\"") || path.contains("\n") {
            throw ToolError.launchFailed(.yosys, "the path \(path) cannot be quoted in a Yosys script")
        }
        var script = blackBoxes.map { "read_verilog -lib \"\($0)\"" } + [
            "hierarchy -check \(topOption)",
            "proc",
            "check -assert",
            // `proc` turns a signal held on some path into a latch cell: none may exist.
            "select -assert-none t:$dlatch t:$adlatch t:$dlatchsr",
        ]
        let statistics = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-yosys-stat-\(UUID().uuidString).txt")
        if synthesize {
            script += ["synth \(topOption)", "check -assert", "tee -q -o \(statistics.path) stat"]
        }
        defer { try? FileManager.default.removeItem(at: statistics) }
        // Files are arguments, not script text, so no path needs quoting; they are read first.
        let arguments = ["-q", "-p", script.joined(separator: "; ")] + files
        var report = try report(.yosys, arguments, parse: OutputParsing.yosys)
        if synthesize, let text = try? String(contentsOf: statistics, encoding: .utf8) {
            // The last count is the whole design (the hierarchy total when there are children).
            let counts = text.split(separator: "\n").filter { $0.contains("Number of cells:") }
            report.synthesizedCells = counts.last.flatMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        }
        return report
    }

    /// `iverilog -g2005 -Wall`, elaborating into a temporary file that is removed. Never
    /// `-o /dev/null`: iverilog marks its output executable, and as root that turns the
    /// machine's `/dev/null` into mode 0755.
    public static func icarusParse(files: [String], top: String?) throws -> ToolReport {
        guard !files.isEmpty else { throw ToolError.noFiles }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-iverilog-\(UUID().uuidString).vvp")
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = ["-g2005", "-Wall", "-o", output.path]
        if let top { arguments += ["-s", top] }
        arguments += files
        return try report(.iverilog, arguments, parse: OutputParsing.icarus)
    }

    /// Every tool in turn (Verilator, Yosys, Icarus).
    public static func all(files: [String], top: String?, synthesize: Bool = false) throws -> [ToolReport] {
        [try verilatorLint(files: files, top: top),
         try yosysCheck(files: files, top: top, synthesize: synthesize),
         try icarusParse(files: files, top: top)]
    }

    private static func report(_ tool: ExternalTool, _ arguments: [String], parse: (String) -> [ToolFinding]) throws -> ToolReport {
        let (status, output) = try ToolRunner.run(tool, arguments)
        var findings = parse(output)
        if status != 0 && !findings.contains(where: { $0.severity == .error }) && findings.isEmpty {
            findings.append(OutputParsing.unexplainedFailure(tool, status: status, output: output))
        }
        return ToolReport(tool: tool, command: [tool.rawValue] + arguments, findings: findings, exitStatus: status, output: output)
    }
}
