import Foundation
import Serrano
import SerranoIR
@testable import SerranoSim
import Testing

/// A child with one observable wire, one observable register and one plain wire.
struct ObservedAdder: Module {
    struct Ports { let a: Signal, b: Signal, total: Signal }
    var moduleName: String { "ObservedAdder" }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(a: p.input("a", .uint(8)), b: p.input("b", .uint(8)), total: p.output("total", .uint(9)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let sum = (io.a + io.b).named("sum").observable()
        let previous = c.regNext(sum, "previous", reset: 0).observable()
        let hidden = (io.a ^ io.b).named("hidden")
        io.total.assign(mux(hidden .== 0, previous, sum))
    }
}

/// A child whose every named signal is observable.
struct Traced: Module {
    struct Ports { let a: Signal, doubled: Signal }
    var moduleName: String { "Traced" }
    func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(8)), doubled: p.output("doubled", .uint(9))) }
    func build(_ io: Ports, _ c: Circuit) {
        c.observeAll()
        let twice = (io.a + io.a).named("twice")
        io.doubled.assign(twice)
    }
}

@Suite("Observable internal signals")
struct ObservableSignalTests {
    struct TopPorts { let a: Signal, b: Signal, total: Signal, doubled: Signal }

    static let top = TestTop("Top", ports: { p in
        TopPorts(a: p.input("a", .uint(8)), b: p.input("b", .uint(8)), total: p.output("total", .uint(9)),
                 doubled: p.output("doubled", .uint(9)))
    }, build: { (io: TopPorts, c: Circuit) in
        let child = c.instance(ObservedAdder(), "child")
        child.a.assign(io.a)
        child.b.assign(io.b)
        io.total.assign(child.total)
        let traced = c.instance(Traced(), "traced")
        traced.a.assign(io.a)
        io.doubled.assign(traced.doubled)
        _ = (io.a & io.b).observable("both")
    })

    @Test("signals marked observable read the same, by the same hierarchical names, on both simulators")
    func sameNamesSameValues() throws {
        var readings: [String: [BitVector]] = [:]
        for (backend, sim) in try Backends.both(Self.top) {
            try sim.reset(cycles: 1)
            var values: [BitVector] = []
            for (a, b) in [(3, 4), (200, 100), (0x0F, 0xF0)] as [(UInt64, UInt64)] {
                try sim.poke("a", a)
                try sim.poke("b", b)
                sim.eval()
                values.append(try sim.peekSignal("Top.child.sum"))
                values.append(try sim.peekSignal("Top.child.previous"))
                values.append(try sim.peekSignal("Top.traced.twice"))
                values.append(try sim.peekSignal("Top.traced.a"))
                values.append(try sim.peekSignal("Top.both"))
                // Below the top, without its name, reads the same.
                #expect(try sim.peekSignal("child.sum") == values[values.count - 5], "\(backend)")
                try sim.step(1)
            }
            readings[backend] = values
            #expect(values[0] == BitVector(width: 9, value: 7), "\(backend): 3 + 4")
            #expect(values[5] == BitVector(width: 9, value: 300), "\(backend): 200 + 100, nine bits")
            #expect(values[1] == BitVector(width: 9, value: 0), "\(backend): previous is reset")
            #expect(values[6] == BitVector(width: 9, value: 7), "\(backend): previous lags sum by one cycle")
            #expect(values[9] == BitVector(width: 8, value: 200 & 100), "\(backend)")
            #expect(throws: SimulationError.self, "\(backend)") { try sim.peekSignal("Top.nowhere.sum") }
        }
        #expect(readings["interpreter"] == readings["verilator"])
    }

    @Test("Verilator sees only what is marked: an unmarked wire is an error naming the path")
    func unmarkedIsInvisibleOnVerilator() throws {
        let both = try Backends.both(Self.top)
        let verilator = try #require(both.last?.sim)
        #expect(throws: SimulationError.self) { try verilator.peekSignal("Top.child.hidden") }
        // The interpreter knows every signal.
        #expect(try both[0].sim.peekSignal("Top.child.hidden").width == 8)
    }
}
