import Foundation
import Serrano
import SerranoExamples
import SerranoIR
import SerranoVerilog
import Testing
@testable import SerranoBench
@testable import SerranoSim
@testable import SerranoVerilator
import SerranoSupport

/// Models built with Verilator's `--threads 2` against single-threaded ones. Verilator lays a
/// threaded model's port members out in another order (by thread affinity); the port table
/// must not follow that layout, or a testbench that walks `ports` drives other values into
/// other ports and reads its outputs in another order.
@Suite("Threaded Verilator models")
struct ThreadedModelTests {
    /// The DSL's size × size systolic array, printed to a temporary folder.
    private static func printedArray(_ size: Int) throws -> (sources: VerilogSources, design: LegalDesign, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-threads-array-\(UUID().uuidString)")
        let design = try Elaboration.elaborate(SystolicArray(rows: size, columns: size)).get()
        return (try VerilogSources(printing: design, into: folder), design, folder)
    }

    @Test("ports are listed in declaration order, with one thread or two")
    func declarationOrder() throws {
        let sources = VerilogSources(top: "port_order", files: [Fixtures.url("port_order.v")])
        for threads in [nil, 2] as [Int?] {
            let model = try VerilatorModel.build(sources, options: VerilatorOptions(trace: .none, threads: threads))
            #expect(model.ports.map(\.name) == ["a", "clock", "wide_sum", "b", "parity", "w", "total"], "threads \(threads ?? 1)")
            #expect(model.ports.map(\.width) == [32, 1, 64, 8, 1, 100, 32], "threads \(threads ?? 1)")
        }
    }

    @Test("a --threads 2 model of the 8×8 array computes what the single-threaded one does, every output every cycle")
    func threadedMatchesSingle() throws {
        let array = try Self.printedArray(8)
        defer { try? FileManager.default.removeItem(at: array.folder) }
        let models = try [nil, 2].map { try VerilatorModel.build(array.sources, options: VerilatorOptions(trace: .none, threads: $0)) }
        #expect(models[1].ports == models[0].ports)
        // Each side walks its own `ports`, as a testbench written against `Simulator` does.
        let sides = try models.map { model -> (VerilatorSimulator, PortGroup, PortGroup) in
            let sim = try model.makeSimulator()
            let inputs = sim.ports.filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }.map(\.name)
            return (sim, try sim.group(inputs), try sim.group(sim.ports.filter { $0.direction == .output }.map(\.name)))
        }
        for side in sides { try side.0.reset(cycles: 1) }
        var random = Fixtures.random(for: "ThreadedModelTests")
        var results = [[UInt64]](repeating: [UInt64](repeating: 0, count: sides[0].2.wordCount), count: 2)
        for cycle in 0..<3_000 {
            var words = [UInt64](repeating: 0, count: sides[0].1.wordCount)
            for (port, offset) in zip(sides[0].1.ports, sides[0].1.offsets) {
                words[offset] = random.next() & BitVector.mask(ofWord: 0, width: port.width)
            }
            for (index, side) in sides.enumerated() {
                try side.0.step(1, poking: side.1, words, peeking: side.2, into: &results[index])
            }
            #expect(results[1] == results[0], "cycle \(cycle) (seed \(Fixtures.seed))")
            if results[1] != results[0] { return }
        }
    }

    @Test("the bench's loop gives one checksum on the interpreter and on one- and two-thread models")
    func benchLoopAgrees() throws {
        let array = try Self.printedArray(8)
        defer { try? FileManager.default.removeItem(at: array.folder) }
        let seed = Fixtures.seed
        print("ThreadedModelTests.benchLoopAgrees seed \(seed) (replay: SERRANO_SEED=\(seed))")
        let interpreted = try ThroughputLoop.run(try IRInterpreter(design: array.design), cycles: 2_000, seed: seed, access: .batched)
        for threads in [nil, 2] as [Int?] {
            let model = try VerilatorModel.build(array.sources, options: VerilatorOptions(trace: .none, threads: threads))
            let run = try ThroughputLoop.run(try model.makeSimulator(), cycles: 2_000, seed: seed, access: .batched)
            #expect(run.checksum == interpreted.checksum, "threads \(threads ?? 1)")
        }
    }
}

