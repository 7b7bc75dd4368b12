import Foundation
import Serrano
import SerranoIR
@testable import SerranoSim
import Testing

/// Aggregates behave like their fields, on both simulators.
@Suite("Aggregate values in simulation")
struct AggregateSimulationTests {
    struct RegisterPorts {
        let a: Pair, b: Pair, pick: Signal, load: Signal
        let held: Pair, flat: Signal, roundTrip: Pair
    }

    static let registerTop = TestTop("AggregateRegister", ports: { p in
        RegisterPorts(a: p.input("a", Pair.self), b: p.input("b", Pair.self), pick: p.input("pick", .bool),
                      load: p.input("load", .bool), held: p.output("held", Pair.self), flat: p.output("flat", .uint(12)),
                      roundTrip: p.output("round_trip", Pair.self))
    }, build: { (io: RegisterPorts, c: Circuit) in
        let held = c.reg("state", Pair.self, reset: ["x": 7, "y": -2])
        c.when(io.load) { c.connect(held, mux(io.pick, io.a, io.b)) }
        c.connect(io.held, held)
        io.flat.assign(c.flatten(held))
        c.connect(io.roundTrip, c.unflatten(c.flatten(io.a), as: Pair.self))
    })

    @Test("an aggregate register resets field by field, loads a whole mux of aggregates under when, and flattens first field lowest")
    func registerMuxFlatten() throws {
        for (backend, sim) in try Backends.both(Self.registerTop) {
            try sim.reset(cycles: 1)
            #expect(try sim.peek("held_x") == 7, "\(backend)")
            #expect(try sim.peek("held_y") == 0xE, "\(backend): -2 in 4 bits")
            #expect(try sim.peek("flat") == 0xE07, "\(backend): y above x")
            try sim.poke("a_x", 0x12)
            try sim.poke("a_y", 3)
            try sim.poke("b_x", 0x34)
            try sim.poke("b_y", 0x9)
            try sim.poke("pick", 1)
            try sim.step(1)
            #expect(try sim.peek("held_x") == 7, "\(backend): not loaded without load")
            try sim.poke("load", 1)
            try sim.step(1)
            #expect(try sim.peek("held_x") == 0x12 && sim.peek("held_y") == 3, "\(backend): picked a")
            try sim.poke("pick", 0)
            try sim.step(1)
            #expect(try sim.peek("held_x") == 0x34 && sim.peek("held_y") == 9, "\(backend): picked b")
            #expect(try sim.peek("flat") == 0x934, "\(backend)")
            #expect(try sim.peek("round_trip_x") == 0x12 && sim.peek("round_trip_y") == 3, "\(backend): unflatten inverts flatten")
        }
    }

    struct VectorPorts {
        let writeIndex: Signal, writeValue: Pair, write: Signal, readIndex: Signal, read: Pair
    }

    static let vectorTop = TestTop("AggregateVector", ports: { p in
        VectorPorts(writeIndex: p.input("write_index", .uint(2)), writeValue: p.input("write_value", Pair.self),
                    write: p.input("write", .bool), readIndex: p.input("read_index", .uint(2)), read: p.output("read", Pair.self))
    }, build: { (io: VectorPorts, c: Circuit) in
        let lanes = c.regs("lane", count: 4, Pair.self, reset: [:])
        c.when(io.write) { c.assign(lanes, at: io.writeIndex, io.writeValue) }
        c.connect(io.read, c.select(lanes, at: io.readIndex))
    })

    @Test("a vector of aggregates is written and read at dynamic indices, like four registers")
    func vectorOfAggregates() throws {
        var random = Fixtures.random(for: "vectorOfAggregates")
        let pokes = (0..<200).map { _ in
            (index: UInt64(random.int(in: 0..<4)), x: UInt64(random.int(in: 0..<256)),
             y: UInt64(random.int(in: 0..<16)), write: random.chance(60), read: UInt64(random.int(in: 0..<4)))
        }
        for (backend, sim) in try Backends.both(Self.vectorTop) {
            try sim.reset(cycles: 1)
            var model = [(x: UInt64, y: UInt64)](repeating: (0, 0), count: 4)
            for (cycle, poke) in pokes.enumerated() {
                try sim.poke("write_index", poke.index)
                try sim.poke("write_value_x", poke.x)
                try sim.poke("write_value_y", poke.y)
                try sim.poke("write", poke.write ? 1 : 0)
                try sim.poke("read_index", poke.read)
                sim.eval()
                let expected = model[Int(poke.read)]
                #expect(try sim.peek("read_x") == expected.x && sim.peek("read_y") == expected.y, "\(backend) cycle \(cycle)")
                if poke.write { model[Int(poke.index)] = (poke.x, poke.y) }
                try sim.step(1)
            }
        }
    }
}
