import Foundation
import SerranoVerilog
import Testing

/// `serrano lint` finds designs by their file lists, in nested directories, and refuses bad input.
@Suite struct LintUnitTests {
    @Test func findsEachDesignByItsFileListAndLooseFilesApart() throws {
        let root = try scratchDirectory("discover")
        defer { try? FileManager.default.removeItem(at: root) }
        try VerilogPrinter.print(try TestDesigns.registers()).write(to: root.appendingPathComponent("registers"))
        try VerilogPrinter.print(try TestDesigns.hierarchy()).write(to: root.appendingPathComponent("hierarchy"))
        try "module Loose; endmodule\n".write(to: root.appendingPathComponent("hierarchy/Loose.v"), atomically: true, encoding: .utf8)

        let units = try LintUnit.discover(in: root)
        #expect(units.map(\.top) == ["Top", nil, "Registers"])
        #expect(units[0].files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["Accumulate.v", "Scrambler.v", "Top.v"])
        #expect(units[1].files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["Loose.v"])
        #expect(try LintUnit.discover(in: root, top: "Registers").map(\.top) == ["Registers"])
        #expect(try LintUnit.discover(in: root, top: "Loose").map(\.files.count) == [1])
    }

    @Test func badInputIsAnErrorValue() throws {
        let root = try scratchDirectory("bad")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: LintUnit.DiscoveryError.nothingToLint(root.path)) { try LintUnit.discover(in: root) }
        #expect(throws: LintUnit.DiscoveryError.notADirectory(root.appendingPathComponent("missing").path)) {
            try LintUnit.discover(in: root.appendingPathComponent("missing"))
        }
        try "Gone.v\n".write(to: root.appendingPathComponent("Top.f"), atomically: true, encoding: .utf8)
        #expect(throws: LintUnit.DiscoveryError.missingListedFile(list: root.appendingPathComponent("Top.f").path, file: "Gone.v")) {
            try LintUnit.discover(in: root)
        }
    }
}