/// The port order read from Verilator's XML, and applied to the model header's table.
@Suite("Port table order")
struct PortTableOrderTests {
    /// Trimmed from `verilator --xml-only` of a top with a function and a child instance; the
    /// first two pins are swapped to show that `pinIndex`, not the line order, decides.
    static let xml = """
        <module loc="c,6,8,6,11" name="sub" origName="sub">
          <var loc="c,6,30,6,31" name="i" dtype_id="3" dir="input" pinIndex="1" vartype="logic" origName="i"/>
        </module>
        <netlist>
          <module loc="c,1,8,1,11" name="top" origName="top" topModule="1">
            <var loc="c,1,45,1,50" name="clock" dtype_id="2" dir="input" pinIndex="2" vartype="logic" origName="clock"/>
            <var loc="c,1,31,1,32" name="a" dtype_id="1" dir="input" pinIndex="1" vartype="logic" origName="a"/>
            <var loc="c,1,49,1,53" name="a$b" dtype_id="2" dir="input" pinIndex="4" vartype="logic" origName="a__024b"/>
            <var loc="c,1,92,1,98" name="delete" dtype_id="3" dir="output" pinIndex="5" vartype="logic" origName="delete"/>
            <var loc="c,1,99,1,99" name="q&amp;" dtype_id="3" dir="output" pinIndex="6" vartype="logic"/>
            <var loc="c,1,70,1,71" name="y" dtype_id="3" dir="output" pinIndex="3" vartype="logic" origName="y"/>
            <var loc="c,1,80,1,81" name="internal" dtype_id="3" vartype="logic" origName="internal"/>
            <func loc="c,2,28,2,29" name="f" dtype_id="3">
              <var loc="c,2,28,2,29" name="f" dtype_id="3" dir="output" vartype="logic" origName="f"/>
              <var loc="c,2,42,2,43" name="x" dtype_id="3" dir="input" vartype="logic" origName="x"/>
            </func>
            <instance loc="c,3,7,3,8" name="u" defName="sub" origName="u">
              <port loc="c,3,23,3,24" name="o" direction="out" portIndex="2"/>
            </instance>
          </module>
          <module loc="c,9,8,9,11" name="other" origName="other">
            <var loc="c,9,30,9,31" name="z" dtype_id="3" dir="input" pinIndex="1" vartype="logic" origName="z"/>
          </module>
        </netlist>
        """

    @Test("the top module's own ports by pinIndex; functions, internals and other modules left out")
    func readsTopPorts() {
        // An escaped identifier by its header spelling (origName), one without origName by name.
        #expect(PortTable.declarationOrder(xml: Self.xml) == ["a", "clock", "y", "a__024b", "delete", "q&"])
        #expect(PortTable.declarationOrder(xml: "<netlist>\n<module name=\"top\" topModule=\"1\"/>\n</netlist>").isEmpty)
        #expect(PortTable.declarationOrder(xml: "not xml at all").isEmpty)
    }

    @Test("the header's ports follow the order; a port the order lacks keeps its place after the rest")
    func ordersHeader() {
        let table = PortTable(header: "VL_IN8(&clock,0,0);\nVL_OUT(&y,31,0);\nVL_IN64(&a,63,0);\nVL_INW(&w,99,0,4);\n")
        #expect(table.ordered(by: ["a", "clock", "y"]).entries.map(\.name) == ["a", "clock", "y", "w"])
        #expect(table.ordered(by: []).entries.map(\.name) == ["clock", "y", "a", "w"])
        #expect(table.ordered(by: ["a", "missing", "a"]).entries.map(\.name) == ["a", "clock", "y", "w"])
        // Verilator's header spells C++ keywords `__SYM__…` and escapes as `__0XX` (real lines).
        let renamed = PortTable(header: "VL_IN8(&a__024b,0,0);\nVL_IN8(&clock,0,0);\nVL_OUT8(&__SYM__delete,7,0);\nVL_IN(&__SYM__switch,31,0);\n")
        #expect(renamed.ordered(by: ["switch", "a__024b", "clock", "delete"]).entries.map(\.name)
            == ["__SYM__switch", "a__024b", "clock", "__SYM__delete"])
    }
}
