import Foundation
import Serrano
import SerranoExamples
import SerranoIR
import SerranoSupport
import Testing
@testable import SerranoVerilog

/// The name map's JSON is written by a walk that sorts each module's names once instead of the
/// whole map; it must be exactly the map, keys sorted.
@Suite struct NameMapTests {
    static func sortedJSON(_ design: LegalDesign) -> String {
        let entries = VerilogPrinter.nameMap(design)
        let lines = entries.keys.sorted().map { "  \(JSONText.quoted($0)): \(JSONText.quoted(entries[$0] ?? $0))" }
        return lines.isEmpty ? "{}\n" : "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    @Test(arguments: [(1, 1), (3, 5), (12, 11)])
    func theWalkWritesTheMapInKeyOrder(rows: Int, columns: Int) throws {
        let design = try Elaboration.elaborate(SystolicArray(rows: rows, columns: columns)).get()
        #expect(NameMap.json(design) == Self.sortedJSON(design))
    }

    @Test func everyExampleMapIsTheSortedMap() throws {
        let designs = [
            try Elaboration.elaborate(CounterExample(limit: 10)).get(),
            try Elaboration.elaborate(ProcessingElement(accWidth: 32)).get(),
            try Elaboration.elaborate(FIFOExample()).get(),
        ]
        for design in designs { #expect(NameMap.json(design) == Self.sortedJSON(design), "\(design.topName)") }
    }
}
