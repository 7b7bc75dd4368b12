import Foundation
import SerranoIR
import SerranoVerilog
import Testing

/// Every printed design passes Verilator -Wall, Yosys (no latches) and Icarus with no warning.
@Suite struct ToolCleanTests {
    @Test(arguments: TestDesigns.names)
    func printedDesignPassesEveryTool(_ name: String) throws {
        let design = try TestDesigns.named(name)
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: name)
        let reports = try VerilogChecks.all(files: files, top: design.topName, synthesize: true)
        for report in reports {
            #expect(report.isClean, "\(report.tool.rawValue) in \(directory.path):\n\(report.findings.map(\.description).joined(separator: "\n"))\n\(report.output)")
        }
        // A failing run leaves its files behind for inspection.
        if reports.allSatisfy(\.isClean) { try? FileManager.default.removeItem(at: directory) }
    }
}
