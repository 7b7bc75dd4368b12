import Foundation
import Testing
import Serrano
import SerranoIR
import SerranoVerilog
@testable import SerranoSim
@testable import SerranoVerilator

/// A counter that must stay below `limit` (it does not: it counts on), with an assumption on its
/// input inside a `when`, and covers.
private struct Bounded: Module {
    let limit: Int
    struct Ports { let enable: Signal; let poison: Signal; let count: Signal }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(enable: p.input("enable", .bool), poison: p.input("poison", .bool), count: p.output("count", .uint(8)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let count = c.reg("value", .uint(8), reset: 0)
        c.when(io.enable) { count.assign(count &+ 1) }
        io.count.assign(count)
        c.assert(count .< limit, "the count \"stays\" below \(limit) (100%)")
        c.when(io.enable) { c.assume(!io.poison, "poison only while idle") }
        c.cover(io.enable, "enabled")
        c.cover(count .== 3, "three")
    }
}

/// The same checks one level down, in a child instance.
private struct Wrapper: Module {
    struct Ports { let enable: Signal; let count: Signal }
    func ports(_ p: PortBuilder) -> Ports { Ports(enable: p.input("enable", .bool), count: p.output("count", .uint(8))) }
    func build(_ io: Ports, _ c: Circuit) {
        let child = c.instance(Bounded(limit: 5), "inner")
        child.enable.assign(io.enable)
        child.poison.assign(0)
        io.count.assign(child.count)
    }
}

/// Three assertions failing on the same edge: the top's and two children's, the children
/// named so that plain text order (`inner10` < `inner2`) differs from natural order.
private struct ThreeAtOnce: Module {
    struct Ports { let enable: Signal; let count: Signal }
    func ports(_ p: PortBuilder) -> Ports { Ports(enable: p.input("enable", .bool), count: p.output("count", .uint(8))) }
    func build(_ io: Ports, _ c: Circuit) {
        for name in ["inner10", "inner2"] {
            let child = c.instance(Bounded(limit: 5), name)
            child.enable.assign(io.enable)
            child.poison.assign(0)
        }
        let count = c.reg("mine", .uint(8), reset: 0)
        c.when(io.enable) { count.assign(count &+ 1) }
        io.count.assign(count)
        c.assert(count .< 5, "the top's count stays below 5")
    }
}

@Suite("Assertions, assumptions and covers")
struct CheckTests {
    static func verilator(_ design: LegalDesign) throws -> VerilatorSimulator {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-checks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try VerilogPrinter.print(design).write(to: folder)
        let sources = try VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))
        return try VerilatorModel.build(sources).makeSimulator()
    }

    /// Runs until the first failure; returns it (nil when none within `cycles`).
    static func firstFailure(_ sim: any Simulator, cycles: Int, poisonAt: Int? = nil) throws -> CheckFailure? {
        try sim.reset(cycles: 2)
        try sim.poke("enable", 1)
        for cycle in 0..<cycles {
            if sim.ports.contains(where: { $0.name == "poison" }) { try sim.poke("poison", cycle == poisonAt ? 1 : 0) }
            do {
                try sim.step(1)
            } catch SimulationError.checkFailed(let failure) {
                return failure
            }
        }
        return nil
    }

    @Test("An assertion fails at the same cycle with the same message and location on both backends")
    func assertionAgreesAcrossBackends() throws {
        let design = try Elaboration.elaborate(Bounded(limit: 6)).get()
        let interpreted = try #require(try Self.firstFailure(IRInterpreter(design: design), cycles: 20))
        let verilated = try #require(try Self.firstFailure(Self.verilator(design), cycles: 20))
        // Two reset edges, then value = 0…5 on edges 2…7 pass; edge 8 sees 6.
        #expect(interpreted.cycle == 8)
        #expect(interpreted.kind == "assert")
        #expect(interpreted.location == "CheckTests.swift:21")
        #expect(interpreted.message == "the count \"stays\" below 6 (100%)")
        #expect(interpreted.instancePath == "")
        #expect(verilated == interpreted)
        #expect(interpreted.description == "CheckTests.swift:21: assertion failed at cycle 8: the count \"stays\" below 6 (100%)")
    }

    @Test("A check in a child names the instance; the simulator can run on after a failure")
    func childCheck() throws {
        let design = try Elaboration.elaborate(Wrapper()).get()
        for sim in [try IRInterpreter(design: design) as any Simulator, try Self.verilator(design)] {
            let failure = try #require(try Self.firstFailure(sim, cycles: 20))
            #expect(failure.cycle == 7)
            #expect(failure.instancePath == "inner")
            #expect(sim.cycle == 8)
            // The next edge fails again (value is 6 now): each failing edge is reported.
            #expect(throws: SimulationError.checkFailed(CheckFailure(kind: "assert", cycle: 8, location: failure.location,
                                                                      message: failure.message, instancePath: "inner"))) {
                try sim.step(1)
            }
        }
    }

    @Test("Checks failing on one edge are reported alike on both backends: the top's first, then by instance path")
    func simultaneousFailuresAgree() throws {
        let design = try Elaboration.elaborate(ThreeAtOnce()).get()
        let interpreted = try #require(try Self.firstFailure(IRInterpreter(design: design), cycles: 20))
        let verilated = try #require(try Self.firstFailure(Self.verilator(design), cycles: 20))
        #expect(verilated == interpreted)
        #expect(interpreted.cycle == 7)
        #expect(interpreted.message == "the top's count stays below 5")
        #expect(interpreted.others.map(\.instancePath) == ["inner2", "inner10"])
        #expect(interpreted.others.allSatisfy { $0.cycle == 7 && $0.location == "CheckTests.swift:21" })
        #expect(interpreted.description.split(separator: "\n").count == 3)
    }

    @Test("An assumption inside a when is checked only when the branch is taken")
    func assumptionInWhen() throws {
        let design = try Elaboration.elaborate(Bounded(limit: 200)).get()
        for sim in [try IRInterpreter(design: design) as any Simulator, try Self.verilator(design)] {
            let failure = try #require(try Self.firstFailure(sim, cycles: 20, poisonAt: 4))
            #expect(failure.kind == "assume")
            #expect(failure.cycle == 6)
            #expect(failure.message == "poison only while idle")
            // Poison while disabled is fine.
            try sim.poke("enable", 0)
            try sim.poke("poison", 1)
            try sim.step(3)
        }
    }

    @Test("Covers count the checked edges outside reset, the same on both backends")
    func coverCounts() throws {
        let design = try Elaboration.elaborate(Bounded(limit: 200)).get()
        var counts: [[UInt64]] = []
        for sim in [try IRInterpreter(design: design) as any Simulator, try Self.verilator(design)] {
            try sim.reset(cycles: 3)
            for cycle in 0..<10 {
                try sim.poke("enable", cycle % 3 == 0 ? 0 : 1)
                try sim.step(1)
            }
            counts.append([try sim.coverCount("enabled"), try sim.coverCount("three")])
            #expect(throws: SimulationError.self) { try sim.coverCount("missing") }
        }
        #expect(counts[0] == [6, 1])  // enabled on 6 of 10 edges; the value is 3 at one edge
        #expect(counts[1] == counts[0])
    }

    @Test("Misused checks are diagnostics")
    func misuse() throws {
        struct Bad: Module {
            struct Ports { let a: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(4))) }
            func build(_ io: Ports, _ c: Circuit) {
                c.assert(io.a, "wide")
                c.cover(io.a .== 1, "not a name")
                c.cover(io.a .== 1, "twice")
                c.cover(io.a .== 2, "twice")
                c.assert(io.a .== 1, "two\nlines")
            }
        }
        guard case .failure(let error) = Elaboration.elaborate(Bad()) else {
            Issue.record("elaborated")
            return
        }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("must be a 1-bit Bool") })
        #expect(messages.contains { $0.contains("'not a name' is not a legal Verilog identifier") })
        #expect(messages.contains { $0.contains("cover 'twice' is declared twice") })
        #expect(messages.contains { $0.contains("spans several lines") })
    }
}
