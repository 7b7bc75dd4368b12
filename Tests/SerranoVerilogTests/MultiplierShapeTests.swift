import Foundation
@testable import SerranoVerilog
import Testing

/// An int8 × int8 product printed for a 16-bit result is an 8×8 signed multiplier, not a 16×16
/// one: checked on the cell Yosys builds from the printed PE.
@Suite struct MultiplierShapeTests {
    @Test func int8ProductIsAnEightByEightSignedMultiplier() throws {
        let design = try ExampleDesigns.design("pe")
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: "mul-shape")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("mul.txt").path
        let script = "hierarchy -check -top \(design.topName); proc; opt_clean; tee -q -o \(dump) dump t:$mul"
        let run = try ToolRunner.run(.yosys, ["-q", "-p", script] + files)
        try #require(run.status == 0, "\(run.output)")
        let text = try String(contentsOfFile: dump, encoding: .utf8)
        var parameters: [String: String] = [:]
        for line in text.split(separator: "\n") where line.contains("parameter \\") {
            let parts = line.split(separator: " ")
            if parts.count >= 3 { parameters[String(parts[1].dropFirst())] = String(parts[2]) }
        }
        #expect(text.components(separatedBy: "cell $mul").count - 1 == 1)
        #expect(parameters["A_WIDTH"] == "8")
        #expect(parameters["B_WIDTH"] == "8")
        #expect(parameters["Y_WIDTH"] == "16")
        #expect(parameters["A_SIGNED"] == "1")
        #expect(parameters["B_SIGNED"] == "1")
    }
}
