import Foundation
import Accelerator
import GoldenModel
import Serrano
import SerranoVerilog
import Testing

@Suite struct AcceleratorElaborationTests {
    @Test(arguments: ["tiny", "default", "wide"])
    func namedConfigurationsElaborateAndPrint(_ name: String) throws {
        let config = try #require(AcceleratorConfig.named(name))
        let design = try Accelerator.elaborate(config)
        let files = try VerilogPrinter.print(design)
        #expect(files.contains { $0.name == "Accelerator.v" })
    }

    @Test func unsupportedConfigurationsSayWhy() {
        var config = AcceleratorConfig.tiny
        config.rows = 65
        config.scratchpadBanks = 3
        #expect(throws: UnsupportedConfiguration.self) { try Accelerator.elaborate(config) }
        let problems = HardwareLimits.problems(config)
        #expect(problems.contains { $0.contains("rows must be 1...64") })
        #expect(problems.contains { $0.contains("scratchpadBanks must be a power of two") })
    }
}

@Suite struct AcceleratorLintTests {
    @Test func tinyIsCleanUnderVerilatorWall() throws {
        let design = try Accelerator.elaborate(.tiny)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-accel-lint-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try VerilogPrinter.print(design).write(to: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".v") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        let report = try VerilogChecks.verilatorLint(files: files, top: "Accelerator")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")
    }
}
