import Foundation
import SerranoIR
@testable import SerranoSim
import Testing

/// The interpreter through the `Simulator` protocol: handles, validation and clear errors.
@Suite struct InterpreterSimulatorTests {
    /// A 100-bit accumulator with reset: `total = total + addend` every cycle.
    private func accumulator() throws -> IRInterpreter {
        var t = TestModule("accumulator")
        let addend = t.input("addend", .uint(100))
        let total = t.ir.register("total", .uint(100), reset: SerranoIR.BitVector(width: 100))
        t.connect(total, t.node(.binary(.add, total, addend), .uint(100)))
        t.output("sum", .uint(100), total)
        t.output("low", .uint(8), t.node(.slice(total, high: 7, low: 0), .uint(8)))
        return try t.interpreter()
    }

    @Test func portsIncludeImplicitClockAndReset() throws {
        let sim = try accumulator()
        #expect(sim.ports.map(\.description) == ["input [0:0] clock", "input [0:0] reset", "input [99:0] addend",
                                                 "output [99:0] sum", "output [7:0] low"])
    }

    @Test func wideValuesThroughTheProtocol() throws {
        let sim = try accumulator()
        let addend = try sim.port("addend"), sum = try sim.port("sum")
        try sim.reset(cycles: 1)
        try sim.poke(addend, SerranoSim.BitVector(width: 100, words: [~0, 0]))
        try sim.step(3)
        #expect(try sim.peekBits(sum).words == [~UInt64(0) - 2, 2])  // 3 × (2^64 - 1)
        #expect(try sim.peek(sum) == ~UInt64(0) - 2)
        #expect(try sim.peek("low") == 0xFD)
        #expect(try sim.peekSignal("total").words == [~UInt64(0) - 2, 2])
        #expect(sim.cycle == 4)
    }

    @Test func misuseIsAnErrorValue() throws {
        let sim = try accumulator()
        let other = try accumulator()
        let low = try sim.port("low")
        #expect(throws: SimulationError.notAnInput(port: "low")) { try sim.poke(low, 1) }
        let foreign = try other.port("addend")
        #expect(throws: SimulationError.foreignHandle(portIndex: foreign.index)) { try sim.poke(foreign, 1) }
        #expect(throws: SimulationError.self) { try sim.port("nothing") }
        #expect(throws: SimulationError.invalidArgument("step(-1): the cycle count must not be negative")) { try sim.step(-1) }
        #expect(throws: SimulationError.self) { try sim.startTrace(to: "/tmp/serrano-trace-name.txt") }
        #expect(throws: SimulationError.self) { try sim.peekSignal("missing.signal") }
        var narrow = TestModule()
        narrow.output("out", .uint(4), narrow.input("in", .uint(4)))
        let combinational = try narrow.interpreter()
        #expect(throws: SimulationError.valueTooWide(port: "in", width: 4, value: "0x10")) { try combinational.poke(combinational.port("in"), 16) }
        #expect(throws: SimulationError.missingPort("clock", purpose: "step(_:)")) { try combinational.step(1) }
        #expect(throws: SimulationError.missingPort("reset", purpose: "reset(cycles:)")) { try combinational.reset(cycles: 1) }
        try combinational.poke(combinational.port("in"), 9)
        combinational.eval()
        #expect(try combinational.peek("out") == 9)
    }

    @Test func tracesPortsAndNamedSignalsAsVCDAndFST() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-interpreter-trace-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sim = try accumulator()
        let vcd = try sim.startTrace(to: folder.appendingPathComponent("accumulator.vcd").path)
        try sim.reset(cycles: 1)
        try sim.poke(sim.port("addend"), 3)
        try sim.step(2)
        try sim.stopTrace()
        let text = try String(contentsOfFile: vcd, encoding: .utf8)
        for name in ["clock", "reset", "addend", "sum", "low", "total"] {
            #expect(text.contains(" \(name) $end") || text.contains(" \(name) [") , "no $var for \(name)")
        }
        #expect(text.contains("$scope module accumulator $end"))
        // Verilator's timing: 1 ps ticks, inputs poked before a step at 10k+1, edges at 10k+5.
        #expect(text.contains("$timescale 1ps $end"))
        for time in ["#0", "#1", "#5", "#10", "#11", "#15", "#25"] { #expect(text.contains("\n\(time)\n"), "no \(time)") }
        #expect(text.contains("b110 "), "sum reaches 6 after two cycles of adding 3")

        let fst = try sim.startTrace(to: folder.appendingPathComponent("accumulator.fst").path)
        try sim.step(1)
        try sim.stopTrace()
        let size = (try FileManager.default.attributesOfItem(atPath: fst)[.size] as? Int) ?? 0
        #expect(size > 0)
        #expect(!FileManager.default.fileExists(atPath: fst + ".vcd"))
    }
}
