import Foundation
import SerranoExamples
import SerranoIR
import SerranoVerilog
import Testing

/// The DSL examples print to Verilog every tool accepts, and two small ones print exactly the
/// text kept under Snapshots/.
@Suite struct ExampleTests {
    @Test(arguments: ["counter", "pe", "controller"])
    func smallExampleMatchesSnapshot(_ name: String) throws {
        try Snapshot.check(try VerilogPrinter.print(try ExampleDesigns.design(name)), name: "example-\(name)")
    }

    /// Full synthesis only where it is quick; the 16×16 array gets lint and the latch check.
    static let synthesized: Set<String> = ["counter", "fifo", "pe", "systolic4x4", "sram", "controller"]

    @Test(arguments: Examples.all.map(\.name))
    func examplePassesEveryTool(_ name: String) throws {
        let design = try ExampleDesigns.design(name)
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: "example-\(name)")
        let reports = try VerilogChecks.all(files: files, top: design.topName, synthesize: Self.synthesized.contains(name))
        for report in reports {
            #expect(report.isClean, "\(report.tool.rawValue) on \(name) in \(directory.path):\n\(report.findings.map(\.description).joined(separator: "\n"))")
        }
        if reports.allSatisfy(\.isClean) { try? FileManager.default.removeItem(at: directory) }
    }
}
