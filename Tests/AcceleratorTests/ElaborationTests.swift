import Foundation
import Accelerator
import GoldenModel
import Serrano
import SerranoVerilog
import SerranoVerify
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

/// The printed chip is clean under every tool, for any shape of array.
@Suite struct AcceleratorLintTests {
    /// Writes `config`'s Verilog into a fresh folder of its own; returns the Verilog files, SRAMs
    /// last. (One folder per call: tests of the same shape run at once — `tiny` is 4×4 like a
    /// sweep shape, and the 2×2 synthesis check shares the lint's shape — and each removes its
    /// folder when done.)
    static func write(_ config: AcceleratorConfig) throws -> (folder: URL, logic: [String], memories: [String]) {
        let design = try Accelerator.elaborate(config)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-accel-lint-\(getpid())-\(config.rows)x\(config.columns)-\(UUID().uuidString)")
        try VerilogPrinter.print(design).write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".v") }.sorted()
        let paths = names.map { folder.appendingPathComponent($0).path }
        return (folder, paths.filter { !$0.contains("serrano_sram_") }, paths.filter { $0.contains("serrano_sram_") })
    }

    /// The sweep's small shapes run in `make test`; 32×32 and 64×64 (minutes under the tools) in
    /// `make verify` (`SERRANO_SLOW=1`).
    static let sweep: [(Int, Int)] = [(2, 2), (4, 4), (4, 8), (8, 8), (16, 16)]
    static let slowSweep: [(Int, Int)] = [(32, 32), (64, 64)]
    static let slow = ProcessInfo.processInfo.environment["SERRANO_SLOW"] == "1"

    @Test(arguments: sweep)
    func everyShapeIsCleanUnderVerilatorWall(_ rows: Int, _ columns: Int) throws {
        try Self.lint(rows, columns)
    }

    @Test(.enabled(if: slow, "set SERRANO_SLOW=1 (make verify)"), arguments: slowSweep)
    func largeShapesAreCleanUnderVerilatorWall(_ rows: Int, _ columns: Int) throws {
        try Self.lint(rows, columns)
    }

    static func lint(_ rows: Int, _ columns: Int) throws {
        let files = try Self.write(.sized(rows: rows, columns: columns))
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let report = try VerilogChecks.verilatorLint(files: files.logic + files.memories, top: "Accelerator")
        #expect(report.findings.isEmpty, "\(rows)×\(columns): \(report.findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func smallestShapeSynthesizesWithYosysWithoutLatches() throws { try Self.synthesize(2, 2) }

    @Test(.enabled(if: slow, "set SERRANO_SLOW=1 (make verify)"), arguments: [(4, 8), (16, 16)])
    func shapesSynthesizeWithYosysWithoutLatches(_ rows: Int, _ columns: Int) throws { try Self.synthesize(rows, columns) }

    static func synthesize(_ rows: Int, _ columns: Int) throws {
        var config = AcceleratorConfig.sized(rows: rows, columns: columns)
        config.scratchpadRows = 64
        config.accumulatorRows = 16
        let files = try Self.write(config)
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let report = try VerilogChecks.yosysCheck(files: files.logic, top: "Accelerator", synthesize: true, blackBoxes: files.memories)
        #expect(report.findings.isEmpty, "\(rows)×\(columns): \(report.findings.map(\.description).joined(separator: "\n"))")
        #expect((report.synthesizedCells ?? 0) > 1000)
    }

    @Test func tinyParsesWithIcarus() throws {
        let files = try Self.write(.tiny)
        defer { try? FileManager.default.removeItem(at: files.folder) }
        let report = try VerilogChecks.icarusParse(files: files.logic + files.memories, top: "Accelerator")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")
    }
}

/// `rtl/<config>/` is committed for every named configuration: it must be exactly what the
/// generator writes today, and generating twice gives byte-identical files.
@Suite struct AcceleratorRTLIsCurrentTests {
    static let rtl = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rtl")

    @Test(arguments: AcceleratorConfig.named.map(\.name))
    func committedVerilogIsCurrent(_ name: String) throws {
        let config = try #require(AcceleratorConfig.named(name))
        let files = try AcceleratorRTL.files(config)
        let folder = Self.rtl.appendingPathComponent(name)
        let committed = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(committed == files.map(\.name).sorted(), "rtl/\(name)/ holds other files: run `make verilog`")
        for file in files {
            let onDisk = try? String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(onDisk == file.contents, "rtl/\(name)/\(file.name) is stale: run `make verilog` and commit rtl/")
        }
        #expect(try AcceleratorRTL.files(config) == files, "\(name) printed differently twice")
    }
}
