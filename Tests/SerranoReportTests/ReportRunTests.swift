import Foundation
import GoldenModel
import SerranoReport
import SerranoVerify
import Testing

/// The report end to end on `tiny`: Yosys area, the quick suite on the Verilated RTL, energy,
/// and the files it writes.
@Suite struct ReportRunTests {
    @Test("a report of tiny has area, every layer bit-exact against the golden model, energy, HTML with SVG and JSON")
    func tinyReport() throws {
        let config = AcceleratorConfig.tiny
        let options = ArchitectureReport.Options(suite: try LayerSuite.quick(), profile: DRAMProfile(latency: 20, bytesPerCycle: 4))
        let report = try ArchitectureReport.measure("tiny", config, options: options)
        #expect(report.passed)
        let area = try #require(report.area)
        #expect(area.totalNAND2Equivalents > 1000)
        #expect(area.sramBits == config.scratchpadBytes * 8 + config.accumulatorBytes * 8)
        #expect(area.modules.contains { $0.name == "ProcessingElement" && $0.instances == 16 && $0.flipFlops > 0 })
        #expect(area.unknownCellTypes.isEmpty, "\(area.unknownCellTypes)")
        for layer in report.layers {
            #expect(layer.cycles >= UInt64(layer.computeBoundCycles.rounded(.down)))
            #expect(layer.rooflineFraction > 0 && layer.rooflineFraction <= 1, "\(layer.name): \(layer.rooflineFraction)")
            #expect(layer.dramBusUtilization > 0 && layer.dramBusUtilization <= 1, "\(layer.name): \(layer.dramBusUtilization)")
            #expect(layer.energy.total > 0 && layer.energy.dram > 0 && layer.energy.arithmetic > 0)
            let stalled = layer.stalls.reduce(0) { $0 + $1.cycles }
            #expect(layer.arrayBusyCycles + stalled == layer.cycles, "\(layer.name): busy + stalls ≠ cycles")
        }
        let shares = report.energyShares
        #expect(abs(shares.dram + shares.sram + shares.arithmetic + shares.registers + shares.requantizer - 1) < 1e-9)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-report-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try ReportFiles.write(report, to: folder)
        #expect(written.map { ($0 as NSString).lastPathComponent } == ["report.html", "report.json", "energy-table.json"])
        let html = try String(contentsOfFile: written[0], encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("Roofline") && html.contains("ProcessingElement"))
        let decoded = try JSONDecoder().decode(ArchitectureReport.self, from: Data(contentsOf: URL(fileURLWithPath: written[1])))
        #expect(decoded == report)
        #expect(try EnergyTable.load(written[2]) == report.energyTable)
    }
}
