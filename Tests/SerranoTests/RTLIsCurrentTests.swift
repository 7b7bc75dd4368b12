import Foundation
import Testing
import Serrano
import SerranoExamples
import SerranoVerilog

/// `rtl/` is committed: it must be exactly what the examples generate today.
@Suite("rtl/ is current")
struct RTLIsCurrentTests {
    static let rtl = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rtl")

    @Test("every example's generated files equal the committed ones", arguments: Examples.all.map(\.name))
    func current(name: String) throws {
        let entry = try #require(Examples.named(name))
        let design = try entry.elaborate().get()
        let files = try VerilogPrinter.print(design)
        let folder = Self.rtl.appendingPathComponent(name)
        let committed = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(committed == files.map(\.name).sorted(), "rtl/\(name)/ holds other files: run `make verilog`")
        for file in files {
            let onDisk = try? String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(onDisk == file.contents, "rtl/\(name)/\(file.name) is stale: run `make verilog` and commit rtl/")
        }
    }

    @Test("printing the same design twice gives byte-identical files")
    func deterministic() throws {
        for entry in Examples.all {
            let first = try VerilogPrinter.print(try entry.elaborate().get())
            let second = try VerilogPrinter.print(try entry.elaborate().get())
            #expect(first == second, "\(entry.name) printed differently twice")
        }
    }
}
