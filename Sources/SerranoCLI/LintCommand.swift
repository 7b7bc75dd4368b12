import ArgumentParser
import Foundation
import SerranoVerilog

/// `serrano lint DIR`: Verilator -Wall, Yosys (no latches; full synthesis with --synthesize) and
/// Icarus on every design in DIR and its subdirectories.
///
/// A design is found by its `.f` file list (its top is the list's name); `.v` files no list
/// names are checked together. Exit 0: every tool is clean (no warnings either); 1: findings;
/// 2: bad input or a missing tool.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Verilog with Verilator, Yosys and Icarus.",
        discussion: """
            Checks each design in DIR (found by its .f file list, e.g. rtl/counter/Counter.f) and \
            any .v files no list names. Every warning counts as a finding. Tools: \
            `verilator --lint-only -Wall`, Yosys `hierarchy -check; proc; check -assert` with no latch \
            cells (plus `synth` with --synthesize), `iverilog -g2005 -Wall`.

            \(OutputHelp.text)
            """)

    @Argument(help: "Directory of generated Verilog (searched recursively).")
    var directory: String

    @Flag(help: "Also run a full Yosys synthesis of each top.")
    var synthesize = false

    @Option(help: "Check only the design whose file list is NAME.f (the top for loose .v files).")
    var top: String?

    func run() throws {
        let units: [LintUnit]
        do {
            units = try LintUnit.discover(in: URL(fileURLWithPath: directory), top: top)
        } catch let error as LintUnit.DiscoveryError {
            throw UsageFailure("serrano lint: \(error)")
        }
        var findingCount = 0
        var checks = 0
        for unit in units {
            let topText = unit.top.map { "top \($0)" } ?? "top found by the tools"
            print("\(Self.display(unit.label)) (\(topText), \(unit.files.count) file\(unit.files.count == 1 ? "" : "s"))")
            let reports: [ToolReport]
            do {
                reports = try VerilogChecks.all(files: unit.files, top: unit.top, synthesize: synthesize)
            } catch let error as ToolError {
                throw UsageFailure("serrano lint: \(error)")
            }
            for report in reports {
                checks += 1
                findingCount += report.findings.count
                var status = report.isClean ? "clean" : Self.summary(report.findings)
                if report.tool == .yosys && synthesize {
                    status += report.synthesizedCells.map { " (synthesized: \($0) cells)" } ?? " (synthesized)"
                }
                print("  " + report.tool.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + status)
                for finding in report.findings {
                    var shown = finding
                    shown.file = finding.file.map(Self.display)
                    print("    \(shown)")
                }
            }
        }
        let designs = units.count == 1 ? "1 design" : "\(units.count) designs"
        print("lint: \(designs), \(checks) checks, \(findingCount == 0 ? "no findings" : "\(findingCount) finding\(findingCount == 1 ? "" : "s")")")
        if findingCount > 0 { throw ExitCode(1) }
    }

    private static func summary(_ findings: [ToolFinding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.isEmpty ? "failed" : parts.joined(separator: ", ")
    }

    /// A path relative to the working directory when it is inside it: shorter and clickable.
    private static func display(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
