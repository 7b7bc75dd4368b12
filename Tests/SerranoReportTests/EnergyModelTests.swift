import Foundation
import GoldenModel
import SerranoReport
import Testing

@Suite struct EnergyModelTests {
    @Test("SRAM energy is the table's figure at its points and interpolates log-log between them")
    func sramInterpolation() {
        let table = EnergyTable.horowitz45nm
        #expect(abs(table.sramReadPer64Bits(capacityBytes: 8 * 1024) - 10) < 1e-9)
        #expect(abs(table.sramReadPer64Bits(capacityBytes: 32 * 1024) - 20) < 1e-9)
        #expect(abs(table.sramReadPer64Bits(capacityBytes: 1024 * 1024) - 100) < 1e-9)
        // 16 KB is halfway (in log) between 8 KB and 32 KB: √(10·20).
        #expect(abs(table.sramReadPer64Bits(capacityBytes: 16 * 1024) - (200.0).squareRoot()) < 1e-9)
        // Below the first point the first segment's slope continues: 4 KB → 10/√2.
        #expect(abs(table.sramReadPer64Bits(capacityBytes: 4 * 1024) - 10 / (2.0).squareRoot()) < 1e-9)
    }

    @Test("energy is counts × table, component by component")
    func estimateByHand() {
        let config = AcceleratorConfig.default  // scratchpad banks of 64 KiB, 16-byte rows; accumulator banks of 32 KiB, 64-byte rows
        let counts = ActionCounts(macs: 1000, scratchpadReads: [10, 0, 0, 0], scratchpadWrites: [0, 5, 0, 0],
                                  accumulatorReads: [2, 0], accumulatorWrites: [0, 3], dramBytesRead: 800, dramBytesWritten: 80, instructions: 4)
        let table = EnergyTable.horowitz45nm
        let energy = EnergyEstimate(counts: counts, requantizedValues: 7, config: config, table: table)
        let scratchpadRow = 2 * table.sramReadPer64Bits(capacityBytes: 64 * 1024)
        #expect(abs(energy.arithmetic - 1000 * 0.3) < 1e-9)
        #expect(abs(energy.peRegisters - 1000 * 0.3) < 1e-9)
        #expect(abs(energy.scratchpad - 15 * scratchpadRow) < 1e-9)
        #expect(abs(energy.accumulator - 5 * 8 * 20) < 1e-9)
        #expect(abs(energy.requantizer - 7 * 3.3) < 1e-9)
        #expect(abs(energy.dram - 880 / 8 * 1300) < 1e-9)
        #expect(abs(energy.total - energy.components.map(\.picojoules).reduce(0, +)) < 1e-9)
    }

    @Test("the written table reads back equal, and an edited one is used")
    func tableRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("energy-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var table = EnergyTable.horowitz45nm
        try table.json().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try EnergyTable.load(path) == table)
        table.dram64Bits = .init(2600, source: "Horowitz, ISSCC 2014: the high end")
        try table.json().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try EnergyTable.load(path).dram64Bits.picojoules == 2600)
    }

    @Test("a bad table is refused with the file and the field named", arguments: [
        ("{", "not JSON"),
        ("{\"technology\": \"x\"}", "lacks"),
    ])
    func badTables(text: String, expected: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("energy-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: EnergyTable.LoadError.self) { try EnergyTable.load(path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }

    @Test("a figure without a source, or a negative one, is refused")
    func uncitedFigures() {
        var table = EnergyTable.horowitz45nm
        table.multiply8.source = " "
        #expect(table.problem()?.contains("multiply8 has no source") == true)
        table = .horowitz45nm
        table.add32.picojoules = -1
        #expect(table.problem()?.contains("add32") == true)
        table = .horowitz45nm
        table.sramRead.reverse()
        #expect(table.problem()?.contains("increasing") == true)
        #expect(EnergyTable.horowitz45nm.problem() == nil)
    }

    @Test("a missing table file names the file")
    func missingFile() {
        let error = #expect(throws: EnergyTable.LoadError.self) { try EnergyTable.load("/nonexistent/energy.json") }
        #expect(error?.description.contains("/nonexistent/energy.json") == true)
    }
}
