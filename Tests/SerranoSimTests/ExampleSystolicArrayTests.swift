import Foundation
import GoldenModel
import Testing
import Serrano
import SerranoExamples
import SerranoVerilog
@testable import SerranoSim
@testable import SerranoVerilator
import SerranoVerify

/// The DSL's systolic array example, printed to Verilog and run in Verilator, computes exact
/// int8 matrix products (expected values from a plain triple loop in this test).
@Suite("Example systolic array on Verilator")
struct ExampleSystolicArrayTests {
    @Test("a 4×6 array multiplies random and extreme int8 matrices exactly")
    func multiplies() throws {
        let rows = 4, columns = 6
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-example-array-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let design = try Elaboration.elaborate(SystolicArray(rows: rows, columns: columns)).get()
        try VerilogPrinter.print(design).write(to: folder)
        let top = design.topName
        let model = try VerilatorModel.build(VerilogSources(top: top, fileList: folder.appendingPathComponent("\(top).f")))
        let driver = try SerranoVerify.SystolicArrayDriver(try model.makeSimulator(), rows: rows, columns: columns)

        var random = Fixtures.random(for: "example systolic array")
        var activations = (0..<20).map { _ in (0..<rows).map { _ in Int8.random(in: .min ... .max, using: &random) } }
        var weights = (0..<rows).map { _ in (0..<columns).map { _ in Int8.random(in: .min ... .max, using: &random) } }
        activations.append(Array(repeating: -128, count: rows))
        weights[0][0] = -128
        let sums = try driver.multiply(activations, weights)
        let expected = try ReferenceKernels.gemm(activations, weights)
        for vector in activations.indices {
            for column in 0..<columns { #expect(sums[vector][column] == expected[vector][column], "C[\(vector)][\(column)]") }
        }
    }

    @Test("shapes that do not fit the array are errors, not traps")
    func badShapes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-example-array-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let design = try Elaboration.elaborate(SystolicArray(rows: 2, columns: 2)).get()
        try VerilogPrinter.print(design).write(to: folder)
        let model = try VerilatorModel.build(VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f")))
        let driver = try SerranoVerify.SystolicArrayDriver(try model.makeSimulator(), rows: 2, columns: 2)
        #expect(throws: SerranoVerify.SystolicArrayDriver.ShapeError.self) { try driver.multiply([[1, 2, 3]], [[1, 2], [3, 4]]) }
        #expect(throws: SerranoVerify.SystolicArrayDriver.ShapeError.self) { try driver.multiply([[1, 2]], [[1, 2]]) }
    }
}
