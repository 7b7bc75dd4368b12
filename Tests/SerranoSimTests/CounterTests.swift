import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Counter through Verilator")
struct CounterTests {
    @Test("reset clears the count, enable counts one per cycle, and the count wraps")
    func countsAndWraps() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        let enable = try sim.port("enable"), count = try sim.port("count"), wrapped = try sim.port("wrapped")
        try sim.reset(cycles: 2)
        #expect(try sim.peek(count) == 0)
        try sim.poke(enable, 1)
        try sim.step(10)
        #expect(try sim.peek(count) == 10)
        try sim.poke(enable, 0)
        try sim.step(5)
        #expect(try sim.peek(count) == 10)
        try sim.poke(enable, 1)
        try sim.step(245)
        #expect(try sim.peek(count) == 255)
        sim.eval()
        #expect(try sim.peek(wrapped) == 1)
        try sim.step(1)
        #expect(try sim.peek(count) == 0)
        #expect(sim.cycle == 263)
    }

    @Test("the port table lists name, direction and width in declaration order")
    func portTable() throws {
        let model = try VerilatorModel.build(Fixtures.counter)
        #expect(model.ports == [
            PortInfo(name: "clock", direction: .input, width: 1),
            PortInfo(name: "reset", direction: .input, width: 1),
            PortInfo(name: "enable", direction: .input, width: 1),
            PortInfo(name: "count", direction: .output, width: 8),
            PortInfo(name: "wrapped", direction: .output, width: 1),
        ])
    }

    @Test("a signal marked verilator public can be peeked by hierarchical name")
    func peekPublicSignal() throws {
        let sim = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        try sim.reset(cycles: 1)
        try sim.poke("enable", 1)
        try sim.step(7)
        // `previous` lags `count` by one cycle.
        #expect(try sim.peekSignal("counter.previous") == BitVector(width: 8, value: 6))
        #expect(throws: SimulationError.self) { try sim.peekSignal("counter.value") }
        #expect(throws: SimulationError.self) { try sim.peekSignal("nowhere") }
    }

    @Test("misuse is an error value: unknown port, foreign handle, too-wide value, output poke, negative steps")
    func misuseIsReported() throws {
        let model = try VerilatorModel.build(Fixtures.counter)
        let first = try model.makeSimulator(), second = try model.makeSimulator()
        #expect(throws: SimulationError.unknownPort("enabel", known: ["clock", "reset", "enable", "count", "wrapped"])) {
            try first.port("enabel")
        }
        let enable = try first.port("enable")
        #expect(throws: SimulationError.foreignHandle(portIndex: 2)) { try second.poke(enable, 1) }
        #expect(throws: SimulationError.self) { try first.poke(enable, 2) }
        #expect(throws: SimulationError.notAnInput(port: "count")) { try first.poke(try first.port("count"), 1) }
        #expect(throws: SimulationError.self) { try first.step(-1) }
    }
}
