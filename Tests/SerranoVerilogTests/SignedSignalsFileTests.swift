import Foundation
import Serrano
import SerranoIR
import SerranoVerilog
import Testing

/// A child with a signed port, inside a parent with a signed register and unsigned signals.
private struct Scale: Module {
    struct Ports { let x: Signal; let y: Signal }
    func ports(_ p: PortBuilder) -> Ports { Ports(x: p.input("x", .sint(8)), y: p.output("y", .sint(9))) }
    func build(_ io: Ports, _ c: Circuit) { io.y.assign(io.x + io.x) }
}

private struct Accumulate: Module {
    struct Ports { let enable: Signal; let sample: Signal; let total: Signal; let count: Signal }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(enable: p.input("enable", .bool), sample: p.input("sample", .sint(8)),
              total: p.output("total", .sint(16)), count: p.output("count", .uint(4)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let scale = c.instance(Scale(), "scale")
        scale.x.assign(io.sample)
        let acc = c.reg("acc", .sint(16), reset: 0)
        let seen = c.reg("seen", .uint(4), reset: 0)
        c.when(io.enable) {
            acc.assign((acc &+ scale.y.extended(to: 16)))
            seen.assign(seen &+ 1)
        }
        io.total.assign(acc)
        io.count.assign(seen)
    }
}

/// `<Top>.signed.json` lists the signed signals, so that waveform tools can show them in decimal.
@Suite("Signed signals file")
struct SignedSignalsFileTests {
    @Test("the signed ports and named signals of every instance are listed, sorted; nothing else")
    func listsSignedSignals() throws {
        let files = try VerilogPrinter.print(Elaboration.elaborate(Accumulate()).get())
        let signed = try #require(files.first { $0.name == "Accumulate.signed.json" })
        #expect(signed.contents == """
            [
              "Accumulate.acc",
              "Accumulate.sample",
              "Accumulate.scale.x",
              "Accumulate.scale.y",
              "Accumulate.total"
            ]

            """)
    }

    @Test("a design without signed signals writes no signed file")
    func noSignedSignals() throws {
        struct Plain: Module {
            struct Ports { let a: Signal; let y: Signal }
            func ports(_ p: PortBuilder) -> Ports { Ports(a: p.input("a", .uint(8)), y: p.output("y", .uint(8))) }
            func build(_ io: Ports, _ c: Circuit) { io.y.assign(io.a) }
        }
        let files = try VerilogPrinter.print(Elaboration.elaborate(Plain()).get())
        #expect(!files.contains { $0.name.hasSuffix(".signed.json") })
        #expect(files.contains { $0.name == "Plain.names.json" })
    }
}
