import Foundation
import Serrano
import SerranoExamples
import SerranoIR
import SerranoVerilog
import Testing

/// A decoder written with `c.switch` on a plain value (no enum).
private struct Decoder: Module {
    struct Ports { let op: Signal; let a: Signal; let y: Signal }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(op: p.input("op", .uint(3)), a: p.input("a", .uint(8)), y: p.output("y", .uint(8)))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let y = c.wire("result", .uint(8))
        c.switch(io.op) { s in
            s.is(0) { y.assign(io.a) }
            s.is(1) { y.assign(~io.a) }
            s.is(5) { y.assign(io.a &+ 1) }
            s.default { y.assign(0) }
        }
        io.y.assign(y)
    }
}

/// The Verilog of state machines and switches: localparams, `case`, and every tool clean.
@Suite struct StateMachineVerilogTests {
    @Test("an enum state machine prints localparam names and a case; its checks sit in ifndef SYNTHESIS")
    func controllerText() throws {
        let design = try ExampleDesigns.design("controller")
        let text = try VerilogPrinter.print(module: "Controller", of: design)
        #expect(text.contains("localparam [1:0] PHASE_COMPUTE = 2'h2;"))
        #expect(text.contains("        case (phase)"))
        #expect(text.contains("            PHASE_LOAD: phase_next = PHASE_COMPUTE;"))
        #expect(text.contains("if (reset) phase <= PHASE_IDLE;"))
        #expect(text.contains("`ifndef SYNTHESIS"))
        #expect(text.contains("$display(\"assert failed in %m: Controller.swift:"))
        let files = try VerilogPrinter.print(design)
        let states = try #require(files.first { $0.name == "Controller.states.json" })
        #expect(states.contents.contains("\"Controller.phase\": {"))
        #expect(states.contents.contains("\"0x2\": \"compute\""))
    }

    @Test("a switch on a plain value prints as a case with a default")
    func switchPrintsCase() throws {
        let design = try Elaboration.elaborate(Decoder()).get()
        let text = try VerilogPrinter.print(module: design.topName, of: design)
        #expect(text.contains("        case (op)"), "\(text)")
        #expect(text.contains("            3'h5: result_next = "))
        #expect(text.contains("            default: result_next = 8'h0;"))
        #expect(!text.contains("?"), "no ternary left in \(text)")
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: "decoder")
        for report in try VerilogChecks.all(files: files, top: design.topName, synthesize: true) {
            #expect(report.isClean, "\(report.tool.rawValue) in \(directory.path):\n\(report.findings.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("the one-hot controller passes Verilator -Wall, Yosys synthesis (no latches) and Icarus")
    func oneHotIsClean() throws {
        let design = try Elaboration.elaborate(ControllerExample(encoding: .oneHot)).get()
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: "controller-onehot")
        let text = try VerilogPrinter.print(module: design.topName, of: design)
        #expect(text.contains("localparam [3:0] PHASE_DRAIN = 4'h8;"))
        let reports = try VerilogChecks.all(files: files, top: design.topName, synthesize: true)
        for report in reports {
            #expect(report.isClean, "\(report.tool.rawValue) in \(directory.path):\n\(report.findings.map(\.description).joined(separator: "\n"))")
        }
        if reports.allSatisfy(\.isClean) { try? FileManager.default.removeItem(at: directory) }
    }
}
