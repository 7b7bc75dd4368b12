import Foundation
import Serrano
import SerranoIR
@testable import SerranoSim
@testable import SerranoVerilator
import SerranoVerilog

/// A throwaway top module for tests: ports and body given as closures.
struct TestTop<P>: Module {
    let name: String
    let declare: (PortBuilder) -> P
    let body: (P, Circuit) -> Void

    init(_ name: String, ports: @escaping (PortBuilder) -> P, build: @escaping (P, Circuit) -> Void) {
        self.name = name
        self.declare = ports
        self.body = build
    }

    var moduleName: String { name }
    func ports(_ p: PortBuilder) -> P { declare(p) }
    func build(_ io: P, _ c: Circuit) { body(io, c) }
}

/// Two fields of different types and signedness, the aggregate most tests use.
struct Pair: Aggregate {
    var x: Signal
    var y: Signal

    init(_ f: Fields) {
        x = f.field("x", .uint(8))
        y = f.field("y", .sint(4))
    }
}

/// A DMA-style request: an address, a length and a nested header.
struct Request: Aggregate {
    var addr: Signal
    var len: Signal
    var header: Header

    struct Header: Aggregate {
        var tag: Signal
        var write: Signal
        init(_ f: Fields) {
            tag = f.field("tag", .uint(3))
            write = f.field("write", .bool)
        }
    }

    init(_ f: Fields) { self.init(f, addressWidth: 16) }

    init(_ f: Fields, addressWidth: Int) {
        addr = f.field("addr", .uint(addressWidth))
        len = f.field("len", .uint(6))
        header = f.field("header", Header.self)
    }
}

/// The same design on both simulators.
enum Backends {
    /// The IR interpreter and a Verilator model of `top`, each with a name for messages.
    static func both<M: Module>(_ top: M) throws -> [(name: String, sim: any Simulator)] {
        let design = try Elaboration.elaborate(top).get()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-streams-\(design.topName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try VerilogPrinter.print(design).write(to: folder)
        let model = try VerilatorModel.build(VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f")))
        return [("interpreter", try IRInterpreter(design: design)), ("verilator", try model.makeSimulator())]
    }
}
